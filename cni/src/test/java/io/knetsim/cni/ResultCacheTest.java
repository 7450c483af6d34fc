package io.knetsim.cni;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * libcni's result cache, {@code /var/lib/cni/results/NET-ID-IF}: its {@code config} field is the
 * list the container was added with, whichever list that was.
 *
 * <pre>
 *   node1: /etc/cni/net.d/10-a.conflist (bridge cni0, 10.244.1.0/24), then one with another bridge name
 * </pre>
 */
class ResultCacheTest {
    private static final String LIST = """
        {"cniVersion": "1.0.0", "name": "podnet", "plugins": [{"type": "bridge", "bridge": "%s",
         "ipam": {"type": "host-local", "subnet": "10.244.1.0/24"}}]}
        """;

    private final Node n = new Node();

    private JsonNode cachedConfig(NetworkConfigList list, RuntimeConf rt) throws Exception {
        JsonNode cache = Json.MAPPER.readTree(n.host.files().readString(Cni.cachePath(list, rt)));
        return Json.MAPPER.readTree(new String(Base64.getDecoder().decode(cache.path("config").asText()),
            StandardCharsets.UTF_8));
    }

    @Test
    void eachContainersCacheHoldsTheListItWasAddedWith() throws Exception {
        NetworkConfigList a = NetworkConfigs.parse("a.conflist", LIST.formatted("cni0").getBytes(StandardCharsets.UTF_8));
        NetworkConfigList b = NetworkConfigs.parse("b.conflist", LIST.formatted("cni1").getBytes(StandardCharsets.UTF_8));
        RuntimeConf r1 = RuntimeConf.of("c1", "/var/run/netns/c1", "eth0");
        RuntimeConf r2 = RuntimeConf.of("c2", "/var/run/netns/c2", "eth0");
        RuntimeConf r3 = RuntimeConf.of("c3", "/var/run/netns/c3", "eth0");
        n.cni.addNetworkList(a, n.host, n.netns("c1"), r1);
        n.cni.addNetworkList(b, n.host, n.netns("c2"), r2);
        n.cni.addNetworkList(a, n.host, n.netns("c3"), r3); // the same list object again

        assertThat(cachedConfig(a, r1).path("plugins").get(0).path("bridge").asText()).isEqualTo("cni0");
        assertThat(cachedConfig(b, r2).path("plugins").get(0).path("bridge").asText()).isEqualTo("cni1");
        assertThat(cachedConfig(a, r3)).isEqualTo(cachedConfig(a, r1));
        assertThat(cachedConfig(a, r1).path("name").asText()).isEqualTo("podnet");
        assertThat(cachedConfig(a, r1).path("cniVersion").asText()).isEqualTo("1.0.0");
    }
}
