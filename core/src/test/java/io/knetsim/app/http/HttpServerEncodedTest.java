package io.knetsim.app.http;

import static io.knetsim.net.topo.Topo.cable;
import static io.knetsim.net.topo.Topo.nic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.sim.SimTime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server that writes its own bytes, as a reverse proxy does: answers encoded whole by the
 * handler ({@link HttpResponder#respondEncoded}), its own answer to a malformed request
 * ({@link HttpServer#onBadRequest}), and the listen backlog.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ====== [eth0] 10.0.0.2 server (HttpServer :80, handler encodes)
 * </pre>
 */
class HttpServerEncodedTest {
    private final World world = new World(5);
    private final NetNamespace client = world.createNamespace("client");
    private final NetNamespace server = world.createNamespace("server");
    private final List<String> remotes = new ArrayList<>();
    private static final int SERVER = Ipv4Address.parse("10.0.0.2").bits();

    HttpServerEncodedTest() {
        cable(nic(client, "eth0", "10.0.0.1/24"), nic(server, "eth0", "10.0.0.2/24"), LinkConfig.DEFAULT);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private HttpServer proxyLike() {
        return new HttpServer(server, 80, (req, r) -> {
            remotes.add(req.remoteAddr());
            String body = req.target() + "\n";
            byte[] answer = bytes("HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body);
            if (req.target().equals("/later")) {
                world.sim().after(SimTime.seconds(1), () -> r.respondEncoded(answer));
            } else {
                r.respondEncoded(answer);
            }
        }).onBadRequest(() -> bytes("HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Length: 0\r\n\r\n"));
    }

    private RawClient rawClient(String request) {
        RawClient c = new RawClient(request);
        Tcp.connect(client, SERVER, 80, c);
        return c;
    }

    @Test
    void encodedAnswersGoOutAsTheyAreInRequestOrderAndCloseWhenAsked() {
        proxyLike().start();
        RawClient got = rawClient("GET /later HTTP/1.1\r\nHost: a\r\n\r\n"
            + "GET /now HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        world.sim().runFor(SimTime.ms(500));
        assertThat(got.text()).isEmpty();
        world.sim().runFor(SimTime.seconds(1));
        assertThat(got.text()).isEqualTo(
            "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Length: 7\r\n\r\n/later\n"
                + "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Length: 5\r\n\r\n/now\n");
        assertThat(got.peerClosed).isTrue();
        assertThat(remotes).hasSize(2).allMatch(r -> r.startsWith("10.0.0.1:"));
    }

    @Test
    void aMalformedRequestGetsTheServersOwnAnswerAndTheConnectionCloses() {
        HttpServer s = proxyLike().start();
        RawClient got = rawClient("NOT HTTP\r\n\r\n");
        world.sim().runUntilIdle();
        assertThat(got.text())
            .isEqualTo("HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Length: 0\r\n\r\n");
        assertThat(got.peerClosed).isTrue();
        assertThat(s.badRequests()).isEqualTo(1);
        assertThat(remotes).isEmpty();
    }

    @Test
    void theBacklogMustBePositive() {
        HttpServer s = proxyLike();
        assertThatThrownBy(() -> s.backlog(0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("backlog must be positive, got 0");
        assertThat(s.backlog(511)).isSameAs(s);
    }
}
