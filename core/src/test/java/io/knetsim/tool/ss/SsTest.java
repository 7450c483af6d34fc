package io.knetsim.tool.ss;

import static io.knetsim.net.topo.Topo.cable;
import static io.knetsim.net.topo.Topo.nic;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Lab: {@code ss -tan} on a client and a server while a connection opens and closes.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ==== 1 ms ==== [eth0] 10.0.0.2 server :80 (backlog 128)
 * </pre>
 */
class SsTest {
    private final ToolRunner runner;

    SsTest() {
        ToolRegistry r = new ToolRegistry();
        SsTools.registerAll(r);
        runner = new ToolRunner(r, Path.of("."));
    }

    private String ss(NetNamespace ns, String line) {
        Invocation inv = runner.run(ns, line);
        assertThat(inv.stderr()).isEmpty();
        assertThat(inv.exitCode()).isZero();
        return inv.stdout();
    }

    @Test
    void listsListenersAndConnectionsWithTheirStates() {
        World w = new World(1);
        NetNamespace client = w.createNamespace("client");
        NetNamespace server = w.createNamespace("server");
        cable(nic(client, "eth0", "10.0.0.1/24"), nic(server, "eth0", "10.0.0.2/24"),
            LinkConfig.DEFAULT.withDelay(Duration.ofMillis(1)));
        Tcp.listen(server, 80, 128, s -> null);
        assertThat(ss(server, "ss -tan")).isEqualTo(""
            + "State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n"
            + "LISTEN 0      128          0.0.0.0:80        0.0.0.0:*\n");
        assertThat(ss(server, "ss -tn")).isEqualTo(
            "State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n");

        TcpSocket c = Tcp.connect(client, Ipv4Address.parse("10.0.0.2").bits(), 80, new TcpHandler() {
        });
        int port = c.localPort();
        assertThat(ss(client, "ss -tan")).isEqualTo(""
            + "State    Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n"
            + "SYN-SENT 0      0           10.0.0.1:" + port + "     10.0.0.2:80\n");
        w.sim().runFor(10_000_000);
        c.send(new byte[1000], 0, 1000);
        assertThat(ss(client, "ss -tan")).isEqualTo(""
            + "State Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n"
            + "ESTAB 0      1000        10.0.0.1:" + port + "     10.0.0.2:80\n");
        assertThat(ss(server, "ss -tan")).isEqualTo(""
            + "State  Recv-Q Send-Q Local Address:Port Peer Address:Port  Process\n"
            + "LISTEN 0      128          0.0.0.0:80        0.0.0.0:*\n"
            + "ESTAB  0      0           10.0.0.2:80       10.0.0.1:" + port + "\n");
        c.close();
        w.sim().runFor(100_000_000);
        // the server's application has not closed its side: half-closed, as ss shows it
        assertThat(ss(client, "ss -tan")).contains("FIN-WAIT-2 0      0").contains("10.0.0.1:" + port);
        assertThat(ss(server, "ss -tan")).contains("CLOSE-WAIT 0      0");
        assertThat(ss(server, "ss -tln")).doesNotContain("CLOSE-WAIT").contains("LISTEN");
    }

    /**
     * A server application that stops reading: the bytes it has not read show as Recv-Q, and
     * a FIN it has not read counts one more, as in iproute2's {@code ss} (CLOSE-WAIT 1).
     */
    @Test
    void recvQShowsWhatAPausedApplicationHasNotRead() {
        World w = new World(1);
        NetNamespace client = w.createNamespace("client");
        NetNamespace server = w.createNamespace("server");
        cable(nic(client, "eth0", "10.0.0.1/24"), nic(server, "eth0", "10.0.0.2/24"),
            LinkConfig.DEFAULT.withDelay(Duration.ofMillis(1)));
        TcpSocket[] accepted = new TcpSocket[1];
        Tcp.listen(server, 80, 128, s -> {
            accepted[0] = s;
            s.pauseReading();
            return null;
        });
        TcpSocket c = Tcp.connect(client, Ipv4Address.parse("10.0.0.2").bits(), 80, new TcpHandler() {
        });
        int port = c.localPort();
        w.sim().runFor(10_000_000);
        c.send(new byte[3000], 0, 3000);
        w.sim().runFor(100_000_000);
        assertThat(ss(server, "ss -tn")).isEqualTo(""
            + "State Recv-Q Send-Q Local Address:Port Peer Address:Port  Process\n"
            + "ESTAB 3000   0           10.0.0.2:80       10.0.0.1:" + port + "\n");
        c.send(new byte[500], 0, 500);
        c.close();
        w.sim().runFor(100_000_000);
        assertThat(ss(server, "ss -tn")).isEqualTo(""
            + "State      Recv-Q Send-Q Local Address:Port Peer Address:Port  Process\n"
            + "CLOSE-WAIT 3501   0           10.0.0.2:80       10.0.0.1:" + port + "\n");
        accepted[0].resumeReading();
        assertThat(ss(server, "ss -tn")).contains("CLOSE-WAIT 0      0");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        World w = new World(1);
        Invocation inv = runner.run(w.createNamespace("a"), "ss -x");
        assertThat(inv.exitCode()).isEqualTo(1);
        assertThat(inv.stderr()).contains("invalid option -- 'x'");
    }

    @Test
    void boundUdpPortsAreUnconnAndBothKindsGetANetidColumn() {
        World w = new World(1);
        NetNamespace ns = w.createNamespace("h");
        ns.udp().bind(5201, new io.knetsim.net.ipv4.UdpListener() {
            @Override
            public void receive(io.knetsim.packet.SkBuff skb, int src, int sport, int dst, int dport) {
            }
        });
        ns.udp().bind(53, new io.knetsim.net.ipv4.UdpListener() {
            @Override
            public void receive(io.knetsim.packet.SkBuff skb, int src, int sport, int dst, int dport) {
            }
        });
        Tcp.listen(ns, 80, 128, sock -> new TcpHandler() { });
        assertThat(ss(ns, "ss -uan")).isEqualTo("""
            State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process
            UNCONN 0      0            0.0.0.0:53        0.0.0.0:*
            UNCONN 0      0            0.0.0.0:5201      0.0.0.0:*
            """);
        assertThat(ss(ns, "ss -u")).isEqualTo("State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n");
        assertThat(ss(ns, "ss -tuan")).isEqualTo("""
            Netid State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process
            udp   UNCONN 0      0            0.0.0.0:53        0.0.0.0:*
            udp   UNCONN 0      0            0.0.0.0:5201      0.0.0.0:*
            tcp   LISTEN 0      128          0.0.0.0:80        0.0.0.0:*
            """);
    }
}
