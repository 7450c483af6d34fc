package io.knetsim.net.tcp;

import static io.knetsim.net.tcp.TcpLab.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.DropReason;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.sim.SimTime;
import org.junit.jupiter.api.Test;

/**
 * Lab: a reader that stops and starts, as a proxy does when the far side is slower (the skupper
 * router's TCP adaptor pauses a client's socket while its AMQP link is backed up). The ACK that
 * closes the window also frees send buffer, and the sender's application, woken by
 * {@code onWritable}, writes more at once: those bytes must be sent against the window that ACK
 * offers, not the one before it. Linux's {@code tcp_ack} updates SND.WND before it wakes the
 * writer ({@code tcp_ack_update_window}, then {@code tcp_data_snd_check} and
 * {@code sk_write_space}); a sender that did it the other way round pushes segments beyond the
 * right edge, the receiver drops them (RFC 9293 section 3.10.7.4) and the sender waits for its
 * retransmission timer.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ==== 50 us, no rate limit ==== [eth0] 10.0.0.2 server :9
 *    8 MiB, refilled on onWritable                         pauses after each 256 KiB read,
 *                                                          resumes 1 ms later
 * </pre>
 */
class TcpWindowUpdateOrderTest {
    private static final int TOTAL = 8 << 20;

    /** Reads 256 KiB, pauses for 1 ms, reads again. */
    static final class StopAndGo extends TcpLab.Recorder {
        private long sinceResume;

        StopAndGo(World w) {
            super(w);
        }

        @Override
        public void onData(TcpSocket s, byte[] b, int off, int len) {
            super.onData(s, b, off, len);
            sinceResume += len;
            if (sinceResume >= 256 << 10 && !s.readingPaused()) {
                s.pauseReading();
                world.sim().after(SimTime.ms(1), () -> {
                    sinceResume = 0;
                    s.resumeReading();
                });
            }
        }

        @Override
        public void onPeerClosed(TcpSocket s) {
            super.onPeerClosed(s);
            s.close();
        }
    }

    @Test
    void theSenderNeverGoesBeyondTheWindowTheLatestAckOffers() {
        TcpLab lab = new TcpLab(3, LinkConfig.DEFAULT);
        StopAndGo srv = new StopAndGo(lab.world);
        Tcp.listen(lab.server, 9, 4, s -> srv);
        TcpLab.Sender snd = new TcpLab.Sender(lab.world, TcpLab.pattern(TOTAL, 3), true);
        Tcp.connect(lab.client, SERVER, 9, snd);
        lab.runSeconds(30);

        assertThat(srv.data.toByteArray()).isEqualTo(TcpLab.pattern(TOTAL, 3));
        // nothing arrived outside the window, so nothing waited for a retransmission timeout:
        // 32 pauses of 1 ms and the transfers between them take well under the 200 ms minimum RTO
        assertThat(lab.server.drops().asMap()).doesNotContainKey(DropReason.TCP_INVALID_SEGMENT);
        assertThat(srv.peerClosedAt).isLessThan(SimTime.ms(200));
    }
}
