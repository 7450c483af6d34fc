package io.knetsim.skupper.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.app.http.FixedMessageServer;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.Lan;
import io.knetsim.sim.SimTime;
import io.knetsim.skupper.config.RouterConfig;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Lab: two routers joined by an inter-router connection; a client on A reaches, through A's
 * tcpListener, the HTTP server behind B's tcpConnector.
 *
 * <pre>
 *   s0 ─┬─ hA 10.0.0.1  router A: tcpListener :1028 (svc1), connector → 10.0.0.2:55671
 *       └─ hB 10.0.0.2  router B: listener :55671 (inter-router), tcpConnector svc1 → 10.0.0.2:8080
 *                       HTTP server :8080 "hello from B"
 * </pre>
 */
class TwoRoutersTest {
    static final String A = """
        [
          ["router", {"id": "A", "mode": "interior"}],
          ["connector", {"name": "to-B", "role": "inter-router", "host": "10.0.0.2", "port": 55671}],
          ["tcpListener", {"name": "svc1", "port": 1028, "address": "svc1"}]
        ]
        """;
    static final String B = """
        [
          ["router", {"id": "B", "mode": "interior"}],
          ["listener", {"name": "interior-listener", "role": "inter-router", "port": 55671}],
          ["tcpConnector", {"name": "svc1", "host": "10.0.0.2", "port": 8080, "address": "svc1"}]
        ]
        """;

    private final World world = new World(7);
    private final Lan lan = new Lan(world, "s0", LinkConfig.DEFAULT);
    private final NetNamespace hA = host("hA", "10.0.0.1/24");
    private final NetNamespace hB = host("hB", "10.0.0.2/24");
    private final ToolRunner shell = new ToolRunner(CoreTools.registry(), Path.of("."));

    private NetNamespace host(String name, String cidr) {
        NetNamespace ns = world.createNamespace(name);
        lan.attach(ns, "eth0", cidr);
        return ns;
    }

    @Test
    void curlThroughTheRouterLinkGetsTheServersPage() {
        FixedMessageServer.start(hB, 8080, "hello from B");
        SkupperRouter a = SkupperRouter.start(hA, RouterConfig.parse(A, "A.json"));
        SkupperRouter b = SkupperRouter.start(hB, RouterConfig.parse(B, "B.json"));
        world.sim().runFor(SimTime.seconds(3));
        assertThat(a.neighbours()).containsOnlyKeys("B");
        assertThat(b.neighbours()).containsOnlyKeys("A");
        assertThat(a.routeTable().nextHop("B")).contains("B");
        assertThat(a.addressTable().consumers("svc1")).containsExactly("B");
        Invocation curl = shell.run(hA, "curl -s localhost:1028/");
        assertThat(curl.stdout()).isEqualTo("hello from B\n");
        assertThat(curl.exitCode()).isZero();
        world.sim().runFor(SimTime.seconds(1));
        assertThat(a.activeStreams()).isZero();
        assertThat(b.activeStreams()).isZero();
        assertThat(a.streamsByAddress()).containsEntry("svc1", 1L);
        assertThat(shell.run(hB, "cat /etc/skupper-router/skrouterd.json").stdout())
            .isEqualTo(RouterConfig.parse(B, "B.json").toJson());
    }

    @Test
    void theTcpListenerListensOnlyWhileItsAddressHasAReachableConsumer() {
        FixedMessageServer.start(hB, 8080, "hello from B");
        SkupperRouter a = SkupperRouter.start(hA, RouterConfig.parse(A, "A.json"));
        assertThat(a.activeTcpListeners()).isEmpty();
        Invocation refused = shell.run(hA, "curl -s localhost:1028/");
        assertThat(refused.exitCode()).isEqualTo(7); // curl: (7) Failed to connect
        SkupperRouter b = SkupperRouter.start(hB, RouterConfig.parse(B, "B.json"));
        world.sim().runFor(SimTime.seconds(3));
        assertThat(a.activeTcpListeners()).containsExactly("svc1");
        assertThat(shell.run(hA, "curl -s localhost:1028/").stdout()).isEqualTo("hello from B\n");
        b.stop();
        world.sim().runFor(SimTime.seconds(1));
        assertThat(a.activeTcpListeners()).isEmpty();
        assertThat(shell.run(hA, "curl -s localhost:1028/").exitCode()).isEqualTo(7);
    }
}
