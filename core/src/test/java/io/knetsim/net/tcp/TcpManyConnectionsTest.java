package io.knetsim.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.TwoWorkerOverlay;
import io.knetsim.sim.SimTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: twenty connections at once between two pods over a lossy VXLAN overlay, to one
 * listener with a backlog of 8. Each gets its own ephemeral port, every byte both ways arrives
 * once and in order, and when all have closed no connection is left on either side.
 *
 * <pre>
 *   podA 11.10.1.2 (20 clients) -- flannel.100 == 2 ms, 50 Mbit/s, queue 30, loss 3 % == flannel.100 -- podB :80
 * </pre>
 */
class TcpManyConnectionsTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void twentyConnectionsShareTheOverlayAndAllFinishCleanly(long seed) {
        TwoWorkerOverlay o = new TwoWorkerOverlay(seed, LinkConfig.DEFAULT.withDelay(Duration.ofMillis(2))
            .withRate(50_000_000).withQueue(30).withLoss(0.03));
        byte[] answer = TcpLab.pattern(50_000, 7);
        List<TcpPropertyTest.Peer> servers = new ArrayList<>();
        Tcp.listen(o.podB, 80, 8, s -> {
            TcpPropertyTest.Peer p = new TcpPropertyTest.Peer(answer, o.world.sim().random("s" + servers.size()),
                o.world.sim());
            servers.add(p);
            return p;
        });
        List<TcpPropertyTest.Peer> clients = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TcpPropertyTest.Peer p = new TcpPropertyTest.Peer(TcpLab.pattern(30_000, i), o.world.sim().random("c" + i),
                o.world.sim());
            clients.add(p);
            ports.add(Tcp.connect(o.podA, Ipv4Address.parse("11.10.2.2").bits(), 80, p).localPort());
        }
        o.world.sim().runFor(SimTime.seconds(600));

        assertThat(ports).doesNotHaveDuplicates();
        assertThat(clients).allSatisfy(c -> {
            assertThat(c.in.toByteArray()).isEqualTo(answer);
            assertThat(c.events).containsExactly("connected", "peer-closed", "closed");
        });
        assertThat(servers).hasSize(20);
        List<Integer> sent = clients.stream().map(c -> java.util.Arrays.hashCode(c.out)).toList();
        assertThat(servers.stream().map(s -> java.util.Arrays.hashCode(s.in.toByteArray())))
            .containsExactlyInAnyOrderElementsOf(sent);
        assertThat(Tcp.of(o.podA).connections()).isEmpty();
        assertThat(Tcp.of(o.podB).connections()).isEmpty();
    }
}
