package io.knetsim.tool.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.ApiServer;
import io.knetsim.api.ClusterDirectory;
import io.knetsim.api.IntOrString;
import io.knetsim.api.Service;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceAllocator;
import io.knetsim.api.controller.ControllerManager;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.iproute.Shell;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lab: {@code kubectl expose} puts a Service in front of what a Deployment, ReplicaSet or Pod
 * selects, on an admin host of a cluster with the Service kinds (API server, controllers and
 * the ClusterIP allocator; no kubelets); then {@code kubectl get svc,endpointslices}, one table a type.
 * <pre>
 *   admin ──kubectl expose deployment web --port=8888 --target-port=9376──▶ ApiServer "C0"
 *                                                 Service web {selector app=web, 8888 ─▶ 9376}
 * </pre>
 */
class KubectlExposeTest {
    private final World world = new World(7);
    private final NetNamespace admin = world.createNamespace("admin");
    private final ApiServer api = new ApiServer(world.sim(), "C0");
    private final Shell sh = new Shell();

    KubectlExposeTest() {
        ControllerManager.start(api);
        ServiceAllocator.install(api, ServiceAllocator.DEFAULT_SERVICE_CIDR);
        ClusterDirectory.of(world).register(api, "https://10.1.0.1:6443", List.of(admin), null);
    }

    private Invocation run(String line) {
        return sh.run(admin, line);
    }

    @Test
    void aDeploymentIsExposedWithItsSelectorLabelsAndTheGivenPorts() {
        sh.out(admin, "kubectl create deployment hostnames --image=registry.k8s.io/serve_hostname --replicas=5");
        assertThat(sh.out(admin, "kubectl expose deployment hostnames --port=8888 --target-port=9376"))
            .isEqualTo("service/hostnames exposed\n");
        Service svc = api.get(Service.class, "default", "hostnames");
        // the Deployment's matchLabels become the selector, its labels the Service's labels
        assertThat(svc.spec().selector()).containsExactlyEntriesOf(Map.of("app", "hostnames"));
        assertThat(svc.metadata().labels()).containsExactlyEntriesOf(Map.of("app", "hostnames"));
        assertThat(svc.spec().type()).isEqualTo("ClusterIP");
        assertThat(svc.spec().ports()).containsExactly(new ServicePort(null, "TCP", 8888, IntOrString.of(9376), null));
        assertThat(svc.spec().clusterIP()).startsWith("10.");
    }

    @Test
    void withoutPortTheContainerPortsAreReusedAndTypeAndNameApply() {
        sh.out(admin, "kubectl create deployment web --image=nginx --port=80");
        assertThat(sh.out(admin, "kubectl expose deploy/web --type=NodePort --name=web-np"))
            .isEqualTo("service/web-np exposed\n");
        Service svc = api.get(Service.class, "default", "web-np");
        assertThat(svc.spec().type()).isEqualTo("NodePort");
        ServicePort p = svc.spec().ports().get(0);
        assertThat(p.port()).isEqualTo(80);
        assertThat(p.targetPort()).isEqualTo(IntOrString.of(80));
        assertThat(p.nodePort()).isBetween(30000, 32767);
        // a named target port stays a name, resolved per pod by the EndpointSlice controller
        sh.out(admin, "kubectl run db --image=busybox --port=5432");
        assertThat(sh.out(admin, "kubectl expose pod db --port=5432 --target-port=pg")).isEqualTo("service/db exposed\n");
        assertThat(api.get(Service.class, "default", "db").spec().selector()).containsExactlyEntriesOf(Map.of("run", "db"));
        assertThat(api.get(Service.class, "default", "db").spec().ports().get(0).targetPort()).isEqualTo(IntOrString.of("pg"));
    }

    @Test
    void errorsReadAsKubectlsAndCreateNothing() {
        sh.out(admin, "kubectl create deployment bare --image=busybox");
        Invocation noPort = run("kubectl expose deployment bare");
        assertThat(noPort.stderr()).isEqualTo("error: couldn't find port via --port flag or introspection\n"
            + "See 'kubectl expose -h' for help and examples\n");
        assertThat(noPort.exitCode()).isEqualTo(1);
        assertThat(run("kubectl expose deployment nope --port=80").stderr())
            .isEqualTo("Error from server (NotFound): deployments.apps \"nope\" not found\n");
        assertThat(run("kubectl expose namespace default --port=80").stderr()).isEqualTo("error: cannot expose a Namespace\n");
        assertThat(run("kubectl expose deployment").stderr())
            .isEqualTo("error: resource(s) were provided, but no name was specified\n");
        assertThat(sh.out(admin, "kubectl expose deployment bare --port=80")).isEqualTo("service/bare exposed\n");
        assertThat(run("kubectl expose deployment bare --port=80").stderr())
            .isEqualTo("Error from server (AlreadyExists): services \"bare\" already exists\n");
        assertThat(api.list(Service.class)).hasSize(1);
    }

    @Test
    void severalTypesInOneGetPrintOneTableEachWithKindsInTheNames() {
        sh.out(admin, "kubectl create deployment web --image=nginx --port=80");
        sh.out(admin, "kubectl expose deployment web");
        String ip = api.get(Service.class, "default", "web").spec().clusterIP();
        String pad = " ".repeat(ip.length() - "CLUSTER-IP".length());
        assertThat(sh.out(admin, "kubectl get deploy,svc")).isEqualTo(
            "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\n"
                + "deployment.apps/web   0/1     1            0           0s\n"
                + "\n"
                + "NAME          TYPE        CLUSTER-IP" + pad + "   EXTERNAL-IP   PORT(S)   AGE\n"
                + "service/web   ClusterIP   " + ip + "   <none>        80/TCP    0s\n");
        assertThat(sh.out(admin, "kubectl get svc,deploy -o name")).isEqualTo("service/web\ndeployment.apps/web\n");
        // a type with nothing to show prints no table; nothing at all says so on stderr
        assertThat(run("kubectl get rs,svc -l app=none").stdout()).isEmpty();
        assertThat(run("kubectl get rs,svc -l app=none").stderr()).isEqualTo("No resources found in default namespace.\n");
        assertThat(run("kubectl get svc,foo").stderr()).isEqualTo("error: the server doesn't have a resource type \"foo\"\n");
    }

    @Test
    void describeServiceShowsItsPortsAndTheEndpointsOfItsSlices() {
        sh.out(admin, "kubectl create deployment hostnames --image=registry.k8s.io/serve_hostname");
        sh.out(admin, "kubectl expose deployment hostnames --type=NodePort --port=8888 --target-port=9376");
        Service svc = api.get(Service.class, "default", "hostnames");
        // the EndpointSlice controller is not running here: write the slice it would write
        List<io.knetsim.api.EndpointSlice.Endpoint> eps = new java.util.ArrayList<>();
        for (String ip : List.of("11.10.16.6", "11.15.64.5", "11.13.176.6", "11.13.176.5")) {
            eps.add(new io.knetsim.api.EndpointSlice.Endpoint(List.of(ip), null, "c0w1", null));
        }
        api.create(new io.knetsim.api.EndpointSlice(null, null, io.knetsim.api.ObjectMeta.of("default", "hostnames-abcde",
            Map.of(io.knetsim.api.EndpointSlice.SERVICE_NAME_LABEL, "hostnames")), "IPv4", eps,
            List.of(new io.knetsim.api.EndpointSlice.EndpointPort("", "TCP", 9376))));
        String ip = svc.spec().clusterIP();
        int np = svc.spec().ports().get(0).nodePort();
        assertThat(sh.out(admin, "kubectl describe svc hostnames")).isEqualTo(
            "Name:                     hostnames\n"
                + "Namespace:                default\n"
                + "Labels:                   app=hostnames\n"
                + "Annotations:              <none>\n"
                + "Selector:                 app=hostnames\n"
                + "Type:                     NodePort\n"
                + "IP Family Policy:         SingleStack\n"
                + "IP Families:              IPv4\n"
                + "IP:                       " + ip + "\n"
                + "IPs:                      " + ip + "\n"
                + "Port:                     <unset>  8888/TCP\n"
                + "TargetPort:               9376/TCP\n"
                + "NodePort:                 <unset>  " + np + "/TCP\n"
                + "Endpoints:                11.10.16.6:9376,11.15.64.5:9376,11.13.176.6:9376 + 1 more...\n"
                + "Session Affinity:         None\n"
                + "External Traffic Policy:  Cluster\n"
                + "Internal Traffic Policy:  Cluster\n"
                + "Events:                   <none>\n");
    }
}
