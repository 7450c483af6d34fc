package io.knetsim.net.tcp;

import static io.knetsim.net.tcp.TcpLab.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.link.LinkConfig;
import io.knetsim.pcap.Capture;
import io.knetsim.pcap.Tshark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab: a lossy transfer is the same transfer every time for the same seed (same ISNs, same
 * ports, same losses, same retransmissions), and Wireshark finds nothing wrong with it.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ==== 2 ms, 100 Mbit/s, 2 % loss ==== [eth0] 10.0.0.2 server :5001
 *                   pcap here
 * </pre>
 */
class TcpDeterminismAndWiresharkTest {
    private static final LinkConfig LINK =
        LinkConfig.DEFAULT.withDelay(Duration.ofMillis(2)).withRate(100_000_000).withLoss(0.02);

    private static byte[] run(long seed, Path pcap) throws IOException {
        TcpLab lab = new TcpLab(seed, LINK);
        Capture cap = Capture.on(lab.clientEth).toFile(pcap);
        TcpLab.Recorder srv = new TcpLab.Recorder(lab.world) {
            @Override
            public void onPeerClosed(TcpSocket s) {
                super.onPeerClosed(s);
                s.close();
            }
        };
        Tcp.listen(lab.server, 5001, 4, s -> srv);
        Tcp.connect(lab.client, SERVER, 5001, new TcpLab.Sender(lab.world, TcpLab.pattern(200_000, seed), true));
        lab.runSeconds(120);
        cap.stop();
        assertThat(srv.data.toByteArray()).isEqualTo(TcpLab.pattern(200_000, seed));
        return Files.readAllBytes(pcap);
    }

    @Test
    void sameSeedSameSegmentsDifferentSeedDifferentOnes(@TempDir Path dir) throws IOException {
        byte[] a = run(11, dir.resolve("a.pcap"));
        byte[] b = run(11, dir.resolve("b.pcap"));
        byte[] c = run(12, dir.resolve("c.pcap"));
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void wiresharkSeesGoodChecksumsAndNoMalformedSegments(@TempDir Path dir) throws IOException {
        Tshark tshark = Tshark.require("TCP transfer capture check");
        Path file = dir.resolve("client-eth0.pcap");
        run(13, file);
        List<List<String>> rows = tshark.fields(file, List.of("-o", "tcp.check_checksum:TRUE",
            "-o", "ip.check_checksum:TRUE"), "tcp.flags.str", "tcp.checksum.status", "ip.checksum.status",
            "_ws.malformed", "_ws.expert.message", "tcp.options.mss_val", "tcp.options.wscale.shift");
        List<List<String>> tcp = rows.stream().filter(r -> !r.get(1).isEmpty()).toList();
        assertThat(tcp).hasSizeGreaterThan(100);
        assertThat(tcp).allSatisfy(r -> {
            assertThat(r.get(1)).as("TCP checksum status (1 = good)").isEqualTo("1");
            assertThat(r.get(2)).as("IPv4 checksum status").isEqualTo("1");
            assertThat(r.get(3)).as("malformed").isEmpty();
            assertThat(r.get(4)).as("expert info").doesNotContainIgnoringCase("bad checksum")
                .doesNotContainIgnoringCase("malformed");
        });
        assertThat(tcp.get(0).get(5)).isEqualTo("1460");
        assertThat(tcp.get(0).get(6)).isEqualTo("7");
    }
}
