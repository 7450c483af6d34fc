package io.knetsim.tool.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.ApiServer;
import io.knetsim.api.ClusterDirectory;
import io.knetsim.api.Deployment;
import io.knetsim.api.Pod;
import io.knetsim.api.controller.ControllerManager;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.iproute.Shell;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab: kubectl on an admin host of a cluster made of an API server and its controllers only
 * (no scheduler, no kubelets: pods stay Pending), and on a host of no cluster.
 * <pre>
 *   admin ──kubectl──▶ ApiServer "C0" ◀── Deployment and ReplicaSet controllers
 *   stray ──kubectl──▶ (nothing: localhost:8080 refused)
 * </pre>
 */
class KubectlTest {
    private final World world = new World(7);
    private final NetNamespace admin = world.createNamespace("admin");
    private final NetNamespace stray = world.createNamespace("stray");
    private final ApiServer api = new ApiServer(world.sim(), "C0");
    private final Shell sh = new Shell();

    KubectlTest() {
        ControllerManager.start(api);
        ClusterDirectory.of(world).register(api, "https://10.1.0.1:6443", List.of(admin), null);
    }

    private Invocation run(String line) {
        return sh.run(admin, line);
    }

    @Test
    void aHostOfNoClusterIsRefusedAsWithoutAKubeconfig() {
        Invocation inv = sh.run(stray, "kubectl get pods");
        assertThat(inv.stderr()).isEqualTo(
            "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n");
        assertThat(inv.exitCode()).isEqualTo(1);
        Invocation v = sh.run(stray, "kubectl version");
        assertThat(v.stdout()).isEqualTo("Client Version: v1.31.0\nKustomize Version: v5.4.2\n");
        assertThat(v.exitCode()).isEqualTo(1);
        assertThat(sh.out(admin, "kubectl version")).isEqualTo(
            "Client Version: v1.31.0\nKustomize Version: v5.4.2\nServer Version: v1.31.0\n");
        assertThat(sh.out(admin, "kubectl cluster-info")).isEqualTo("Kubernetes control plane is running at "
            + "https://10.1.0.1:6443\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
    }

    @Test
    void runGetWithSelectorsOutputsAndAges() {
        assertThat(sh.out(admin, "kubectl run a --image=nginx --port=80")).isEqualTo("pod/a created\n");
        assertThat(sh.out(admin, "kubectl run b --image=busybox --labels=tier=db,app=b --restart=Never"))
            .isEqualTo("pod/b created\n");
        world.sim().runFor(SimTime.seconds(190));
        assertThat(sh.out(admin, "kubectl get pods")).isEqualTo("""
            NAME   READY   STATUS    RESTARTS   AGE
            a      0/1     Pending   0          3m10s
            b      0/1     Pending   0          3m10s
            """);
        assertThat(sh.out(admin, "kubectl get po -l tier=db -o wide")).isEqualTo("""
            NAME   READY   STATUS    RESTARTS   AGE     IP       NODE     NOMINATED NODE   READINESS GATES
            b      0/1     Pending   0          3m10s   <none>   <none>   <none>           <none>
            """);
        assertThat(sh.out(admin, "kubectl get pods --field-selector metadata.name=a -o name")).isEqualTo("pod/a\n");
        assertThat(sh.out(admin, "kubectl get pods -A --show-labels --no-headers")).isEqualTo("""
            default   a     0/1   Pending   0     3m10s   run=a
            default   b     0/1   Pending   0     3m10s   app=b,tier=db
            """);
        Invocation none = run("kubectl get pods -l app=none");
        assertThat(none.stdout()).isEmpty();
        assertThat(none.stderr()).isEqualTo("No resources found in default namespace.\n");
        assertThat(none.exitCode()).isZero();
        Invocation bad = run("kubectl get pods --field-selector spec.foo=x");
        assertThat(bad.stderr()).isEqualTo("Error from server (BadRequest): field label not supported: spec.foo\n");
        assertThat(bad.exitCode()).isEqualTo(1);
    }

    @Test
    void errorsReadAsKubectlsAndExit1() {
        assertThat(run("kubectl get foo").stderr()).isEqualTo("error: the server doesn't have a resource type \"foo\"\n");
        Invocation nf = run("kubectl get pod x");
        assertThat(nf.stderr()).isEqualTo("Error from server (NotFound): pods \"x\" not found\n");
        assertThat(nf.exitCode()).isEqualTo(1);
        Invocation del = run("kubectl delete deployment web");
        assertThat(del.stderr()).isEqualTo("Error from server (NotFound): deployments.apps \"web\" not found\n");
        assertThat(del.exitCode()).isEqualTo(1);
        Invocation invalid = run("kubectl run Web --image=nginx");
        assertThat(invalid.stderr()).startsWith("The Pod \"Web\" is invalid: \n* metadata.name: Invalid value: \"Web\": "
            + "a lowercase RFC 1123 subdomain must consist of").contains("\n* spec.containers[0].name: Invalid value");
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(run("kubectl get pods --bogus").stderr())
            .isEqualTo("error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n");
        assertThat(sh.out(admin, "kubectl create deployment web --image=nginx")).isEqualTo("deployment.apps/web created\n");
        assertThat(run("kubectl create deployment web --image=nginx").stderr())
            .isEqualTo("error: failed to create deployment: deployments.apps \"web\" already exists\n");
        assertThat(run("kubectl exec a -- ip addr").stderr()).isEqualTo("Error from server (NotFound): pods \"a\" not found\n");
        assertThat(api.list(Pod.class)).hasSize(1);
    }

    @Test
    void createDeploymentScaleAndDelete() {
        assertThat(sh.out(admin, "kubectl create deployment web --image=registry.k8s.io/serve_hostname:1.4 "
            + "--replicas=3 --port=9376")).isEqualTo("deployment.apps/web created\n");
        Deployment d = api.get(Deployment.class, "default", "web");
        assertThat(d.metadata().labels()).containsExactlyEntriesOf(java.util.Map.of("app", "web"));
        assertThat(d.spec().template().spec().containers().get(0).name()).isEqualTo("serve-hostname");
        assertThat(api.list(Pod.class)).hasSize(3);
        assertThat(sh.out(admin, "kubectl get deploy")).isEqualTo("""
            NAME   READY   UP-TO-DATE   AVAILABLE   AGE
            web    0/3     3            0           0s
            """);
        assertThat(sh.out(admin, "kubectl scale deployment web --replicas=1")).isEqualTo("deployment.apps/web scaled\n");
        assertThat(api.list(Pod.class)).hasSize(1);
        assertThat(sh.out(admin, "kubectl delete deploy web")).isEqualTo("deployment.apps \"web\" deleted\n");
        assertThat(api.list(Pod.class)).isEmpty();
        assertThat(sh.out(admin, "kubectl create namespace shop")).isEqualTo("namespace/shop created\n");
        assertThat(sh.out(admin, "kubectl get ns shop -o name")).isEqualTo("namespace/shop\n");
    }

    @Test
    void applyCreatesThenLeavesUnchangedThenConfigures() {
        admin.files().write("/root/shop.yaml", """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: web
                    image: nginx
                    ports:
                    - containerPort: 80
            """);
        assertThat(sh.out(admin, "kubectl apply -f shop.yaml"))
            .isEqualTo("namespace/shop created\ndeployment.apps/web created\n");
        assertThat(sh.out(admin, "kubectl apply -f /root/shop.yaml"))
            .isEqualTo("namespace/shop unchanged\ndeployment.apps/web unchanged\n");
        admin.files().write("/root/shop.yaml", admin.files().readString("/root/shop.yaml").replace("replicas: 2",
            "replicas: 4"));
        assertThat(sh.out(admin, "kubectl apply -f shop.yaml"))
            .isEqualTo("namespace/shop unchanged\ndeployment.apps/web configured\n");
        assertThat(api.list(Pod.class, "shop", "app=web")).hasSize(4);
        assertThat(api.get(Deployment.class, "shop", "web").metadata().annotations()
            .get(KubectlSession.LAST_APPLIED)).isEqualTo("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
                + "\"metadata\":{\"annotations\":{},\"name\":\"web\",\"namespace\":\"shop\"},\"spec\":{\"replicas\":4,"
                + "\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},"
                + "\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"web\",\"ports\":[{\"containerPort\":80}]}]}}}}\n");
        assertThat(sh.out(admin, "kubectl get deploy web -n shop -o yaml")).contains("metadata:\n  annotations:\n"
            + "    kubectl.kubernetes.io/last-applied-configuration: |\n      {\"apiVersion\":\"apps/v1\"");
        admin.files().write("/root/web.json", "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
            + "\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\"}}");
        assertThat(sh.out(admin, "kubectl delete -f web.json")).isEqualTo("deployment.apps \"web\" deleted\n");
        assertThat(api.list(Pod.class, "shop", "app=web")).isEmpty();
    }

    @Test
    void aMalformedManifestNamesFileAndFieldAndCreatesNothing() {
        admin.files().write("/root/bad.yaml", """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: three
            """);
        Invocation inv = run("kubectl apply -f bad.yaml");
        assertThat(inv.stderr()).isEqualTo("Error from server (BadRequest): error when creating \"bad.yaml\": Deployment "
            + "in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field "
            + "DeploymentSpec.spec.replicas of type int32\n");
        assertThat(inv.exitCode()).isEqualTo(1);
        assertThat(inv.stdout()).isEmpty();
        assertThat(run("kubectl get ns shop").exitCode()).isEqualTo(1);

        admin.files().write("/root/nokind.yaml", "metadata:\n  name: x\n");
        assertThat(run("kubectl create -f nokind.yaml").stderr()).isEqualTo("error: error validating \"nokind.yaml\": "
            + "error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn "
            + "validation off with --validate=false\n");
        admin.files().write("/root/crd.yaml", "apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n");
        assertThat(run("kubectl apply -f crd.yaml").stderr()).isEqualTo("error: resource mapping not found for name: "
            + "\"x\" namespace: \"\" from \"crd.yaml\": no matches for kind \"Foo\" in version \"v1\"\n"
            + "ensure CRDs are installed first\n");
        admin.files().write("/root/syntax.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: [\n");
        assertThat(run("kubectl apply -f syntax.yaml").stderr())
            .startsWith("error: error parsing syntax.yaml: error converting YAML to JSON: yaml: line ");
        assertThat(run("kubectl apply -f missing.yaml").stderr())
            .isEqualTo("error: the path \"missing.yaml\" does not exist\n");
        admin.files().write("/root/invalid.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec: {}\n");
        Invocation invalid = run("kubectl create -f invalid.yaml");
        assertThat(invalid.stderr()).isEqualTo("The Pod \"x\" is invalid: spec.containers: Required value\n");
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(api.list(Pod.class)).isEmpty();
    }

    @Test
    void yamlAndJsonRoundTripThroughCreate() {
        sh.out(admin, "kubectl run box --image=busybox --port=8080");
        String yaml = sh.out(admin, "kubectl get pod box -o yaml");
        assertThat(yaml).startsWith("""
            apiVersion: v1
            kind: Pod
            metadata:
              creationTimestamp: "1970-01-01T00:00:00Z"
              labels:
                run: box
              name: box
              namespace: default
              resourceVersion: "2"
            """.replace("\"2\"", "\"" + api.get(Pod.class, "default", "box").metadata().resourceVersion() + "\""));
        assertThat(yaml).contains("""
            spec:
              containers:
              - image: busybox
                name: box
                ports:
                - containerPort: 8080
                  protocol: TCP
              restartPolicy: Always
            status:
              phase: Pending
            """);
        Pod before = api.get(Pod.class, "default", "box");
        admin.files().write("/root/box.yaml", yaml);
        admin.files().write("/root/box.json", sh.out(admin, "kubectl get pod box -o json"));
        assertThat(sh.out(admin, "kubectl delete pod box")).isEqualTo("pod \"box\" deleted\n");
        assertThat(sh.out(admin, "kubectl create -f box.yaml")).isEqualTo("pod/box created\n");
        assertThat(api.get(Pod.class, "default", "box").spec()).isEqualTo(before.spec());
        sh.out(admin, "kubectl delete pod box");
        assertThat(sh.out(admin, "kubectl create -f box.json")).isEqualTo("pod/box created\n");
        assertThat(api.get(Pod.class, "default", "box").spec()).isEqualTo(before.spec());
        assertThat(sh.out(admin, "kubectl get pods -o json")).startsWith("{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n");
    }
}
