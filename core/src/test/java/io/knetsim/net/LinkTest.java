package io.knetsim.net;

import io.knetsim.net.topo.Topo;
import static io.knetsim.net.topo.Topo.cable;
import static io.knetsim.net.topo.Topo.nic;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.ipv4.UdpListener;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.link.RateLimiter;
import io.knetsim.packet.SkBuff;
import io.knetsim.sim.SimTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab: what a link does to frames: delay, serialisation at a bandwidth, a drop-tail queue, loss.
 *
 * <pre>
 *   a 10.0.0.1 [eth0] ===== delay / rate / queue / loss ===== [eth0] 10.0.0.2 b
 * </pre>
 */
class LinkTest {
    private static final int A = Ipv4Address.parse("10.0.0.1").bits();
    private static final int B = Ipv4Address.parse("10.0.0.2").bits();

    private record World2(World w, NetNamespace a, NetNamespace b, List<Long> arrivals) {
    }

    private static World2 build(long seed, LinkConfig cfg) {
        World w = new World(seed);
        NetNamespace a = w.createNamespace("a");
        NetNamespace b = w.createNamespace("b");
        var ea = nic(a, "eth0", "10.0.0.1/24");
        var eb = nic(b, "eth0", "10.0.0.2/24");
        cable(ea, eb, cfg);
        // skip ARP so that timings below are the data frames' alone
        a.neighbours().set(ea, Ipv4Address.parse("10.0.0.2"), eb.macAddress(), Neighbour.State.PERMANENT);
        List<Long> arrivals = new ArrayList<>();
        b.udp().bind(9000, new UdpListener() {
            @Override
            public void receive(SkBuff skb, int src, int sport, int dst, int dport) {
                arrivals.add(w.sim().now());
            }
        });
        return new World2(w, a, b, arrivals);
    }

    private static void burst(World2 x, int n, int payload) {
        for (int i = 0; i < n; i++) {
            x.a.udp().send(A, 5000, B, 9000, new byte[payload]);
        }
        x.w.sim().runUntilIdle();
    }

    @Test
    void delayAddsOneWayLatency() {
        World2 x = build(1, LinkConfig.DEFAULT.withDelay(Duration.ofMillis(3)));
        burst(x, 1, 10);
        assertThat(x.arrivals).containsExactly(SimTime.ms(3));
    }

    @Test
    void bandwidthSerialisesFramesOneAfterAnother() {
        // 1000-byte payload: 1042-byte frame + 24 bytes overhead = 8528 bits = 85.28 us at 100 Mbit/s
        World2 x = build(1, LinkConfig.DEFAULT.withDelay(Duration.ZERO).withRate(100_000_000));
        burst(x, 3, 1000);
        assertThat(x.arrivals).containsExactly(85_280L, 170_560L, 255_840L);
    }

    @Test
    void aFullQueueDropsTheTail() {
        World2 x = build(1, LinkConfig.DEFAULT.withRate(1_000_000).withQueue(10));
        burst(x, 50, 1000);
        var eth0 = x.a.device("eth0");
        // one frame on the wire plus ten waiting are taken; the other 39 are tail drops
        assertThat(x.arrivals).hasSize(11);
        assertThat(eth0.stats().drops.get(DropReason.QDISC_DROP)).isEqualTo(39);
        assertThat(eth0.stats().txDropped).isEqualTo(39);
    }

    @Test
    void lossIsSeededAndRepeatable() {
        World2 x = build(42, LinkConfig.DEFAULT.withLoss(0.1));
        burst(x, 1000, 10);
        World2 y = build(42, LinkConfig.DEFAULT.withLoss(0.1));
        burst(y, 1000, 10);
        long lost = x.a.device("eth0").stats().drops.get(DropReason.LINK_LOSS);
        assertThat(lost).isBetween(70L, 130L);
        assertThat(x.arrivals.size() + lost).isEqualTo(1000);
        assertThat(y.a.device("eth0").stats().drops.get(DropReason.LINK_LOSS)).isEqualTo(lost);
        assertThat(y.arrivals).isEqualTo(x.arrivals);
    }

    @Test
    void serialisationTimeRoundsUp() {
        var r = new RateLimiter(new io.knetsim.sim.Simulator(1), 3, 1, skb -> { }, null);
        assertThat(r.serialisationTime(1)).isEqualTo((25 * 8L * SimTime.SECOND + 2) / 3);
    }

    @Test
    void badLinkSettingsAreRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LinkConfig.DEFAULT.withLoss(1.5))
            .hasMessage("link loss must be between 0 and 1, got 1.5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LinkConfig.DEFAULT.withQueue(0))
            .hasMessage("link queue must hold at least one frame");
    }
}
