package io.knetsim.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.link.LinkConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A bulk sender writes its bytes under back-pressure and closes: the receiver gets every byte,
 * in order, then the FIN.
 *
 * <pre>
 *   client 10.0.0.1 ── BulkSender(200,000 B of a 1,000-byte chunk) ──▶ 10.0.0.2:5001 Recorder
 * </pre>
 */
class BulkSenderTest {
    @Test
    void everyByteArrivesInOrderThenTheFin() {
        TcpLab lab = new TcpLab(3, LinkConfig.DEFAULT.withDelay(Duration.ofMillis(1)).withRate(100_000_000L));
        TcpLab.Recorder server = new TcpLab.Recorder(lab.world);
        Tcp.listen(lab.server, 5001, 16, s -> server);
        byte[] chunk = TcpLab.pattern(1000, 7);
        BulkSender sender = new BulkSender(200_000, chunk);
        Tcp.connect(lab.client, TcpLab.SERVER, 5001, sender);
        lab.runSeconds(5);

        byte[] got = server.data.toByteArray();
        assertThat(got).hasSize(200_000);
        for (int i = 0; i < got.length; i += 997) {
            assertThat(got[i]).as("byte %d", i).isEqualTo(chunk[i % chunk.length]);
        }
        assertThat(server.events).containsSubsequence("peer-closed");
        assertThat(sender.left()).isZero();
    }
}
