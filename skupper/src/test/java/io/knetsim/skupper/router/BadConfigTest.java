package io.knetsim.skupper.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpListener;
import io.knetsim.skupper.config.RouterConfig;
import io.knetsim.skupper.config.RouterConfigException;
import org.junit.jupiter.api.Test;

/**
 * Lab: configurations a router cannot run are refused with a message naming the file and the
 * entity, and nothing of the router is left behind: no listening port, no connection attempt,
 * no entry in the host's process table.
 *
 * <pre>
 *   hA 10.0.1.1 ──── hB 10.0.1.2   (a web server already holds hA:1028)
 * </pre>
 */
class BadConfigTest {
    static final String A = """
        [
          ["router", {"id": "A", "mode": "interior"}],
          ["listener", {"name": "interior-listener", "role": "inter-router", "port": 55671}],
          ["connector", {"name": "to-B", "role": "inter-router", "host": "%s", "port": 55671}],
          ["tcpListener", {"name": "svc1", "port": 1028, "address": "svc1"}]
        ]
        """;

    private final RouterLab lab = new RouterLab(1);
    private final NetNamespace hA;

    BadConfigTest() {
        lab.cable("hA", "eth0", "10.0.1.1/24", "hB", "eth0", "10.0.1.2/24");
        hA = lab.host("hA");
    }

    private void assertNothingStarted() {
        assertThat(Tcp.of(hA).listeners()).extracting(TcpListener::port).doesNotContain(55671);
        assertThat(Tcp.of(hA).connections()).isEmpty();
        assertThat(SkupperRouters.of(lab.world).on(hA)).isEmpty();
        assertThat(hA.files().exists(SkupperRouter.CONFIG_PATH)).isFalse();
        lab.runSeconds(5);
        assertThat(Tcp.of(hA).connections()).as("no connector retries either").isEmpty();
    }

    @Test
    void aPortAlreadyInUseOnTheHostStopsTheWholeRouter() {
        Tcp.listen(hA, 1028, 8, s -> null);
        assertThatThrownBy(() -> lab.router("hA", A.formatted("10.0.1.2")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("hA.json: tcpListener svc1: port 1028: Address already in use");
        assertNothingStarted();
    }

    @Test
    void aConnectorHostThatIsNotAnAddressIsRefused() {
        assertThatThrownBy(() -> lab.router("hA", A.formatted("router-b.example")))
            .hasMessage("hA.json: connector to-B: host \"router-b.example\" is not an IPv4 address "
                + "(knetsim routers do not resolve names)");
        assertNothingStarted();
    }

    @Test
    void aSecondRouterOnAHostIsRefusedAndTheFirstRunsOn() {
        SkupperRouter first = lab.router("hA", A.formatted("10.0.1.2"));
        assertThatThrownBy(() -> lab.router("hA", A.formatted("10.0.1.2").replace("\"A\"", "\"A2\"")))
            .hasMessage("hA.json: a router already runs on hA (A)");
        assertThat(SkupperRouters.of(lab.world).on(hA)).contains(first);
    }

    @Test
    void anUnknownEntityOrAMissingAttributeNeverReachesTheHost() {
        assertThatThrownBy(() -> RouterConfig.parse("""
            [["router", {"id": "A"}], ["tcpListner", {"name": "x", "port": 1, "address": "x"}]]
            """, "A.json")).isInstanceOf(RouterConfigException.class).hasMessageContaining("tcpListner");
        assertThatThrownBy(() -> RouterConfig.parse("""
            [["router", {"id": "A"}], ["tcpListener", {"name": "x", "port": 1}]]
            """, "A.json")).isInstanceOf(RouterConfigException.class).hasMessageContaining("address");
        assertNothingStarted();
    }
}
