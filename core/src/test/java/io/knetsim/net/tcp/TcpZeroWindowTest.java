package io.knetsim.net.tcp;

import static io.knetsim.net.tcp.TcpLab.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.link.LinkConfig;
import io.knetsim.sim.SimTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab: flow control. The server's application stops reading; its receive buffer fills, the
 * window it advertises closes to exactly zero without its right edge ever moving left, and the
 * client's persist timer probes the closed window (zero-length segments at SND.UNA - 1) at
 * intervals that double from the RTO up to 120 s. When the application reads again, a window
 * update goes out and every byte arrives once, in order.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ==== 10 ms, 100 Mbit/s ==== [eth0] 10.0.0.2 server :9
 *    sender       tap                                               paused reader
 *
 *   client                          server (sk_rcvbuf 1 MiB, not read)
 *     data ------------------------&gt;  Recv-Q grows
 *          &lt;---------------- ACK win 0
 *     probe seq=SND.UNA-1 ----------&gt;   (200 ms later)
 *          &lt;---------------- ACK win 0
 *     probe ------------------------&gt;   (400 ms: its answer is rate-limited, 500 ms)
 *     probe ------------------------&gt;   (800 ms)
 *          &lt;---------------- ACK win 0  ... 1.6 s, 3.2 s ... 120 s
 * </pre>
 */
class TcpZeroWindowTest {
    static final LinkConfig LINK = LinkConfig.DEFAULT.withDelay(Duration.ofMillis(10)).withRate(100_000_000);
    static final int TOTAL = 1_500_000;

    /** The server side: pauses as soon as it is connected, and again once it has read {@code limit} bytes. */
    static final class PausedReader extends TcpLab.Recorder {
        long limit = Long.MAX_VALUE;

        PausedReader(io.knetsim.net.World w) {
            super(w);
        }

        @Override
        public void onConnected(TcpSocket s) {
            super.onConnected(s);
            s.pauseReading();
        }

        @Override
        public void onData(TcpSocket s, byte[] b, int off, int len) {
            super.onData(s, b, off, len);
            if (data.size() >= limit) {
                s.pauseReading();
            }
        }

        /** Reads at least {@code n} more bytes (whole segments as they came), then stops again. */
        void read(int n) {
            limit = data.size() + n;
            socket.resumeReading();
        }
    }

    /** A lab with a paused reader on the server and a client writing {@link #TOTAL} bytes, then FIN. */
    static final class Run {
        final TcpLab lab = new TcpLab(1, LINK).tap();
        final PausedReader srv = new PausedReader(lab.world);
        final TcpLab.Sender snd = new TcpLab.Sender(lab.world, TcpLab.pattern(TOTAL, 1), true);
        final TcpSocket client;

        Run() {
            Tcp.listen(lab.server, 9, 4, s -> srv);
            client = Tcp.connect(lab.client, SERVER, 9, snd);
        }

        List<TcpLab.Seg> fromServer() {
            return lab.wire.stream().filter(s -> !s.fromClient()).toList();
        }

        /** Zero-length client segments one below what the server acknowledged: window probes. */
        List<TcpLab.Seg> probes() {
            List<TcpLab.Seg> out = new ArrayList<>();
            int lastAck = 0;
            for (TcpLab.Seg s : lab.wire) {
                if (!s.fromClient()) {
                    lastAck = s.h().ack();
                } else if (s.payload() == 0 && (s.h().flags() & 0x07) == 0 && s.h().seq() == lastAck - 1) {
                    out.add(s);
                }
            }
            return out;
        }

        /** The first server segment advertising a zero window. */
        TcpLab.Seg firstZero() {
            return fromServer().stream().filter(s -> s.h().window() == 0).findFirst().orElseThrow();
        }
    }

    @Test
    void aPausedReaderClosesTheWindowToZeroWithoutEverShrinkingIt() {
        Run r = new Run();
        r.lab.runSeconds(30);
        List<TcpLab.Seg> acks = r.fromServer().subList(1, r.fromServer().size()); // after the SYN-ACK
        long rightEdge = 0;
        int irs = r.lab.wire.get(0).h().seq();
        for (TcpLab.Seg s : acks) {
            long edge = Integer.toUnsignedLong(s.h().ack() - irs) + ((long) s.h().window() << TcpSocket.WINDOW_SCALE);
            assertThat(edge).as("right edge at %d ns", s.time()).isGreaterThanOrEqualTo(rightEdge);
            rightEdge = edge;
        }
        TcpLab.Seg zero = r.firstZero();
        // from the first zero window on, every ACK says zero and acknowledges the same byte
        assertThat(acks.stream().filter(s -> s.time() >= zero.time()))
            .allSatisfy(s -> {
                assertThat(s.h().window()).isZero();
                assertThat(s.h().ack()).isEqualTo(zero.h().ack());
            });
        // the right edge was reached exactly: what was acknowledged is what the buffer holds
        int held = zero.h().ack() - irs - 1;
        assertThat(r.srv.socket.receiveQueueBytes()).isEqualTo(held);
        assertThat(r.srv.data.size()).isZero();
        assertThat(held).isBetween(TcpSocket.RECEIVE_BUFFER, TcpSocket.RECEIVE_BUFFER + 127);
        assertThat(r.srv.socket.receiveWindow()).isZero();
        assertThat(r.client.sendWindow()).isZero();
        assertThat(r.client.sendQueueBytes()).isEqualTo(TOTAL - held);
        assertThat(r.client.state()).isEqualTo(TcpState.FIN_WAIT_1); // its FIN waits for window
    }

    @Test
    void theSenderProbesTheClosedWindowWithDoublingIntervals() {
        Run r = new Run();
        r.lab.runSeconds(30);
        TcpLab.Seg zero = r.firstZero();
        List<TcpLab.Seg> probes = r.probes();
        assertThat(probes).isNotEmpty().allSatisfy(p -> assertThat(p.h().seq()).isEqualTo(zero.h().ack() - 1));
        // each probe goes when the timer set by the last event (the zero-window ACK, an answer,
        // or an unanswered probe) expires: RTO (200 ms) doubled once per probe sent
        List<Long> waits = new ArrayList<>();
        for (TcpLab.Seg p : probes) {
            long last = r.lab.wire.stream().filter(s -> s.time() < p.time() && s.time() >= zero.time())
                .mapToLong(TcpLab.Seg::time).max().orElseThrow();
            waits.add(p.time() - last);
        }
        assertThat(waits).containsExactly(SimTime.ms(200), SimTime.ms(400), SimTime.ms(800), SimTime.ms(1600),
            SimTime.ms(3200), SimTime.ms(6400), SimTime.ms(12800));
        // the second probe came 420 ms after the first answer: tcp_invalid_ratelimit kept it unanswered
        long answers = r.fromServer().stream().filter(s -> s.time() > zero.time()).count();
        assertThat(answers).isEqualTo(probes.size() - 1);
        assertThat(r.client.state()).isEqualTo(TcpState.FIN_WAIT_1);
    }

    @Test
    void resumingSendsAWindowUpdateAndDeliversEveryByteOnceInOrder() {
        Run r = new Run();
        r.lab.runSeconds(30);
        int before = r.lab.wire.size();
        long t = r.lab.world.sim().now();
        r.srv.socket.resumeReading();
        assertThat(r.srv.data.size()).isEqualTo(TOTAL - r.client.sendQueueBytes());
        r.lab.runSeconds(5);
        TcpLab.Seg update = r.lab.wire.get(before);
        assertThat(update.fromClient()).isFalse();
        // sent at once: 10 ms of delay and a 90-byte frame at 100 Mbit/s (7.2 us) later it is on the client's wire
        assertThat(update.time() - t).isEqualTo(SimTime.ms(10) + 7200);
        // the whole buffer is free, so the window is rcv_ssthresh, which grew by twice every byte
        // received in order while the free space allowed it: 720000 bytes (win 5625 x 128)
        assertThat(update.h().window()).isEqualTo(5625);
        assertThat(r.srv.data.toByteArray()).isEqualTo(TcpLab.pattern(TOTAL, 1));
        assertThat(r.srv.events).containsExactly("connected", "peer-closed");
        assertThat(r.srv.socket.receiveQueueBytes()).isZero();
        assertThat(r.client.sendQueueBytes()).isZero();
    }

    @Test
    void aSmallReadAnnouncesNoWindowOnlyAReadOfAnMssOrMoreDoes() {
        Run r = new Run();
        r.lab.runSeconds(5);
        // the application reads one segment's worth, then stops again: less than an MSS
        // becomes free, so the window stays shut (receiver-side SWS avoidance)
        int before = r.lab.wire.size();
        r.srv.read(1000);
        assertThat(r.srv.data.size()).isEqualTo(1448);
        r.lab.runSeconds(0.1);
        assertThat(r.lab.wire.subList(before, r.lab.wire.size())).isEmpty();
        // about 100 kB more: the window opens from zero, and the update goes out at once
        r.srv.read(100_000);
        long free = TcpSocket.RECEIVE_BUFFER - r.srv.socket.receiveQueueBytes();
        r.lab.runSeconds(0.015);
        List<TcpLab.Seg> after = r.lab.wire.subList(before, r.lab.wire.size());
        assertThat(after).isNotEmpty();
        assertThat(after.get(0).fromClient()).isFalse();
        long offered = (long) after.get(0).h().window() << TcpSocket.WINDOW_SCALE;
        // under half the buffer free: the free space rounded down to the scale unit (128 bytes)
        assertThat(offered).isEqualTo(free / 128 * 128).isGreaterThan(100_000);
    }
}
