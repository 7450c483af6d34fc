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
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server's asynchronous handler: answers given later, in request order on a connection,
 * chunked bodies, and a responder told when its client goes away.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ====== [eth0] 10.0.0.2 server (HttpServer :80, async handler)
 * </pre>
 */
class HttpServerAsyncTest {
    private final World world = new World(5);
    private final NetNamespace client = world.createNamespace("client");
    private final NetNamespace server = world.createNamespace("server");
    private final List<HttpResponder> waiting = new ArrayList<>();
    private final List<String> gone = new ArrayList<>();
    private static final int SERVER = Ipv4Address.parse("10.0.0.2").bits();

    HttpServerAsyncTest() {
        cable(nic(client, "eth0", "10.0.0.1/24"), nic(server, "eth0", "10.0.0.2/24"), LinkConfig.DEFAULT);
        new HttpServer(server, 80, (req, r) -> {
            switch (req.target()) {
                case "/now" -> r.respond(HttpResponse.text(200, "OK", "now\n"));
                case "/later" -> {
                    waiting.add(r);
                    r.onClientGone(() -> gone.add(req.target()));
                    world.sim().after(SimTime.seconds(2), () -> r.respond(HttpResponse.text(200, "OK", "later\n")));
                }
                case "/stream" -> {
                    r.startChunked(new HttpResponse(200, "OK", "application/json", List.of(), new byte[0]));
                    world.sim().after(SimTime.seconds(1), () -> {
                        r.writeChunk("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8));
                        r.endChunked();
                    });
                }
                default -> {
                    waiting.add(r);
                    r.onClientGone(() -> gone.add(req.target()));
                }
            }
        }).start();
    }

    /** Sends {@code request} once connected; records everything the server sends. */
    private ByteArrayOutputStream rawClient(String request, TcpSocket[] socket) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        socket[0] = Tcp.connect(client, SERVER, 80, new TcpHandler() {
            @Override
            public void onConnected(TcpSocket s) {
                byte[] b = request.getBytes(StandardCharsets.ISO_8859_1);
                s.send(b, 0, b.length);
            }

            @Override
            public void onData(TcpSocket s, byte[] b, int off, int len) {
                got.write(b, off, len);
            }
        });
        return got;
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderEvenWhenTheFirstAnswersLater() {
        TcpSocket[] s = new TcpSocket[1];
        ByteArrayOutputStream got = rawClient("GET /later HTTP/1.1\r\nHost: a\r\n\r\nGET /now HTTP/1.1\r\nHost: a\r\n\r\n", s);
        world.sim().runFor(SimTime.seconds(1));
        assertThat(got.toString(StandardCharsets.ISO_8859_1)).isEmpty();
        world.sim().runFor(SimTime.seconds(2));
        assertThat(got.toString(StandardCharsets.ISO_8859_1)).isEqualTo(
            "HTTP/1.1 200 OK\r\nServer: knetsim-http/1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 6\r\n\r\nlater\n"
                + "HTTP/1.1 200 OK\r\nServer: knetsim-http/1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 4\r\n\r\nnow\n");
    }

    @Test
    void aChunkedBodyOnTheWire() {
        TcpSocket[] s = new TcpSocket[1];
        ByteArrayOutputStream got = rawClient("GET /stream HTTP/1.1\r\nHost: a\r\n\r\n", s);
        world.sim().runFor(SimTime.ms(500));
        assertThat(got.toString(StandardCharsets.ISO_8859_1)).isEqualTo(
            "HTTP/1.1 200 OK\r\nServer: knetsim-http/1.0\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        world.sim().runFor(SimTime.seconds(1));
        assertThat(got.toString(StandardCharsets.ISO_8859_1)).endsWith("chunked\r\n\r\n8\r\n{\"a\":1}\n\r\n0\r\n\r\n");
        List<HttpResult> viaClient = new ArrayList<>();
        new HttpClient(client, "t").send(HttpClientRequest.get(SERVER, 80, "/stream"), viaClient::add);
        world.sim().runUntilIdle();
        assertThat(viaClient.get(0).response().bodyText()).isEqualTo("{\"a\":1}\n");
    }

    @Test
    void theResponderHearsWhenTheClientGoesAway() {
        TcpSocket[] s = new TcpSocket[1];
        rawClient("GET /never HTTP/1.1\r\nHost: a\r\n\r\n", s);
        world.sim().runFor(SimTime.seconds(1));
        assertThat(waiting).hasSize(1);
        assertThat(waiting.get(0).isOpen()).isTrue();
        s[0].close();
        world.sim().runFor(SimTime.seconds(1));
        assertThat(gone).containsExactly("/never");
        assertThat(waiting.get(0).isOpen()).isFalse();
        assertThat(waiting.get(0).clientGone()).isTrue();
        waiting.get(0).respond(HttpResponse.text(200, "OK", "too late\n"));
        world.sim().runUntilIdle();
        assertThat(Tcp.of(server).connections()).isEmpty();
    }
}
