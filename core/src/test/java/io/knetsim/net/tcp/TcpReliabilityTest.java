package io.knetsim.net.tcp;

import static io.knetsim.net.tcp.TcpLab.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.link.LinkConfig;
import io.knetsim.sim.SimTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lab: the machinery behind reliable delivery, watched on the client's wire: delayed ACKs,
 * fast retransmit after three duplicate ACKs, back-pressure from the send buffer, and the
 * retransmission timer giving up.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ==== 10 ms, 100 Mbit/s (loss where stated) ==== [eth0] 10.0.0.2 server
 *                   tap
 * </pre>
 */
class TcpReliabilityTest {
    private static LinkConfig link(double loss) {
        return LinkConfig.DEFAULT.withDelay(Duration.ofMillis(10)).withRate(100_000_000).withLoss(loss);
    }

    @Test
    void aLoneSegmentIsAcknowledgedByTheDelayedAckTimerTwoSegmentsAtOnce() {
        TcpLab lab = new TcpLab(1, link(0)).tap();
        Tcp.listen(lab.server, 9, 4, s -> null);
        TcpSocket c = Tcp.connect(lab.client, SERVER, 9, new TcpLab.Recorder(lab.world));
        lab.runSeconds(0.1);
        int before = lab.wire.size();
        long t0 = lab.world.sim().now();
        c.send(new byte[100], 0, 100);
        lab.runSeconds(0.2);
        List<TcpLab.Seg> one = lab.wire.subList(before, lab.wire.size());
        assertThat(one).hasSize(2);
        // the data leaves at t0, arrives at t0 + 10 ms; the ACK waits 40 ms, then 10 ms back
        assertThat(one.get(1).fromClient()).isFalse();
        assertThat(one.get(1).time() - t0).isBetween(SimTime.ms(60), SimTime.ms(61));

        before = lab.wire.size();
        t0 = lab.world.sim().now();
        c.send(new byte[2 * c.mss()], 0, 2 * c.mss());
        lab.runSeconds(0.2);
        List<TcpLab.Seg> two = lab.wire.subList(before, lab.wire.size());
        assertThat(two).hasSize(3);
        assertThat(two.get(2).h().ack()).isEqualTo(two.get(1).h().seq() + c.mss());
        assertThat(two.get(2).time() - t0).isLessThan(SimTime.ms(21)); // no 40 ms wait
    }

    @Test
    void threeDuplicateAcksTriggerAFastRetransmitLongBeforeTheTimer() {
        TcpLab lab = new TcpLab(3, link(0.01)).tap();
        Tcp.listen(lab.server, 9, 4, s -> null);
        TcpLab.Sender sender = new TcpLab.Sender(lab.world, TcpLab.pattern(1 << 20, 3), true);
        Tcp.connect(lab.client, SERVER, 9, sender);
        lab.runSeconds(60);

        Set<Integer> sent = new HashSet<>();
        int fast = 0;
        for (int i = 0; i < lab.wire.size(); i++) {
            TcpLab.Seg s = lab.wire.get(i);
            if (!s.fromClient() || s.payload() == 0) {
                continue;
            }
            if (!sent.add(s.h().seq())) {
                // a retransmission: count the duplicate ACKs for this sequence number just before it
                int dups = 0;
                for (int j = i - 1; j >= 0 && dups < 3; j--) {
                    TcpLab.Seg a = lab.wire.get(j);
                    if (!a.fromClient() && a.payload() == 0 && a.h().ack() == s.h().seq()) {
                        dups++;
                    }
                }
                if (dups >= 3) {
                    fast++;
                }
            }
        }
        assertThat(fast).as("fast retransmissions").isPositive();
        assertThat(sender.socket.retransmits()).isGreaterThanOrEqualTo(fast);
    }

    @Test
    void aFullSendBufferPushesBackAndSaysWhenThereIsRoomAgain() {
        TcpLab lab = new TcpLab(4, link(0));
        Tcp.listen(lab.server, 9, 4, s -> null);
        List<Long> writable = new ArrayList<>();
        TcpSocket c = Tcp.connect(lab.client, SERVER, 9, new TcpHandler() {
            @Override
            public void onWritable(TcpSocket s) {
                writable.add(s.sendQueueBytes() * 1L);
            }
        });
        lab.runSeconds(0.1);
        byte[] big = new byte[3 * TcpSocket.SEND_BUFFER];
        int n = c.send(big, 0, big.length);
        assertThat(n).isEqualTo(TcpSocket.SEND_BUFFER);
        assertThat(c.send(big, 0, 10)).isZero();
        assertThat(writable).isEmpty();
        lab.runSeconds(0.1);
        assertThat(writable).hasSize(1);
        assertThat(writable.get(0)).isLessThan(TcpSocket.SEND_BUFFER);
    }

    @Test
    void anUnreachablePeerEndsInEtimedoutAfterFifteenRetries() {
        TcpLab lab = new TcpLab(5, link(0));
        Tcp.listen(lab.server, 9, 4, s -> null);
        TcpLab.Recorder r = new TcpLab.Recorder(lab.world);
        TcpSocket c = Tcp.connect(lab.client, SERVER, 9, r);
        lab.runSeconds(0.1);
        lab.serverEth.setUp(false);
        c.send(new byte[1000], 0, 1000);
        lab.runSeconds(60);
        assertThat(r.events).containsExactly("connected");
        lab.runSeconds(3000);
        assertThat(r.events).containsExactly("connected", "ETIMEDOUT", "closed");
        assertThat(c.retransmits()).isEqualTo(TcpSocket.DATA_RETRIES);
        assertThat(c.state()).isEqualTo(TcpState.CLOSED);
    }
}
