package io.knetsim.app.http;

import static io.knetsim.net.topo.Topo.cable;
import static io.knetsim.net.topo.Topo.nic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.Errno;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.tcp.Tcp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One request on a client connection of its own, the piece {@link HttpClient} and a proxy's
 * upstream call share: what its events hear, in order, and that nothing follows the end.
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ====== [eth0] 10.0.0.2 server (HttpServer :80; nothing on :81)
 * </pre>
 */
class HttpClientConnectionTest {
    private final World world = new World(7);
    private final NetNamespace client = world.createNamespace("client");
    private final NetNamespace server = world.createNamespace("server");
    private final List<String> heard = new ArrayList<>();
    private static final int SERVER = Ipv4Address.parse("10.0.0.2").bits();
    private static final byte[] GET = "GET /x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    HttpClientConnectionTest() {
        cable(nic(client, "eth0", "10.0.0.1/24"), nic(server, "eth0", "10.0.0.2/24"), LinkConfig.DEFAULT);
        new HttpServer(server, 80, req -> HttpResponse.text(200, "OK", "hi " + req.target() + "\n")).start();
    }

    private final HttpClientConnection.Events events = new HttpClientConnection.Events() {
        @Override
        public void connected() {
            heard.add("connected");
        }

        @Override
        public void received() {
            heard.add("received");
        }

        @Override
        public void response(HttpClientResponse response) {
            heard.add("response " + response.status() + " " + response.bodyText().strip());
        }

        @Override
        public void malformed() {
            heard.add("malformed");
        }

        @Override
        public void closedEarly() {
            heard.add("closedEarly");
        }

        @Override
        public void error(Errno error) {
            heard.add("error " + error);
        }
    };

    @Test
    void aResponseEndsTheConnection() {
        HttpClientConnection c = HttpClientConnection.open(client, SERVER, 80, "GET", GET, events);
        world.sim().runUntilIdle();
        // the server writes head and body apart (TCP_NODELAY): two segments, each heard
        assertThat(heard).containsExactly("connected", "received", "received", "response 200 hi /x");
        c.close();
        world.sim().runUntilIdle();
        assertThat(Tcp.of(client).connections()).isEmpty();
    }

    @Test
    void aRefusedConnectionIsAnErrorAndNothingFollowsAnAbort() {
        HttpClientConnection.open(client, SERVER, 81, "GET", GET, events);
        world.sim().runUntilIdle();
        assertThat(heard).containsExactly("error ECONNREFUSED");
        heard.clear();
        HttpClientConnection c = HttpClientConnection.open(client, SERVER, 80, "GET", GET, events);
        c.abort();
        world.sim().runUntilIdle();
        assertThat(heard).isEmpty();
    }

    @Test
    void noRouteIsThrownAtOnce() {
        assertThatThrownBy(() -> HttpClientConnection.open(client, Ipv4Address.parse("192.0.2.1").bits(), 80, "GET",
            GET, events)).isInstanceOf(IllegalStateException.class);
        assertThat(heard).isEmpty();
    }
}
