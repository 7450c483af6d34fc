package io.knetsim.app.http;

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
import io.knetsim.sim.SimTime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HTTP client against raw TCP servers that answer with exact bytes, and against nothing.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ====== [eth0] 10.0.0.2 server (raw TCP on :80, :81, ...)
 * </pre>
 */
class HttpClientTest {
    private final World world = new World(3);
    private final NetNamespace client = world.createNamespace("client");
    private final NetNamespace server = world.createNamespace("server");
    private final HttpClient http = new HttpClient(client, "knetsim-test");
    private static final int SERVER = Ipv4Address.parse("10.0.0.2").bits();

    HttpClientTest() {
        cable(nic(client, "eth0", "10.0.0.1/24"), nic(server, "eth0", "10.0.0.2/24"), LinkConfig.DEFAULT);
    }

    /** A server on {@code port} that records the request and answers each read with {@code reply}. */
    private StringBuilder raw(int port, String reply, boolean close, boolean reset) {
        StringBuilder got = new StringBuilder();
        Tcp.listen(server, port, 8, s -> new TcpHandler() {
            @Override
            public void onData(TcpSocket sock, byte[] b, int off, int len) {
                got.append(new String(b, off, len, StandardCharsets.ISO_8859_1));
                if (reset) {
                    sock.abort();
                    return;
                }
                byte[] r = reply.getBytes(StandardCharsets.ISO_8859_1);
                if (r.length > 0) {
                    sock.send(r, 0, r.length);
                }
                if (close) {
                    sock.close();
                }
            }
        });
        return got;
    }

    private HttpResult send(HttpClientRequest req) {
        List<HttpResult> got = new ArrayList<>();
        http.send(req, got::add);
        world.sim().runUntilIdle();
        assertThat(got).hasSize(1);
        return got.get(0);
    }

    @Test
    void contentLengthResponseAndTheRequestBytes() {
        StringBuilder req = raw(80, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello", false, false);
        HttpResult r = send(HttpClientRequest.form(SERVER, 80, "PUT", "/v2/keys/a", "value=1"));
        assertThat(req.toString()).isEqualTo("PUT /v2/keys/a HTTP/1.1\r\nHost: 10.0.0.2\r\nUser-Agent: knetsim-test\r\n"
            + "Content-Length: 7\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nvalue=1");
        assertThat(r.ok()).isTrue();
        assertThat(r.response().status()).isEqualTo(200);
        assertThat(r.response().reason()).isEqualTo("OK");
        assertThat(r.response().header("content-type")).isEqualTo("text/plain");
        assertThat(r.response().bodyText()).isEqualTo("hello");
    }

    @Test
    void chunkedBodyIsDecodedWithExtensionsAndTrailers() {
        raw(80, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-T: 1\r\n\r\n",
            false, false);
        HttpResult r = send(HttpClientRequest.get(SERVER, 80, "/"));
        assertThat(r.response().bodyText()).isEqualTo("hello, world");
    }

    @Test
    void bodyUntilCloseAndHeadWithoutBody() {
        raw(80, "HTTP/1.0 200 OK\r\n\r\nall of it", true, false);
        assertThat(send(HttpClientRequest.get(SERVER, 80, "/")).response().bodyText()).isEqualTo("all of it");
        raw(81, "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n", false, false);
        HttpClientRequest head = new HttpClientRequest(SERVER, 81, "HEAD", "/", List.of(), new byte[0], 0, 0);
        HttpResult r = send(head);
        assertThat(r.response().header("Content-Length")).isEqualTo("9");
        assertThat(r.response().body()).isEmpty();
    }

    @Test
    void errorsRefusedUnreachableResetEofMalformedAndTimeouts() {
        assertThat(send(HttpClientRequest.get(SERVER, 80, "/")))
            .isEqualTo(HttpResult.failed(HttpClientError.CONNECTION_REFUSED, false));
        assertThat(send(HttpClientRequest.get(Ipv4Address.parse("192.168.9.9").bits(), 80, "/")))
            .isEqualTo(HttpResult.failed(HttpClientError.NETWORK_UNREACHABLE, false));
        raw(81, "", false, true);
        assertThat(send(HttpClientRequest.get(SERVER, 81, "/"))).isEqualTo(HttpResult.failed(HttpClientError.RESET, true));
        raw(82, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", true, false);
        assertThat(send(HttpClientRequest.get(SERVER, 82, "/"))).isEqualTo(HttpResult.failed(HttpClientError.EOF, true));
        raw(83, "SSH-2.0-OpenSSH\r\n\r\n", false, false);
        assertThat(send(HttpClientRequest.get(SERVER, 83, "/")))
            .isEqualTo(HttpResult.failed(HttpClientError.MALFORMED, true));
        raw(84, "", false, false);
        long t0 = world.sim().now();
        List<HttpResult> got = new ArrayList<>();
        http.send(HttpClientRequest.get(SERVER, 84, "/").withTimeouts(SimTime.seconds(1), SimTime.seconds(3)), got::add);
        world.sim().runWhile(got::isEmpty);
        assertThat(got).containsExactly(HttpResult.failed(HttpClientError.TIMEOUT, true));
        assertThat(world.sim().now() - t0).isEqualTo(SimTime.seconds(3));
        got.clear();
        t0 = world.sim().now();
        http.send(HttpClientRequest.get(Ipv4Address.parse("10.0.0.9").bits(), 80, "/")
            .withTimeouts(SimTime.seconds(1), 0), got::add);
        world.sim().runWhile(got::isEmpty);
        assertThat(got).containsExactly(HttpResult.failed(HttpClientError.TIMEOUT, false));
        assertThat(world.sim().now() - t0).isEqualTo(SimTime.seconds(1));
    }

    @Test
    void aCancelledCallNeverCallsBack() {
        raw(80, "", false, false);
        List<HttpResult> got = new ArrayList<>();
        HttpClient.HttpCall call = http.send(HttpClientRequest.get(SERVER, 80, "/"), got::add);
        world.sim().runFor(SimTime.seconds(1));
        assertThat(call.connected()).isTrue();
        call.cancel();
        world.sim().runUntilIdle();
        assertThat(got).isEmpty();
        assertThat(call.isDone()).isTrue();
    }
}
