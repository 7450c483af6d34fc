package io.knetsim.ingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Weighted upstreams for blue-green and canary releases, picked by nginx's smooth weighted
 * round-robin.
 *
 * <pre>
 *   client --&gt; proxy :8001 location / -&gt; upstream app { up1:8000 weight=9 (blue); up2:8000 weight=1 (green) }
 * </pre>
 */
class WeightedUpstreamTest {
    @Test
    void weightsFiveOneOneGiveNginxsSmoothOrder() {
        UpstreamPeers peers = new UpstreamPeers(Upstream.of("u", UpstreamServer.of("10.0.0.1", 80).withWeight(5),
            UpstreamServer.of("10.0.0.2", 80), UpstreamServer.of("10.0.0.3", 80)), 0);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            order.add(peers.select(new HashSet<>(), 0).server().address().toString());
        }
        assertThat(String.join(" ", order)).isEqualTo(
            "10.0.0.1 10.0.0.1 10.0.0.2 10.0.0.1 10.0.0.3 10.0.0.1 10.0.0.1 "
                + "10.0.0.1 10.0.0.1 10.0.0.2 10.0.0.1 10.0.0.3 10.0.0.1 10.0.0.1");
    }

    @Test
    void aNinetyTenSplitSendsNineHundredOfAThousandRequestsToBlue() {
        ProxyLab lab = new ProxyLab();
        lab.recorder(lab.up1, 8000, "blue");
        lab.recorder(lab.up2, 8000, "green");
        NginxProxy.start(lab.proxy, new NginxConfig("canary", 8001, List.of(),
            List.of(Upstream.of("app", UpstreamServer.of("10.0.0.11", 8000).withWeight(9),
                UpstreamServer.of("10.0.0.12", 8000).withWeight(1))),
            List.of(Location.prefix("/", "app"))));

        Map<String, Integer> counts = new TreeMap<>();
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String b = lab.body("/");
            counts.merge(b, 1, Integer::sum);
            if (i < 10) {
                first.add(b);
            }
        }
        // Smooth WRR is deterministic: exactly 9 in 10, the green one spread out, not bunched.
        assertThat(counts).containsExactlyEntriesOf(new TreeMap<>(Map.of("blue", 900, "green", 100)));
        assertThat(first).containsExactly("blue", "blue", "blue", "blue", "blue", "green", "blue", "blue", "blue", "blue");
    }
}
