package io.knetsim.scenarios.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.net.NetNamespace;
import io.knetsim.scenarios.shell.PyForms;
import io.knetsim.tool.Invocation;
import org.junit.jupiter.api.Test;

/**
 * Lab: the original labs' ingress on the default world, through the {@code py} form.
 *
 * <pre>
 *   C0e1 10.1.0.1 ──s0── C0w1 10.0.0.3  nginx grp1 :8001 (/svc1, /svc2 -&gt; the Service VIPs)
 *                                       nginx grp2 :8002 (/svc1 -&gt; ic0's pod IP :8000, /svc2 -&gt; ic3's)
 *                        C0w2 [ic0 "S1-W2"]   C0w3 [ic3 "S2-W3"]
 * </pre>
 *
 * The VIPs arrive with kube-proxy, so this lab proxies to pod addresses as well.
 */
class IngressLabTest {
    private final DefaultWorld world = DefaultWorld.build(1);
    private final NetNamespace c0w1 = world.clusters().cluster("C0").worker("w1").host();
    private final NetNamespace c0e1 = world.clusters().cluster("C0").etcdHosts().get(0);

    private Invocation run(NetNamespace ns, String line) {
        return world.runner().run(ns, line);
    }

    @Test
    void runIngressThroughThePyFormAnswersFromThePodsAndNginxDashTShowsBothIngresses() throws Exception {
        String ic0 = world.podIp("C0", "ic0");
        String ic3 = world.podIp("C0", "ic3");
        assertThat(world.py().eval("C0.get(\"w1\").run_ingress(\"grp2\", 8002, [{\"path\": \"/svc1\", \"endpoint\": \""
            + ic0 + ":8000\"}, {\"path\": \"/svc2\", \"endpoint\": \"" + ic3 + ":8000\"},])")).isNull();

        assertThat(run(c0w1, "curl -s localhost:8002/svc1").stdout()).isEqualTo("S1-W2\n");
        assertThat(run(c0w1, "curl -s localhost:8002/svc2").stdout()).isEqualTo("S2-W3\n");
        assertThat(run(c0e1, "curl -s 10.0.0.3:8002/svc1").stdout()).as("from outside the pods").isEqualTo("S1-W2\n");
        assertThat(run(c0w1, "curl -s -i localhost:8002/svc3").stdout()).startsWith("HTTP/1.1 404 Not Found\r\n");

        Invocation t = run(c0w1, "nginx -T");
        assertThat(t.exitCode()).isZero();
        assertThat(t.stdout()).contains("""
            # configuration file /etc/nginx/conf.d/grp1.conf:
            # ingress grp1

            server {
                listen 8001;

                location /svc1 {
                    proxy_pass http://100.64.11.1:8000;
                }

                location /svc2 {
                    proxy_pass http://100.64.11.2:8000;
                }
            }

            # configuration file /etc/nginx/conf.d/grp2.conf:
            # ingress grp2

            server {
                listen 8002;

                location /svc1 {
                    proxy_pass http://%s:8000;
                }
            """.formatted(ic0));
    }

    @Test
    void theDefaultIngressAnswersAHostOutsideThePodsAsItAnswersTheWorker() {
        // the check: C0e1 curl 10.0.0.3:8001/svc1, from the etcd host over the underlay
        java.util.Set<String> svc1 = new java.util.TreeSet<>();
        for (int i = 0; i < 20; i++) {
            Invocation r = run(c0e1, "curl -s 10.0.0.3:8001/svc1");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            svc1.add(r.stdout());
        }
        assertThat(svc1).containsExactly("S1-W2\n", "S1-W3\n");
        assertThat(run(c0e1, "curl -s 10.0.0.3:8001/svc2").stdout()).matches("S2-W[23]\n");
        assertThat(run(c0e1, "curl -s -i 10.0.0.3:8001/nothing").stdout()).startsWith("HTTP/1.1 404 Not Found\r\n");
    }

    @Test
    void thePyFormExplainsMistakesAsPythonWould() {
        PyForms py = world.py();
        assertThatThrownBy(() -> py.eval("C0.get(\"w9\").run_ingress(\"g\", 8003, [])"))
            .hasMessage("'NoneType' object has no attribute 'run_ingress'");
        assertThatThrownBy(() -> py.eval("C0w1.run_ingress(\"grp1\", 8003, [{\"path\": \"/a\", \"endpoint\": \"1.2.3.4:80\"}])"))
            .hasMessage("ingress grp1 already runs on C0w1 (/etc/nginx/conf.d/grp1.conf exists)");
        assertThatThrownBy(() -> py.eval("C0w1.run_ingress(\"grp3\", 8001, [])"))
            .hasMessage("nginx: [emerg] bind() to 0.0.0.0:8001 failed (98: Address already in use)");
        assertThatThrownBy(() -> py.eval("C0w1.run_ingress(\"grp3\", 8003, [{\"path\": \"/a\"}])"))
            .hasMessage("run_ingress(): each route must be {\"path\": str, \"endpoint\": str}, got {'path': '/a'}");
        assertThatThrownBy(() -> py.eval("C0w1.run_ingress(\"grp3\", 8003, [{\"path\": \"/a\", \"endpoint\": \"x\"}])"))
            .hasMessage("ingress grp3: location /a: proxy_pass: invalid endpoint \"x\" (expected ADDRESS:PORT, e.g. 100.64.11.1:8000)");
        assertThat(c0w1.files().exists("/etc/nginx/conf.d/grp3.conf")).isFalse();
    }
}
