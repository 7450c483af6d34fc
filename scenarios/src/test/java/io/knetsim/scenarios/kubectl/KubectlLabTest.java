package io.knetsim.scenarios.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.scenarios.cluster.ClusterSpec;
import io.knetsim.scenarios.cluster.ClusterWorld;
import io.knetsim.tool.Invocation;
import org.junit.jupiter.api.Test;

/**
 * Lab: kubectl on the workers of the default two-cluster world; each host talks to its own
 * cluster's API server, and {@code kubectl exec} runs commands in a pod's network namespace.
 * <pre>
 *   C0w1 $ kubectl ... ──▶ C0 API server ──▶ scheduler ──▶ kubelets of C0w1 C0w2 C0w3 (pods on flannel VXLAN)
 *   C1w1 $ kubectl ... ──▶ C1 API server (a different cluster: sees none of C0's pods)
 * </pre>
 */
class KubectlLabTest {
    private final ClusterWorld w = ClusterWorld.twoClusters(1, ClusterSpec.FLANNEL_VXLAN).boot();
    private final NetNamespace c0w1 = w.world().namespace("C0w1");

    private Invocation run(NetNamespace h, String line) {
        return w.runner().run(h, line);
    }

    private String out(NetNamespace h, String line) {
        Invocation inv = run(h, line);
        assertThat(inv.stderr()).as("stderr of %s", line).isEmpty();
        assertThat(inv.exitCode()).as("exit status of %s", line).isZero();
        return inv.stdout();
    }

    @Test
    void aDeploymentRunsOnTheWorkersAndEachClusterSeesOnlyItsOwn() {
        assertThat(out(c0w1, "kubectl get nodes")).isEqualTo("""
            NAME   STATUS   ROLES    AGE   VERSION
            c0w1   Ready    <none>   1s    v1.31.0
            c0w2   Ready    <none>   1s    v1.31.0
            c0w3   Ready    <none>   1s    v1.31.0
            """);
        assertThat(out(c0w1, "kubectl create deployment web --image=nginx --replicas=2 --port=80"))
            .isEqualTo("deployment.apps/web created\n");
        assertThat(out(c0w1, "kubectl get pods -o wide")).isEqualTo("""
            NAME                   READY   STATUS    RESTARTS   AGE   IP            NODE   NOMINATED NODE   READINESS GATES
            web-844f7cb6fb-6sbhn   1/1     Running   0          0s    11.15.64.2    c0w1   <none>           <none>
            web-844f7cb6fb-flshn   1/1     Running   0          0s    11.13.176.2   c0w2   <none>           <none>
            """);
        assertThat(out(c0w1, "kubectl get rs -o wide")).isEqualTo("""
            NAME             DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES   SELECTOR
            web-844f7cb6fb   2         2         2       0s    nginx        nginx    app=web,pod-template-hash=844f7cb6fb
            """);
        w.world().sim().runFor(io.knetsim.sim.SimTime.seconds(130));
        assertThat(out(w.world().namespace("C0e1"), "kubectl get deploy")).isEqualTo("""
            NAME   READY   UP-TO-DATE   AVAILABLE   AGE
            web    2/2     2            2           2m10s
            """);
        Invocation other = run(w.world().namespace("C1w1"), "kubectl get pods");
        assertThat(other.stdout()).isEmpty();
        assertThat(other.stderr()).isEqualTo("No resources found in default namespace.\n");
        assertThat(out(c0w1, "kubectl scale deploy web --replicas=1")).isEqualTo("deployment.apps/web scaled\n");
        assertThat(out(c0w1, "kubectl get pods -o name")).isEqualTo("pod/web-844f7cb6fb-6sbhn\n");
        assertThat(out(c0w1, "kubectl delete deployment web")).isEqualTo("deployment.apps \"web\" deleted\n");
        assertThat(run(c0w1, "kubectl get pods").stderr()).isEqualTo("No resources found in default namespace.\n");
        assertThat(w.cluster("C0").worker("w1").kubelet().runningPods()).isZero();
    }

    @Test
    void describeShowsThePodItsContainersConditionsAndEvents() {
        assertThat(out(c0w1, "kubectl run box --image=busybox")).isEqualTo("pod/box created\n");
        w.world().sim().runFor(io.knetsim.sim.SimTime.seconds(5));
        String d = out(c0w1, "kubectl describe pod box");
        assertThat(d).startsWith("""
            Name:             box
            Namespace:        default
            Priority:         0
            Service Account:  default
            Node:             c0w1/10.0.0.3
            Start Time:       Thu, 01 Jan 1970 00:00:01 +0000
            Labels:           run=box
            Annotations:      <none>
            Status:           Running
            IP:               11.15.64.2
            IPs:
              IP:  11.15.64.2
            Containers:
              box:
            """);
        assertThat(d).contains("""
                Image:          busybox
                Image ID:       busybox
                Port:           <none>
                Host Port:      <none>
                State:          Running
                  Started:      Thu, 01 Jan 1970 00:00:01 +0000
                Ready:          True
                Restart Count:  0
                Environment:    <none>
                Mounts:         <none>
            Conditions:
              Type                        Status
              PodScheduled                True\s
            """);
        assertThat(d).endsWith("""
            Volumes:                      <none>
            QoS Class:                    BestEffort
            Node-Selectors:               <none>
            Tolerations:                  <none>
            Events:
              Type    Reason     Age   From               Message
              ----    ------     ----  ----               -------
              Normal  Scheduled  5s    default-scheduler  Successfully assigned default/box to c0w1
              Normal  Pulled     5s    kubelet            Container image "busybox" already present on machine
              Normal  Created    5s    kubelet            Created container box
              Normal  Started    5s    kubelet            Started container box
            """);
    }

    @Test
    void execRunsInThePodsNetworkNamespaceWithTheCommandsExitStatus() {
        out(c0w1, "kubectl run box --image=busybox");
        out(c0w1, "kubectl run web --image=nginx --port=80");
        String ip = w.cluster("C0").api().get(io.knetsim.api.Pod.class, "default", "web").status().podIP();
        String ping = out(c0w1, "kubectl exec box -- ping -c 1 " + ip);
        assertThat(ping).startsWith("PING " + ip + " (" + ip + ") 56(84) bytes of data.\n64 bytes from " + ip)
            .contains("1 packets transmitted, 1 received, 0% packet loss");
        Invocation fail = run(c0w1, "kubectl exec box -- ping -c 1 -W 1 192.0.2.1");
        assertThat(fail.stderr()).endsWith("command terminated with exit code 1\n");
        assertThat(fail.exitCode()).isEqualTo(1);
        assertThat(run(c0w1, "kubectl exec box ping").stderr()).isEqualTo("error: exec [POD] [COMMAND] is not "
            + "supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
        assertThat(run(c0w1, "kubectl exec nope -- ip addr").stderr())
            .isEqualTo("Error from server (NotFound): pods \"nope\" not found\n");
    }
}
