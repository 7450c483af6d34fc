package io.knetsim.net.tcp;

import io.knetsim.net.Errno;

import static io.knetsim.net.tcp.TcpLab.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.link.LinkConfig;
import io.knetsim.sim.SimRandom;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: whatever the seed, over a lossy link with a short drop-tail queue, both directions
 * of a connection deliver exactly what was written, in order, once; both ends shut down in
 * their own time, pass through TIME-WAIT or LAST-ACK, and leave no connection behind.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ==== 3 ms, 20 Mbit/s, queue 20, loss 3 % ==== [eth0] 10.0.0.2 server :7000
 *     writes random-sized chunks of A, then FIN        writes random-sized chunks of B, then FIN
 * </pre>
 */
class TcpPropertyTest {
    /** Writes its stream in random chunks at random moments, then shuts down its side. */
    static final class Peer implements TcpHandler {
        final byte[] out;
        final ByteArrayOutputStream in = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();
        final SimRandom rnd;
        final io.knetsim.sim.Simulator sim;
        int written;
        TcpSocket socket;

        Peer(byte[] out, SimRandom rnd, io.knetsim.sim.Simulator sim) {
            this.out = out;
            this.rnd = rnd;
            this.sim = sim;
        }

        @Override
        public void onConnected(TcpSocket s) {
            socket = s;
            events.add("connected");
            writeSome();
        }

        private void writeSome() {
            if (socket.state() == TcpState.CLOSED) {
                return;
            }
            if (written == out.length) {
                socket.shutdownOutput();
                return;
            }
            int n = Math.min(out.length - written, 1 + rnd.nextInt(20_000));
            written += socket.send(out, written, n);
            sim.after(rnd.nextInt(5_000_000), this::writeSome);
        }

        @Override
        public void onData(TcpSocket s, byte[] b, int off, int len) {
            in.write(b, off, len);
        }

        @Override
        public void onPeerClosed(TcpSocket s) {
            events.add("peer-closed");
        }

        @Override
        public void onClosed(TcpSocket s) {
            events.add("closed");
        }

        @Override
        public void onError(TcpSocket s, Errno e) {
            events.add(e.name());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void bothDirectionsDeliverExactlyWhatWasWrittenAndBothEndsClose(long seed) {
        TcpLab lab = new TcpLab(seed, LinkConfig.DEFAULT.withDelay(Duration.ofMillis(3)).withRate(20_000_000)
            .withQueue(20).withLoss(0.03));
        byte[] a = TcpLab.pattern(300_000, seed);
        byte[] b = TcpLab.pattern(200_000, seed + 100);
        Peer server = new Peer(b, lab.world.sim().random("server-app"), lab.world.sim());
        Tcp.listen(lab.server, 7000, 4, s -> server);
        Peer client = new Peer(a, lab.world.sim().random("client-app"), lab.world.sim());
        Tcp.connect(lab.client, SERVER, 7000, client);
        lab.runSeconds(300);

        assertThat(server.in.toByteArray()).isEqualTo(a);
        assertThat(client.in.toByteArray()).isEqualTo(b);
        assertThat(client.events).containsExactly("connected", "peer-closed", "closed");
        assertThat(server.events).containsExactly("connected", "peer-closed", "closed");
        assertThat(Tcp.of(lab.client).connections()).isEmpty();
        assertThat(Tcp.of(lab.server).connections()).isEmpty();
    }
}
