package io.knetsim.net.tcp;

import static io.knetsim.net.tcp.TcpLab.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.sim.SimTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lab: a reader slower than the link, over a lossy path. The server's application reads in
 * bursts: 100 ms reading, 400 ms not. Windows close and open, window updates and probes get
 * lost, and still every byte arrives once, in order, and the connection closes normally
 * (a lost window update is what the persist timer is for, RFC 9293 section 3.8.6.1).
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ==== 5 ms, 100 Mbit/s, loss ==== [eth0] 10.0.0.2 server :9
 *    4 MB, then FIN                                    reads 100 ms of every 500 ms
 * </pre>
 */
class TcpSlowReaderTest {
    private static final int TOTAL = 4_000_000;

    /** Pauses at once, then reads 100 ms out of every 500 ms until the peer closes. */
    static final class BurstyReader extends TcpLab.Recorder {
        BurstyReader(World w) {
            super(w);
        }

        @Override
        public void onConnected(TcpSocket s) {
            super.onConnected(s);
            s.pauseReading();
            cycle(s);
        }

        private void cycle(TcpSocket s) {
            world.sim().after(SimTime.ms(400), () -> {
                s.resumeReading();
                world.sim().after(SimTime.ms(100), () -> {
                    if (peerClosedAt < 0 && s.state() != TcpState.CLOSED) {
                        s.pauseReading();
                        cycle(s);
                    }
                });
            });
        }

        @Override
        public void onPeerClosed(TcpSocket s) {
            super.onPeerClosed(s);
            s.close();
        }
    }

    private static BurstyReader run(long seed, double loss, TcpLab.Sender[] sender) {
        TcpLab lab = new TcpLab(seed,
            LinkConfig.DEFAULT.withDelay(Duration.ofMillis(5)).withRate(100_000_000).withLoss(loss));
        BurstyReader srv = new BurstyReader(lab.world);
        Tcp.listen(lab.server, 9, 4, s -> srv);
        sender[0] = new TcpLab.Sender(lab.world, TcpLab.pattern(TOTAL, seed), true);
        Tcp.connect(lab.client, SERVER, 9, sender[0]);
        lab.runSeconds(300);
        return srv;
    }

    @Test
    void onACleanLinkTheTransferTakesAsLongAsTheReaderNeeds() {
        TcpLab.Sender[] snd = new TcpLab.Sender[1];
        BurstyReader srv = run(1, 0, snd);
        assertThat(srv.data.toByteArray()).isEqualTo(TcpLab.pattern(TOTAL, 1));
        assertThat(srv.events).containsExactly("connected", "peer-closed", "closed");
        assertThat(snd[0].events).containsExactly("connected", "peer-closed", "closed");
        // a burst takes the 1 MiB waiting plus what 100 ms of link bring (at most 1.25 MB): 4 MB
        // need two bursts, so the end comes with the second, about 1 s in. Nothing the sender
        // sent fell outside the offered window (TcpWindowUpdateOrderTest); before the sender
        // took the window update ahead of onWritable, about 300 segments were, and the
        // retransmission timeouts stretched this to a third burst, 1.5 s in
        assertThat(srv.peerClosedAt).isBetween(SimTime.ms(1000), SimTime.ms(1100));
    }

    @ParameterizedTest
    @ValueSource(longs = {2, 3, 4})
    void withFivePercentLossEveryByteArrivesOnceInOrder(long seed) {
        TcpLab.Sender[] snd = new TcpLab.Sender[1];
        BurstyReader srv = run(seed, 0.05, snd);
        assertThat(srv.data.toByteArray()).isEqualTo(TcpLab.pattern(TOTAL, seed));
        assertThat(srv.events).containsExactly("connected", "peer-closed", "closed");
        assertThat(snd[0].events).containsExactly("connected", "peer-closed", "closed");
    }
}
