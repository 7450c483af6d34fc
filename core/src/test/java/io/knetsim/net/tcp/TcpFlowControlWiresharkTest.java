package io.knetsim.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.pcap.Capture;
import io.knetsim.pcap.Tshark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab: Wireshark's view of a zero-window episode, captured on the client's eth0: the server's
 * window fills and closes ("TCP ZeroWindow"), the client probes it, the server's application
 * reads again ("TCP Window Update"), and nothing is malformed or badly checksummed.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ==== 10 ms, 100 Mbit/s ==== [eth0] 10.0.0.2 server :9 (paused 10 s)
 *                   pcap here
 * </pre>
 */
class TcpFlowControlWiresharkTest {
    @Test
    void wiresharkSeesTheZeroWindowTheProbesAndTheUpdateAndNothingMalformed(@TempDir Path dir) throws IOException {
        Tshark tshark = Tshark.require("TCP zero-window capture check");
        Path file = dir.resolve("client-eth0.pcap");
        TcpZeroWindowTest.Run r = new TcpZeroWindowTest.Run();
        Capture cap = Capture.on(r.lab.clientEth).toFile(file);
        r.lab.runSeconds(10);
        r.srv.socket.resumeReading();
        r.lab.runSeconds(5);
        cap.stop();
        assertThat(r.srv.data.toByteArray()).isEqualTo(TcpLab.pattern(TcpZeroWindowTest.TOTAL, 1));

        List<List<String>> rows = tshark.fields(file, List.of("-o", "tcp.check_checksum:TRUE",
            "-o", "ip.check_checksum:TRUE"), "tcp.checksum.status", "ip.checksum.status", "_ws.malformed",
            "_ws.expert.message", "tcp.analysis.zero_window", "tcp.analysis.window_update",
            "tcp.analysis.keep_alive", "tcp.analysis.zero_window_probe", "tcp.window_size");
        List<List<String>> tcp = rows.stream().filter(x -> !x.get(0).isEmpty()).toList();
        assertThat(tcp).hasSizeGreaterThan(1000);
        assertThat(tcp).allSatisfy(x -> {
            assertThat(x.get(0)).as("TCP checksum status (1 = good)").isEqualTo("1");
            assertThat(x.get(1)).as("IPv4 checksum status").isEqualTo("1");
            assertThat(x.get(2)).as("malformed").isEmpty();
            assertThat(x.get(3)).as("expert info").doesNotContainIgnoringCase("bad checksum")
                .doesNotContainIgnoringCase("malformed");
        });
        long zeroWindows = tcp.stream().filter(x -> !x.get(4).isEmpty()).count();
        long updates = tcp.stream().filter(x -> !x.get(5).isEmpty()).count();
        // Linux's probes (SND.UNA - 1, no data) are what Wireshark calls keep-alives
        long probes = tcp.stream().filter(x -> !x.get(6).isEmpty() || !x.get(7).isEmpty()).count();
        // in 10 s: probes after 0.2, 0.4, 0.8, 1.6 and 3.2 s; the first zero-window ACK and the
        // answers to all probes but the rate-limited second one say ZeroWindow
        assertThat(r.probes()).hasSize(5);
        assertThat(probes).isEqualTo(5);
        assertThat(zeroWindows).isEqualTo(1 + 5 - 1);
        assertThat(updates).as("the window update after the read").isEqualTo(1);
    }
}
