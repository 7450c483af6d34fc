package io.knetsim.skupper.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.net.topo.Topo;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab: many connections at once through three routers, over lossy cables, with small frames
 * and small session windows: each client's bytes come back from an echo server intact, and
 * every stream ends cleanly.
 *
 * <pre>
 *   hA [A] :1028 ── 2 ms, 1 % loss ── hB [B] ── 2 ms, 1 % loss ── hC [C] echo → 127.0.0.1:7
 *   12 clients on hA, 100 kB each        maxFrameSize 2048, maxSessionFrames 8 everywhere
 * </pre>
 */
class ConcurrentStreamsTest {
    static final String A = """
        [["router", {"id": "A", "mode": "interior"}],
         ["connector", {"name": "to-B", "role": "inter-router", "host": "10.0.1.2", "port": 55671,
                        "maxFrameSize": 2048, "maxSessionFrames": 8}],
         ["tcpListener", {"name": "echo", "port": 1028, "address": "echo"}]]
        """;
    static final String B = """
        [["router", {"id": "B", "mode": "interior"}],
         ["listener", {"name": "l", "role": "inter-router", "port": 55671, "maxFrameSize": 2048, "maxSessionFrames": 8}],
         ["connector", {"name": "to-C", "role": "inter-router", "host": "10.0.2.2", "port": 55671,
                        "maxFrameSize": 2048, "maxSessionFrames": 8}]]
        """;
    static final String C = """
        [["router", {"id": "C", "mode": "interior"}],
         ["listener", {"name": "l", "role": "inter-router", "port": 55671, "maxFrameSize": 2048, "maxSessionFrames": 8}],
         ["tcpConnector", {"name": "echo", "host": "127.0.0.1", "port": 7, "address": "echo"}]]
        """;

    /** Echoes what it reads; closes its side after the client's FIN. */
    static final class Echo implements TcpHandler {
        @Override
        public void onData(TcpSocket s, byte[] b, int off, int len) {
            assertThat(s.send(b, off, len)).isEqualTo(len);
        }

        @Override
        public void onPeerClosed(TcpSocket s) {
            s.shutdownOutput();
        }
    }

    /** Sends its pattern as the send buffer allows, then FIN; keeps what comes back. */
    static final class Client implements TcpHandler {
        final byte[] pattern;
        final ByteArrayOutputStream back = new ByteArrayOutputStream();
        int sent;
        boolean fin;

        Client(int n, int seed) {
            pattern = new byte[n];
            for (int i = 0; i < n; i++) {
                pattern[i] = (byte) (i * seed + (i >>> 9));
            }
        }

        @Override
        public void onConnected(TcpSocket s) {
            push(s);
        }

        @Override
        public void onWritable(TcpSocket s) {
            push(s);
        }

        private void push(TcpSocket s) {
            sent += s.send(pattern, sent, pattern.length - sent);
            if (sent == pattern.length && !fin) {
                fin = true;
                s.shutdownOutput();
            }
        }

        @Override
        public void onData(TcpSocket s, byte[] b, int off, int len) {
            back.write(b, off, len);
        }

        @Override
        public void onPeerClosed(TcpSocket s) {
            fin = true;
        }
    }

    @Test
    void twelveLossyConcurrentStreamsAllComeBackIntact() {
        RouterLab lab = new RouterLab(17);
        LinkConfig lossy = LinkConfig.DEFAULT.withDelay(Duration.ofMillis(2)).withLoss(0.01);
        EthernetNic a0 = Topo.nic(lab.host("hA"), "eth0", "10.0.1.1/24");
        EthernetNic b0 = Topo.nic(lab.host("hB"), "eth0", "10.0.1.2/24");
        EthernetNic b1 = Topo.nic(lab.host("hB"), "eth1", "10.0.2.1/24");
        EthernetNic c0 = Topo.nic(lab.host("hC"), "eth0", "10.0.2.2/24");
        Topo.cable(a0, b0, lossy);
        Topo.cable(b1, c0, lossy);
        Tcp.listen(lab.host("hC"), 7, 64, s -> new Echo());
        SkupperRouter a = lab.router("hA", A);
        SkupperRouter b = lab.router("hB", B);
        SkupperRouter c = lab.router("hC", C);
        lab.runSeconds(5);
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Client cl = new Client(100_000, 7 + 2 * i);
            clients.add(cl);
            Tcp.connect(lab.host("hA"), Ipv4Address.parse("127.0.0.1").bits(), 1028, cl);
        }
        lab.runSeconds(120);
        for (Client cl : clients) {
            assertThat(cl.back.toByteArray()).isEqualTo(cl.pattern);
        }
        assertThat(a.activeStreams() + b.activeStreams() + c.activeStreams()).isZero();
        assertThat(b.addresses()).containsExactly(new AddressInfo("echo", 0, 1, 0, 0, 12));
        assertThat(a.neighbours()).containsOnlyKeys("B");
    }
}
