package io.knetsim.tool.tcpdump;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.pcap.LabWorlds;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Invocation;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab: a whole TCP conversation as {@code tcpdump -n} prints it: handshake, a request and
 * its answer, and the FIN exchange.
 *
 * <pre>
 *   h1 [eth0 10.0.0.1/24] -------- 50 us -------- [eth0 10.0.0.2/24] h2 :80
 *      $ tcpdump -n -c 9 tcp          (connect at t = 1 s, "GET /", answer "OK", close)
 * </pre>
 */
class TcpdumpTcpConnectionLabTest {
    @TempDir
    Path dir;

    @Test
    void handshakeDataAndCloseLookAsTcpdumpShowsLinux() {
        LabWorlds.TwoHosts t = LabWorlds.twoHosts(1);
        Tcp.listen(t.h2(), 80, 8, s -> new TcpHandler() {
            @Override
            public void onData(TcpSocket sock, byte[] b, int off, int len) {
                sock.send("OK".getBytes(StandardCharsets.US_ASCII), 0, 2);
            }

            @Override
            public void onPeerClosed(TcpSocket sock) {
                sock.close();
            }
        });
        t.world().sim().at(SimTime.seconds(1), () -> Tcp.connect(t.h1(), Ipv4Address.parse("10.0.0.2").bits(), 80,
            new TcpHandler() {
                @Override
                public void onConnected(TcpSocket s) {
                    s.send("GET /".getBytes(StandardCharsets.US_ASCII), 0, 5);
                }

                @Override
                public void onData(TcpSocket s, byte[] b, int off, int len) {
                    s.close();
                }
            }));
        Invocation td = Tcpdump.runner(dir).run(t.h1(), "tcpdump -n -c 9 tcp");
        List<String> lines = td.stdout().lines().toList();
        assertThat(lines).hasSize(9);
        assertThat(lines.get(0)).matches(".* IP 10\\.0\\.0\\.1\\.\\d+ > 10\\.0\\.0\\.2\\.80: Flags \\[S\\], seq \\d+, "
            + "win 64240, options \\[mss 1460,sackOK,TS val \\d+ ecr 0,nop,wscale 7\\], length 0");
        assertThat(lines.get(1)).matches(".* IP 10\\.0\\.0\\.2\\.80 > 10\\.0\\.0\\.1\\.\\d+: Flags \\[S\\.\\], seq \\d+, "
            + "ack \\d+, win 65160, options \\[mss 1460,sackOK,TS val \\d+ ecr \\d+,nop,wscale 7\\], length 0");
        assertThat(lines.get(2)).matches(".*: Flags \\[\\.\\], ack 1, win 502, options \\[nop,nop,TS val \\d+ ecr \\d+\\], length 0");
        assertThat(lines.get(3)).matches(".*: Flags \\[P\\.\\], seq 1:6, ack 1, win \\d+, .*length 5: HTTP: GET / \\[\\|http\\]");
        // the server answers from its onData: the answer acknowledges the request
        assertThat(lines.get(4)).matches(".*10\\.0\\.0\\.2\\.80 > .*: Flags \\[P\\.\\], seq 1:3, ack 6, win 510, .*length 2: HTTP");
        assertThat(lines.get(5)).matches(".*10\\.0\\.0\\.1\\.\\d+ > .*: Flags \\[F\\.\\], seq 6, ack 3, .*length 0");
        // as in Linux, the FIN is acknowledged at once, and the application's close follows
        assertThat(lines.get(6)).matches(".*10\\.0\\.0\\.2\\.80 > .*: Flags \\[\\.\\], ack 7, .*length 0");
        assertThat(lines.get(7)).matches(".*10\\.0\\.0\\.2\\.80 > .*: Flags \\[F\\.\\], seq 3, ack 7, .*length 0");
        assertThat(lines.get(8)).matches(".*10\\.0\\.0\\.1\\.\\d+ > .*: Flags \\[\\.\\], ack 4, .*length 0");
    }
}
