package io.knetsim.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.app.http.FixedMessageServer;
import io.knetsim.ingress.nginx.NginxProxy;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.Lan;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The original labs' {@code run_ingress("grp1", 8001, [{"path": "/svc1", "endpoint": ...}, ...])}
 * on a worker, then {@code curl} and {@code nginx -T} at the worker's prompt.
 *
 * <pre>
 *   s0 ─┬─ w1 10.0.0.3   nginx grp1 :8001  /svc1 -&gt; 10.0.0.4:8000, /svc2 -&gt; 10.0.0.5:8000
 *       ├─ w2 10.0.0.4   S1-W2 :8000
 *       ├─ w3 10.0.0.5   S2-W3 :8000
 *       └─ e1 10.1.0.1   (outside client)
 * </pre>
 */
class RunIngressTest {
    private final World world = new World(3);
    private final Lan lan = new Lan(world, "s0", LinkConfig.DEFAULT);
    private final NetNamespace w1 = host("w1", "10.0.0.3/8");
    private final NetNamespace w2 = host("w2", "10.0.0.4/8");
    private final NetNamespace w3 = host("w3", "10.0.0.5/8");
    private final NetNamespace e1 = host("e1", "10.1.0.1/8");
    private final ToolRunner shell;

    RunIngressTest() {
        ToolRegistry tools = CoreTools.registry();
        IngressTools.registerAll(tools);
        shell = new ToolRunner(tools, Path.of("."));
        FixedMessageServer.start(w2, 8000, "S1-W2");
        FixedMessageServer.start(w3, 8000, "S2-W3");
    }

    private NetNamespace host(String name, String cidr) {
        NetNamespace ns = world.createNamespace(name);
        lan.attach(ns, "eth0", cidr);
        return ns;
    }

    private NginxProxy grp1() {
        return Ingresses.run(w1, "grp1", 8001, List.of(IngressRoute.of("/svc1", "10.0.0.4:8000"),
            IngressRoute.of("/svc2", "10.0.0.5:8000")));
    }

    @Test
    void pathsReachTheirEndpointsFromTheWorkerAndFromOutside() {
        grp1();
        assertThat(shell.run(w1, "curl -s localhost:8001/svc1").stdout()).isEqualTo("S1-W2\n");
        assertThat(shell.run(w1, "curl -s localhost:8001/svc2/anything").stdout()).isEqualTo("S2-W3\n");
        assertThat(shell.run(e1, "curl -s 10.0.0.3:8001/svc1").stdout()).isEqualTo("S1-W2\n");
        Invocation missing = shell.run(e1, "curl -s -i 10.0.0.3:8001/svc3");
        assertThat(missing.stdout()).startsWith("HTTP/1.1 404 Not Found\r\nServer: nginx\r\n")
            .endsWith("<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    }

    @Test
    void nginxDashCapitalTPrintsTheConfigurationTheWorkerRuns() {
        grp1();
        Invocation t = shell.run(w1, "nginx -T");
        assertThat(t.exitCode()).isZero();
        assertThat(t.stderr()).isEqualTo("""
            nginx: the configuration file /etc/nginx/nginx.conf syntax is ok
            nginx: configuration file /etc/nginx/nginx.conf test is successful
            """);
        assertThat(t.stdout()).isEqualTo("""
            # configuration file /etc/nginx/nginx.conf:
            events {
            }

            http {
                server_tokens off;
                proxy_http_version 1.1;
                proxy_set_header Host $http_host;
                proxy_set_header X-Real-IP $remote_addr;
                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                proxy_set_header X-Forwarded-Proto $scheme;

                include /etc/nginx/conf.d/*.conf;
            }

            # configuration file /etc/nginx/conf.d/grp1.conf:
            # ingress grp1

            server {
                listen 8001;

                location /svc1 {
                    proxy_pass http://10.0.0.4:8000;
                }

                location /svc2 {
                    proxy_pass http://10.0.0.5:8000;
                }
            }

            """);
        assertThat(shell.run(w1, "cat /etc/nginx/conf.d/grp1.conf").stdout()).startsWith("# ingress grp1\n");
    }

    @Test
    void twoIngressesOnOneWorkerAreBothDumpedInNameOrder() {
        grp1();
        Ingresses.run(w1, "grp0", 8002, List.of(IngressRoute.of("/", "10.0.0.5:8000")));
        String out = shell.run(w1, "nginx -T").stdout();
        assertThat(out.lines().filter(l -> l.startsWith("# configuration file"))).containsExactly(
            "# configuration file /etc/nginx/nginx.conf:",
            "# configuration file /etc/nginx/conf.d/grp0.conf:",
            "# configuration file /etc/nginx/conf.d/grp1.conf:");
        assertThat(shell.run(w1, "curl -s localhost:8002/x").stdout()).isEqualTo("S2-W3\n");
    }

    @Test
    void nginxWithoutAConfigurationFailsAsNginxDoes() {
        Invocation t = shell.run(w2, "nginx -t");
        assertThat(t.exitCode()).isEqualTo(1);
        assertThat(t.stdout()).isEmpty();
        assertThat(t.stderr()).isEqualTo("""
            nginx: [emerg] open() "/etc/nginx/nginx.conf" failed (2: No such file or directory)
            nginx: configuration file /etc/nginx/nginx.conf test failed
            """);
        assertThat(shell.run(w2, "nginx -x").stderr()).isEqualTo("nginx: invalid option: \"x\"\n");
        assertThat(shell.run(w2, "nginx -v").stderr()).isEqualTo("nginx version: nginx/1.26.2\n");
    }

    @Test
    void badRoutesStartNothing() {
        assertThatThrownBy(() -> Ingresses.run(w1, "grp1", 8001, List.of(IngressRoute.of("/svc1", "10.0.0.4:8000"),
            IngressRoute.of("/svc2", "svc2"))))
            .hasMessage("ingress grp1: location /svc2: proxy_pass: invalid endpoint \"svc2\" "
                + "(expected ADDRESS:PORT, e.g. 100.64.11.1:8000)");
        assertThat(w1.files().exists("/etc/nginx/nginx.conf")).isFalse();
        assertThat(shell.run(w1, "curl -s localhost:8001/svc1").exitCode()).isEqualTo(7);
    }
}
