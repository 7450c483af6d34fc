package io.knetsim.scenarios.labs;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Pod;
import io.knetsim.net.NetNamespace;
import io.knetsim.scenarios.cluster.Cluster;
import io.knetsim.scenarios.shell.Session;
import io.knetsim.scenarios.world.DefaultWorld;
import io.knetsim.tool.Invocation;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Lab 4 (docs/labs/04-ingress.md) as a unit test: the lab's hands-on steps on the default world,
 * with what a learner should see asserted. Copy it, change a manifest or a route, and run it:
 *
 * <pre>
 *   mvn -B -q -pl scenarios -am test -Dtest=Lab04IngressTest -Dsurefire.failIfNoSpecifiedTests=false
 *
 *   C0e1 10.1.0.1 ──s0── C0w1 10.0.0.3  nginx grp1 :8001  /svc1 -&gt; 100.64.11.1:8000 (S1-W2, S1-W3)
 *                                                          /svc2 -&gt; 100.64.11.2:8000 (S2-W2, S2-W3)
 *                        every worker :30080 ─NodePort─▶ ingress-nginx controller pod :80 ─▶ web, api pods
 *                        every worker :30081 ─NodePort─▶ gateway controller pod :80 ─▶ blue, green pods
 * </pre>
 */
class Lab04IngressTest {
    private final DefaultWorld world = DefaultWorld.build(1);
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
