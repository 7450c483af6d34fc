package io.knetsim.scenarios.labs;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.api.ApiServer;
import io.knetsim.api.Pod;
import io.knetsim.ingress.IngressRoute;
import io.knetsim.net.NetNamespace;
import io.knetsim.scenarios.cluster.Cluster;
import io.knetsim.scenarios.scenario.Flannel;
import io.knetsim.scenarios.scenario.Scenario;
import io.knetsim.scenarios.scenario.ScenarioCluster;
import io.knetsim.scenarios.scenario.ScenarioIngress;
import io.knetsim.scenarios.scenario.ScenarioPod;
import io.knetsim.scenarios.scenario.ScenarioWorld;
import io.knetsim.scenarios.scenario.StaticVip;
import io.knetsim.scenarios.shell.Session;
import io.knetsim.tool.Invocation;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Lab 4 (docs/labs/04-ingress.md) as a unit test: build the lab's part of the default world with
 * the Java DSL (cluster C0, four fixed-message pods behind two static VIPs, the labs' ingress
 * {@code grp1} in front of them, kube-proxy for the NodePorts of parts 4 and 5), do the lab's
 * hands-on steps, and assert what a learner should see. Copy it, change a route, a message or a
 * manifest and run it:
 *
 * <pre>
 *   mvn -B -q -pl scenarios -am test -Dtest=Lab04IngressTest -Dsurefire.failIfNoSpecifiedTests=false
 *
 *   s0 ─┬─ C0e1 10.1.0.1   (etcd; a client outside the pod network)
 *       ├─ C0w1 10.0.0.3   [c1]  nginx grp1 :8001  /svc1 -&gt; 100.64.11.1:8000 (ic0 S1-W2, ic1 S1-W3)
 *       │                                          /svc2 -&gt; 100.64.11.2:8000 (ic2 S2-W2, ic3 S2-W3)
 *       ├─ C0w2 10.0.0.4   [ic0, ic2]
 *       └─ C0w3 10.0.0.5   [ic1, ic3]
 *   every worker :30080 ─NodePort─▶ ingress-nginx controller pod :80 ─▶ web, api pods
 *   every worker :30081 ─NodePort─▶ gateway controller pod :80 ─▶ blue, green pods
 * </pre>
 */
class Lab04IngressTest {
    private final ScenarioWorld world = ScenarioWorld.build(Scenario.builder()
        .seed(1)
        .cluster(ScenarioCluster.named("C0")
            .etcd("e1", Ipv4Address.parse("10.1.0.1"))
            .worker("w1", Ipv4Address.parse("10.0.0.3"))
            .worker("w2", Ipv4Address.parse("10.0.0.4"))
            .worker("w3", Ipv4Address.parse("10.0.0.5"))
            .flannel(Flannel.LABS)
            // the labs' client pod on C0w1: its start makes the worker's pod bridge cni0, through
            // which every worker routes the VIPs' range 100.64.0.0/16 (no bridge, no VIP)
            .pod(ScenarioPod.of("c1", "w1"))
            // the labs' servers: each answers every request on :8000 with its own message
            .pod(ScenarioPod.of("ic0", "w2", "knetsim/fixed-message", "--message", "S1-W2", "--port", "8000"))
            .pod(ScenarioPod.of("ic1", "w3", "knetsim/fixed-message", "--message", "S1-W3", "--port", "8000"))
            .pod(ScenarioPod.of("ic2", "w2", "knetsim/fixed-message", "--message", "S2-W2", "--port", "8000"))
            .pod(ScenarioPod.of("ic3", "w3", "knetsim/fixed-message", "--message", "S2-W3", "--port", "8000"))
            // parts 4 and 5 reach their controllers through NodePort Services: kube-proxy's rules
            .kubeProxy(true))
        // kp_vip_add: one VIP per "service", a dnat rule on every worker picks one of its two pods
        .vip(StaticVip.of("C0", "100.64.11.1", "ic0", "ic1"))
        .vip(StaticVip.of("C0", "100.64.11.2", "ic2", "ic3"))
        // run_ingress: the proxy the lab starts with, a location per path, the VIPs as upstreams
        .ingress(ScenarioIngress.of("C0", "w1", "grp1", 8001,
            IngressRoute.of("/svc1", "100.64.11.1:8000"), IngressRoute.of("/svc2", "100.64.11.2:8000")))
        .build(), Path.of("."));
    private final Cluster c0 = world.clusters().cluster("C0");
    private final NetNamespace c0w1 = c0.worker("w1").host();
    private final NetNamespace c0e1 = c0.etcdHosts().get(0);
    private final StringBuilder screen = new StringBuilder();
    // the prompt's kubectl reads the learner's files; tests run in scenarios/, the repository is ..
    private final Session prompt = new Session(world, screen::append, screen::append).localDirectory(Path.of(".."));

    private String curl(NetNamespace from, String args) {
        Invocation r = world.runner().run(from, "curl -s " + args);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout();
    }

    private String prompt(String line) {
        screen.setLength(0);
        assertThat(prompt.execute(line)).as(line + ": " + screen).isTrue();
        return screen.toString();
    }

    @Test
    void pathsLeadToServicesAndEveryHostReachesTheProxy() {
        // the longest matching location picks the VIP; the VIP's rule picks a pod, per connection
        Set<String> svc1 = new TreeSet<>();
        for (int i = 0; i < 20; i++) {
            svc1.add(curl(c0w1, "localhost:8001/svc1"));
        }
        assertThat(svc1).containsExactly("S1-W2\n", "S1-W3\n");
        assertThat(curl(c0w1, "localhost:8001/svc2")).matches("S2-W[23]\n");
        // no location matches: nginx's own 404 page
        assertThat(curl(c0w1, "localhost:8001/nothing")).contains("<title>404 Not Found</title>");
        // the proxy listens on all of C0w1's addresses: the etcd host, outside the pods, gets in too
        assertThat(curl(c0e1, "10.0.0.3:8001/svc1")).matches("S1-W[23]\n");
    }

    @Test
    void nginxDashTShowsWhatTheProxyWasTold() {
        Invocation t = world.runner().run(c0w1, "nginx -T");
        assertThat(t.exitCode()).isZero();
        // proxy_pass without a URI part: the upstream is asked for /svc1 as the client sent it
        assertThat(t.stdout()).contains("""
            server {
                listen 8001;

                location /svc1 {
                    proxy_pass http://100.64.11.1:8000;
                }
            """, "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
    }

    @Test
    void runIngressStartsAnotherProxyOnTheWorker() throws Exception {
        assertThat(world.py().eval("C0.get(\"w1\").run_ingress(\"grp2\", 8002, [{\"path\": \"/one\", "
            + "\"endpoint\": \"100.64.11.1:8000\"}])")).isNull();
        String ok = curl(c0w1, "-i localhost:8002/one");
        assertThat(ok).startsWith("HTTP/1.1 200 OK\r\nServer: nginx\r\n").matches("(?s).*\r\n\r\nS1-W[23]\n");
        assertThat(curl(c0w1, "-i localhost:8002/two")).startsWith("HTTP/1.1 404 Not Found\r\n");
    }

    @Test
    void anIngressControllerStartedFromManifestsRoutesByHostAndPath() {
        prompt("kubectl apply -f docs/manifests/ingress-nginx.yaml");
        assertThat(prompt("kubectl apply -f docs/manifests/ingress-web.yaml"))
            .endsWith("ingress.networking.k8s.io/web created\n");
        prompt("run 5s");
        ApiServer api = c0.api();
        assertThat(api.list(Pod.class, "ingress-nginx", (String) null)).allMatch(Pod::isReady).hasSize(1);

        // with the Host header: the host's rule, both web pods in turn
        Set<String> web = new TreeSet<>();
        for (int i = 0; i < 4; i++) {
            web.add(curl(c0e1, "-H 'Host: foo.example.com' 10.0.0.3:30080/").strip());
        }
        Set<String> webPods = new TreeSet<>();
        api.list(Pod.class, "default", "app=web").forEach(p -> webPods.add(p.metadata().name()));
        assertThat(web).isEqualTo(webPods);
        // without it: only the rule without a host, which has /api and no /
        assertThat(curl(c0e1, "10.0.0.3:30080/api/v1")).startsWith("api-");
        assertThat(curl(c0e1, "10.0.0.3:30080/apis")).as("Prefix matches whole path elements")
            .contains("<title>404 Not Found</title>");
        assertThat(curl(c0e1, "10.0.0.3:30080/")).contains("<title>404 Not Found</title>");
    }

    @Test
    void aGatewayRouteSplitsByWeightAndByHeader() {
        prompt("kubectl apply -f docs/manifests/nginx-gateway.yaml");
        prompt("kubectl apply -f docs/manifests/gateway-shop.yaml");
        prompt("run 5s");
        // X-Canary: always matches the first rule: green, every time
        for (int i = 0; i < 5; i++) {
            assertThat(curl(c0e1, "-H 'Host: shop.example.com' -H 'X-Canary: always' 10.0.0.3:30081/"))
                .isEqualTo("green\n");
        }
        // the rest: weights 90 and 10, shared by the pods (9, 9, 2): 18 blue and 2 green of every 20
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 40; i++) {
            counts.merge(curl(c0e1, "-H 'Host: shop.example.com' 10.0.0.3:30081/").strip(), 1, Integer::sum);
        }
        assertThat(counts).containsExactlyEntriesOf(new TreeMap<>(Map.of("blue", 36, "green", 4)));
    }
}
