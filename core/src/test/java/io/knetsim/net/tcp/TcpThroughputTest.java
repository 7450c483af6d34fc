package io.knetsim.net.tcp;

import static io.knetsim.net.tcp.TcpLab.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.link.LinkConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Lab: how close one bulk connection gets to the link rate, measured in simulated time.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ==== 100 Mbit/s, 10 ms one way ==== [eth0] 10.0.0.2 server :5001
 *        writes without end                                    counts bytes
 * </pre>
 *
 * A full-size frame carries 1448 bytes of payload in 1514 bytes plus 24 bytes of preamble,
 * inter-frame gap and FCS on the wire, so goodput cannot exceed 1448 / 1538 = 94.1 % of the
 * link rate. After slow start (seconds 2 to 10) the connection must reach 90 %.
 */
class TcpThroughputTest {
    private static final long RATE = 100_000_000;

    @Test
    void oneBulkFlowFillsA100MbitLinkAfterSlowStart() {
        TcpLab lab = new TcpLab(7, LinkConfig.DEFAULT.withDelay(Duration.ofMillis(10)).withRate(RATE));
        long[] received = {0};
        Tcp.listen(lab.server, 5001, 16, s -> new TcpHandler() {
            @Override
            public void onData(TcpSocket sock, byte[] b, int off, int len) {
                received[0] += len;
            }
        });
        byte[] chunk = TcpLab.pattern(64 * 1024, 7);
        TcpHandler endless = new TcpHandler() {
            @Override
            public void onConnected(TcpSocket s) {
                onWritable(s);
            }

            @Override
            public void onWritable(TcpSocket s) {
                while (s.send(chunk, 0, chunk.length) == chunk.length) {
                    // fill the send buffer; onWritable comes again when ACKs free space
                }
            }
        };
        TcpSocket client = Tcp.connect(lab.client, SERVER, 5001, endless);
        lab.runSeconds(2);
        long at2 = received[0];
        lab.runSeconds(8);
        long at10 = received[0];

        double bitsPerSecond = (at10 - at2) * 8 / 8.0;
        System.out.printf("goodput seconds 2-10: %.2f Mbit/s (%.1f %% of link), retransmits %d, srtt %.1f ms%n",
            bitsPerSecond / 1e6, 100 * bitsPerSecond / RATE, client.retransmits(), client.srtt() / 1e6);
        assertThat(bitsPerSecond).isGreaterThanOrEqualTo(0.90 * RATE);
        assertThat(client.retransmits()).isZero();
    }
}
