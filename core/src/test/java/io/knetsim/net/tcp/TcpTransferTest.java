package io.knetsim.net.tcp;

import static io.knetsim.net.tcp.TcpLab.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.link.LinkConfig;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Lab: a megabyte from client to server, on a clean link and on lossy ones. Whatever the link
 * loses, the server's application sees the same bytes, once each, in order.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ==== 10 ms, 100 Mbit/s, loss p (both ways) ==== [eth0] 10.0.0.2 server :5001
 *        Sender: 1 MB, then FIN                                      Recorder
 * </pre>
 */
class TcpTransferTest {
    private static final int MB = 1 << 20;

    static final class Result {
        TcpLab lab;
        TcpLab.Sender client;
        TcpLab.Recorder server;
    }

    static Result transfer(long seed, double loss, byte[] payload) {
        LinkConfig cfg = LinkConfig.DEFAULT.withDelay(Duration.ofMillis(10)).withRate(100_000_000).withLoss(loss);
        Result r = new Result();
        r.lab = new TcpLab(seed, cfg);
        r.server = new TcpLab.Recorder(r.lab.world);
        Tcp.listen(r.lab.server, 5001, 16, s -> r.server);
        r.client = new TcpLab.Sender(r.lab.world, payload, true);
        Tcp.connect(r.lab.client, SERVER, 5001, r.client);
        r.lab.runSeconds(600);
        return r;
    }

    @Test
    void aMegabyteOverACleanLinkArrivesIntact() {
        byte[] payload = TcpLab.pattern(MB, 1);
        Result r = transfer(1, 0, payload);
        assertThat(r.server.data.toByteArray()).isEqualTo(payload);
        assertThat(r.server.events).containsExactly("connected", "peer-closed");
        assertThat(r.client.socket.retransmits()).isZero();
    }

    @ParameterizedTest(name = "loss {1}, seed {0}")
    @CsvSource({"1, 0.01", "2, 0.01", "3, 0.01", "4, 0.05", "5, 0.05", "6, 0.05"})
    void aMegabyteOverALossyLinkArrivesOnceAndInOrder(long seed, double loss) {
        byte[] payload = TcpLab.pattern(MB, seed);
        Result r = transfer(seed, loss, payload);
        byte[] got = r.server.data.toByteArray();
        assertThat(got.length).isEqualTo(payload.length);
        assertThat(got).isEqualTo(payload);
        assertThat(r.server.events).containsExactly("connected", "peer-closed");
        assertThat(r.client.socket.retransmits()).isPositive();
    }
}
