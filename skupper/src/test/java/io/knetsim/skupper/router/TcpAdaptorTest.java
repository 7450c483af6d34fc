package io.knetsim.skupper.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.Errno;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.net.tcp.TcpState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab: the TCP adaptor carries a connection's bytes both ways, each direction's FIN on its own
 * (half-close), a reset from either end to the other, and back-pressure from a server that
 * stops reading all the way to the client, within the frames and session window configured.
 *
 * <pre>
 *   hA 10.0.1.1 [A] :1028 svc1 ── maxFrameSize 1024, maxSessionFrames 4 ── hB 10.0.1.2 [B] svc1 → :9000
 *   client (raw TCP) on hA                                                  server (raw TCP) on hB
 * </pre>
 */
class TcpAdaptorTest {
    static final String A = """
        [
          ["router", {"id": "A", "mode": "interior"}],
          ["connector", {"name": "to-B", "role": "inter-router", "host": "10.0.1.2", "port": 55671,
                         "maxFrameSize": 1024, "maxSessionFrames": 4}],
          ["tcpListener", {"name": "svc1", "port": 1028, "address": "svc1"}]
        ]
        """;
    static final String B = """
        [
          ["router", {"id": "B", "mode": "interior"}],
          ["listener", {"name": "interior-listener", "role": "inter-router", "port": 55671,
                        "maxFrameSize": 1024, "maxSessionFrames": 4}],
          ["tcpConnector", {"name": "svc1", "host": "127.0.0.1", "port": 9000, "address": "svc1"}]
        ]
        """;

    /** Records what a socket hears. */
    static class Peer implements TcpHandler {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();
        TcpSocket socket;

        @Override
        public void onConnected(TcpSocket s) {
            socket = s;
            events.add("connected");
        }

        @Override
        public void onData(TcpSocket s, byte[] b, int off, int len) {
            data.write(b, off, len);
        }

        @Override
        public void onPeerClosed(TcpSocket s) {
            events.add("fin");
        }

        @Override
        public void onError(TcpSocket s, Errno e) {
            events.add(e.name());
        }

        String text() {
            return data.toString(StandardCharsets.UTF_8);
        }

        void send(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            assertThat(socket.send(b, 0, b.length)).isEqualTo(b.length);
        }
    }

    private final RouterLab lab = new RouterLab(3);
    private final List<Peer> servers = new ArrayList<>();
    private SkupperRouter a;
    private SkupperRouter b;

    TcpAdaptorTest() {
        lab.cable("hA", "eth0", "10.0.1.1/24", "hB", "eth0", "10.0.1.2/24");
    }

    private void start(boolean withServer) {
        if (withServer) {
            Tcp.listen(lab.host("hB"), 9000, 8, s -> {
                Peer p = new Peer();
                servers.add(p);
                return p;
            });
        }
        a = lab.router("hA", A);
        b = lab.router("hB", B);
        lab.runSeconds(3);
    }

    private Peer connect() {
        Peer c = new Peer();
        Tcp.connect(lab.host("hA"), Ipv4Address.parse("127.0.0.1").bits(), 1028, c);
        lab.runSeconds(1);
        return c;
    }

    @Test
    void eachDirectionClosesOnItsOwn() {
        start(true);
        Peer client = connect();
        client.send("hello");
        lab.runSeconds(1);
        Peer server = servers.get(0);
        assertThat(server.text()).isEqualTo("hello");
        server.send("first half");
        server.socket.shutdownOutput(); // the server is done sending but still reads
        lab.runSeconds(1);
        assertThat(client.text()).isEqualTo("first half");
        assertThat(client.events).containsExactly("connected", "fin");
        client.send(" and more"); // the client may still send after the server's FIN
        lab.runSeconds(1);
        assertThat(server.text()).isEqualTo("hello and more");
        assertThat(server.events).containsExactly("connected");
        client.socket.shutdownOutput();
        lab.runSeconds(1);
        assertThat(server.events).containsExactly("connected", "fin");
        lab.runSeconds(120);
        assertThat(client.socket.state()).isEqualTo(TcpState.CLOSED);
        assertThat(server.socket.state()).isEqualTo(TcpState.CLOSED);
        assertThat(a.activeStreams()).isZero();
        assertThat(b.activeStreams()).isZero();
        assertThat(a.links()).extracting(LinkInfo::type).containsOnly("router-control");
    }

    @Test
    void aClientResetResetsTheServerConnection() {
        start(true);
        Peer client = connect();
        client.send("abc");
        lab.runSeconds(1);
        client.socket.abort();
        lab.runSeconds(1);
        assertThat(servers.get(0).events).containsExactly("connected", "ECONNRESET");
        assertThat(a.activeStreams() + b.activeStreams()).isZero();
    }

    @Test
    void aServerResetResetsTheClientConnection() {
        start(true);
        Peer client = connect();
        client.send("abc");
        lab.runSeconds(1);
        servers.get(0).socket.abort();
        lab.runSeconds(1);
        assertThat(client.events).containsExactly("connected", "ECONNRESET");
        assertThat(a.activeStreams() + b.activeStreams()).isZero();
    }

    @Test
    void aRefusedServiceResetsTheClient() {
        start(false);
        Peer client = connect();
        lab.runSeconds(1);
        assertThat(client.events).containsExactly("connected", "ECONNRESET");
        assertThat(a.activeStreams() + b.activeStreams()).isZero();
    }

    @Test
    void aServerThatStopsReadingHoldsTheClientBackThenEverythingArrives() {
        start(true);
        Peer client = connect();
        Peer server = servers.get(0);
        server.socket.pauseReading();
        byte[] big = new byte[8 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + (i >>> 11));
        }
        int[] sent = {0};
        Runnable push = () -> sent[0] += client.socket.send(big, sent[0], big.length - sent[0]);
        for (int i = 0; i < 60; i++) {
            push.run();
            lab.runSeconds(1);
        }
        int stalledAt = sent[0];
        assertThat(stalledAt).as("the client's send buffer filled: back-pressure reached it").isLessThan(big.length);
        for (int i = 0; i < 30; i++) {
            push.run();
            lab.runSeconds(1);
        }
        assertThat(sent[0]).as("nothing moves while the server does not read").isEqualTo(stalledAt);
        AmqpConnection ab = a.interRouterConnections().get(0).amqp;
        AmqpConnection ba = b.interRouterConnections().get(0).amqp;
        assertThat(ab.largestFrameSent).isLessThanOrEqualTo(1024);
        assertThat(ba.largestFrameSent).isLessThanOrEqualTo(1024);
        assertThat(ba.windowViolations + ab.windowViolations).isZero();
        assertThat(ab.windowStalls).as("A waited for B's session window").isPositive();
        assertThat(a.neighbours()).as("hellos still flow on the control session").containsOnlyKeys("B");
        assertThat(a.links()).filteredOn(l -> l.type().equals("router-control")).extracting(LinkInfo::undelivered)
            .containsOnly(0);
        assertThat(a.links()).filteredOn(l -> l.type().equals("inter-router") && l.dir().equals("out"))
            .extracting(LinkInfo::undelivered).singleElement().satisfies(n -> assertThat(n)
                .as("frames waiting for B's data session window").isGreaterThan(AmqpLink.HIGH_WATER));
        assertThat(lab.sh("hA", "skstat -l")).contains("  inter-router    out  1        3   mobile  svc1           1  ");

        server.socket.resumeReading();
        for (int i = 0; i < 200 && sent[0] < big.length; i++) {
            lab.runSeconds(1);
            push.run();
        }
        client.socket.shutdownOutput();
        lab.runSeconds(10);
        assertThat(server.data.toByteArray()).isEqualTo(big);
        assertThat(server.events).containsExactly("connected", "fin");
    }
}
