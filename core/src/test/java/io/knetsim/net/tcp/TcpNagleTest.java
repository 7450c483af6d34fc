package io.knetsim.net.tcp;

import static io.knetsim.net.tcp.TcpLab.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.link.LinkConfig;
import io.knetsim.packet.TcpHeader;
import io.knetsim.sim.SimTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab: Nagle's algorithm, on by default as on Linux. Two small writes in a row: the first
 * goes at once, the second waits for the ACK of the first, which the server delays by 40 ms;
 * with {@code TCP_NODELAY} both go at once. A write that ends the stream (FIN) never waits.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ==== 10 ms, 100 Mbit/s ==== [eth0] 10.0.0.2 server :9
 *                   tap
 *   t0       [100] -----------&gt;
 *            (100 held)               delayed ACK, 40 ms
 *   t0+60ms        &lt;----------- ACK
 *            [100] -----------&gt;
 * </pre>
 */
class TcpNagleTest {
    private static final LinkConfig LINK = LinkConfig.DEFAULT.withDelay(Duration.ofMillis(10)).withRate(100_000_000);

    /** Connects, lets {@code act} write at t0, returns the client's data segments after t0 as (time - t0, length, flags). */
    private static List<long[]> twoWrites(java.util.function.Consumer<TcpSocket> act) {
        TcpLab lab = new TcpLab(2, LINK).tap();
        Tcp.listen(lab.server, 9, 4, s -> null);
        TcpSocket c = Tcp.connect(lab.client, SERVER, 9, new TcpLab.Recorder(lab.world));
        lab.runSeconds(0.1);
        long t0 = lab.world.sim().now();
        int before = lab.wire.size();
        act.accept(c);
        lab.runSeconds(0.5);
        return lab.wire.subList(before, lab.wire.size()).stream()
            .filter(s -> s.fromClient() && (s.payload() > 0 || (s.h().flags() & TcpHeader.FIN) != 0))
            .map(s -> new long[] {s.time() - t0, s.payload(), s.h().flags() & TcpHeader.FIN})
            .toList();
    }

    @Test
    void theSecondSmallWriteWaitsForTheAckOfTheFirst() {
        List<long[]> segs = twoWrites(c -> {
            assertThat(c.noDelay()).isFalse();
            c.send(new byte[100], 0, 100);
            c.send(new byte[100], 0, 100);
        });
        assertThat(segs).hasSize(2);
        assertThat(segs.get(0)).containsExactly(0, 100, 0);
        // the server's delayed ACK: 10 ms there, 40 ms wait, 10 ms back, plus the serialisation
        // at 100 Mbit/s of the 190-byte data frame (15.2 us) and the 90-byte ACK (7.2 us)
        assertThat(segs.get(1)[0]).isEqualTo(SimTime.ms(60) + 15_200 + 7_200);
        assertThat(segs.get(1)[1]).isEqualTo(100);
    }

    @Test
    void withNoDelayBothSmallWritesGoAtOnce() {
        List<long[]> segs = twoWrites(c -> {
            c.setNoDelay(true);
            c.send(new byte[100], 0, 100);
            c.send(new byte[100], 0, 100);
        });
        assertThat(segs).hasSize(2);
        assertThat(segs.get(0)).containsExactly(0, 100, 0);
        assertThat(segs.get(1)[0]).isLessThan(SimTime.us(20)); // right behind the first on the wire
        assertThat(segs.get(1)[1]).isEqualTo(100);
    }

    @Test
    void aSegmentCarryingFinIsNeverHeldAndFullSegmentsNeither() {
        List<long[]> fin = twoWrites(c -> {
            c.send(new byte[100], 0, 100);
            c.send(new byte[100], 0, 100);
            c.shutdownOutput();
        });
        assertThat(fin).hasSize(2);
        assertThat(fin.get(1)[0]).isLessThan(SimTime.us(20));
        assertThat(fin.get(1)[1]).isEqualTo(100);
        assertThat(fin.get(1)[2]).isEqualTo(TcpHeader.FIN);

        List<long[]> full = twoWrites(c -> {
            c.send(new byte[100], 0, 100);
            c.send(new byte[c.mss()], 0, c.mss());
        });
        assertThat(full).hasSize(2);
        assertThat(full.get(1)[0]).isLessThan(SimTime.us(200));
        assertThat(full.get(1)[1]).isEqualTo(1448);
    }

    @Test
    void settingNoDelaySendsWhatNagleHeld() {
        List<long[]> segs = twoWrites(c -> {
            c.send(new byte[100], 0, 100);
            c.send(new byte[100], 0, 100);
            c.setNoDelay(true);
        });
        assertThat(segs).hasSize(2);
        assertThat(segs.get(1)[0]).isLessThan(SimTime.us(20));
    }
}
