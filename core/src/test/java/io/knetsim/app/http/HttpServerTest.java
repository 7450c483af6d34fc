package io.knetsim.app.http;

import static io.knetsim.net.topo.Topo.cable;
import static io.knetsim.net.topo.Topo.nic;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.sim.SimTime;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The HTTP server seen from a raw TCP client, byte for byte.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ====== [eth0] 10.0.0.2 server (FixedMessageServer S1-W2 :8000)
 * </pre>
 */
class HttpServerTest {
    private final World world = new World(1);
    private final NetNamespace client = world.createNamespace("client");
    private final NetNamespace server = world.createNamespace("server");
    private final HttpServer http;

    HttpServerTest() {
        cable(nic(client, "eth0", "10.0.0.1/24"), nic(server, "eth0", "10.0.0.2/24"), LinkConfig.DEFAULT);
        http = FixedMessageServer.start(server, 8000, "S1-W2");
    }

    private RawClient exchange(String request) {
        RawClient c = new RawClient(request);
        Tcp.connect(client, Ipv4Address.parse("10.0.0.2").bits(), 8000, c);
        world.sim().runFor(SimTime.seconds(1));
        return c;
    }

    private static final String OK = "HTTP/1.1 200 OK\r\nServer: knetsim-http/1.0\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 6\r\n";

    @Test
    void aGetIsAnsweredWithTheMessageAndTheConnectionStaysOpen() {
        RawClient c = exchange("GET / HTTP/1.1\r\nHost: 10.0.0.2:8000\r\n\r\n");
        assertThat(c.text()).isEqualTo(OK + "\r\nS1-W2\n");
        assertThat(c.peerClosed).isFalse();
    }

    @Test
    void twoPipelinedRequestsShareOneConnection() {
        String get = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";
        RawClient c = exchange(get + get.replace("/a", "/b"));
        assertThat(c.text()).isEqualTo(OK + "\r\nS1-W2\n" + OK + "\r\nS1-W2\n");
        assertThat(http.connections()).isEqualTo(1);
        assertThat(http.requests()).isEqualTo(2);
    }

    @Test
    void connectionCloseIsHonoured() {
        RawClient c = exchange("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(c.text()).isEqualTo(OK + "Connection: close\r\n\r\nS1-W2\n");
        assertThat(c.peerClosed).isTrue();
    }

    @Test
    void http10ClosesUnlessKeepAliveIsAsked() {
        assertThat(exchange("GET / HTTP/1.0\r\n\r\n").peerClosed).isTrue();
        assertThat(exchange("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").peerClosed).isFalse();
    }

    @Test
    void anHttp10ServerWithRawHeadersWritesOnlyTheHandlersAndClosesAfterOneResponse() {
        HttpServer raw = new HttpServer(server, 8001, req -> new HttpResponse(200, "OK", null,
            java.util.List.of(new HttpHeader("Server", "X/1"), new HttpHeader("X-Client", req.remoteAddr())),
            "hi".getBytes(StandardCharsets.US_ASCII))).http10().rawHeaders().start();
        RawClient c = new RawClient("GET /a HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n"
            + "GET /b HTTP/1.1\r\nHost: x\r\n\r\n");
        TcpSocket s = Tcp.connect(client, Ipv4Address.parse("10.0.0.2").bits(), 8001, c);
        world.sim().runFor(SimTime.seconds(1));
        assertThat(c.text()).isEqualTo("HTTP/1.0 200 OK\r\nServer: X/1\r\nX-Client: 10.0.0.1:" + s.localPort()
            + "\r\n\r\nhi");
        assertThat(c.peerClosed).isTrue();
        assertThat(raw.requests()).isEqualTo(1);
    }

    @Test
    void aBodyWithContentLengthIsReadBeforeTheNextRequest() {
        RawClient c = exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n"
            + "GET / HTTP/1.1\r\nxx\r\n" + "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(c.text()).startsWith("HTTP/1.1 501 Unsupported method ('POST')\r\n")
            .endsWith(OK + "\r\nS1-W2\n");
        assertThat(http.requests()).isEqualTo(2);
        assertThat(http.badRequests()).isZero();
    }

    @Test
    void aMalformedRequestGets400AndTheConnectionCloses() {
        RawClient c = exchange("HELLO\r\n\r\n");
        assertThat(c.text()).isEqualTo("HTTP/1.1 400 Bad Request\r\nServer: knetsim-http/1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 12\r\nConnection: close\r\n\r\n"
            + "Bad Request\n");
        assertThat(c.peerClosed).isTrue();
        assertThat(http.badRequests()).isEqualTo(1);
        assertThat(exchange("GET / HTTP/1.1\r\n\r\n").text()).startsWith("HTTP/1.1 400 Bad Request\r\n");
        assertThat(exchange("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n").text())
            .startsWith("HTTP/1.1 400 Bad Request\r\n");
    }

    @Test
    void aBodyLargerThanTheSendBufferIsWrittenAsTheBufferDrains() {
        byte[] big = new byte[3 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        new HttpServer(server, 8080, req -> new HttpResponse(200, "OK", "application/octet-stream",
            java.util.List.of(), big)).start();
        RawClient c = new RawClient("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        Tcp.connect(client, Ipv4Address.parse("10.0.0.2").bits(), 8080, c);
        world.sim().runFor(SimTime.seconds(30));
        byte[] got = c.got.toByteArray();
        assertThat(c.peerClosed).isTrue();
        assertThat(got.length).isGreaterThan(big.length);
        assertThat(java.util.Arrays.copyOfRange(got, got.length - big.length, got.length)).isEqualTo(big);
    }

    @Test
    void aDateHeaderComesFromSimulatedTimeWhenAsked() {
        new HttpServer(server, 8081, req -> HttpResponse.text(200, "OK", "x")).withDate().start();
        world.sim().runFor(SimTime.seconds(3));
        RawClient c = new RawClient("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        Tcp.connect(client, Ipv4Address.parse("10.0.0.2").bits(), 8081, c);
        world.sim().runFor(SimTime.seconds(1));
        assertThat(c.text()).contains("\r\nDate: Thu, 01 Jan 1970 00:00:03 GMT\r\n");
        assertThat(HttpServer.httpDate(SimTime.seconds(86_400L * 365 + 61))).isEqualTo("Fri, 01 Jan 1971 00:01:01 GMT");
    }
}
