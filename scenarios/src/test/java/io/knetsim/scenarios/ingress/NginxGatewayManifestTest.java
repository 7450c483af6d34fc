package io.knetsim.scenarios.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.scenarios.shell.Session;
import io.knetsim.scenarios.world.DefaultWorld;
import io.knetsim.tool.Invocation;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Lab: a Gateway API controller and a weighted HTTPRoute, both from manifests at the prompt.
 *
 * <pre>
 *   knetsim&gt; kubectl apply -f docs/manifests/nginx-gateway.yaml   controller pod, NodePort 30081 -&gt; :80
 *   knetsim&gt; kubectl apply -f docs/manifests/gateway-shop.yaml    blue (2), green (1), Gateway shop :80,
 *                                                                  HTTPRoute shop: X-Canary: always -&gt; green,
 *                                                                  else blue 90 / green 10
 *   C0e1 ──curl -H 'Host: shop.example.com' 10.0.0.3:30081──▶ kube-proxy ──▶ gateway pod ──▶ blue | green
 * </pre>
 */
class NginxGatewayManifestTest {
    @Test
    void aNinetyTenRouteAndAHeaderMatchFromManifestsReachedThroughANodePort() {
        DefaultWorld world = DefaultWorld.build(1);
        StringBuilder screen = new StringBuilder();
        Session session = new Session(world, screen::append, screen::append).localDirectory(Path.of(".."));
        assertThat(session.execute("kubectl apply -f docs/manifests/nginx-gateway.yaml")).as(screen.toString()).isTrue();
        screen.setLength(0);
        assertThat(session.execute("kubectl apply -f docs/manifests/gateway-shop.yaml")).as(screen.toString()).isTrue();
        assertThat(screen.toString()).endsWith("""
            gateway.gateway.networking.k8s.io/shop created
            httproute.gateway.networking.k8s.io/shop created
            """);
        session.execute("run 5s");
        NetNamespace c0e1 = world.clusters().cluster("C0").etcdHosts().get(0);

        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 200; i++) {
            Invocation r = world.runner().run(c0e1, "curl -s -H 'Host: shop.example.com' 10.0.0.3:30081/");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            counts.merge(r.stdout().strip(), 1, Integer::sum);
        }
        assertThat(counts.keySet()).containsExactly("blue", "green");
        // binomial(200, 0.9): mean 180, sd 4.2; within 3 sd (GatewayRoutesTest counts 1,000 exactly)
        assertThat(counts.get("blue")).isBetween(168, 192);
        for (int i = 0; i < 10; i++) {
            assertThat(world.runner().run(c0e1, "curl -s -H 'Host: shop.example.com' -H 'X-Canary: always' "
                + "10.0.0.4:30081/").stdout()).isEqualTo("green\n");
        }
        assertThat(world.runner().run(c0e1, "curl -s -i 10.0.0.3:30081/").stdout())
            .as("no route for this host").startsWith("HTTP/1.1 404 Not Found\r\n");
    }
}
