package io.knetsim.ingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.app.http.AsyncHttpHandler;
import io.knetsim.app.http.HttpServer;
import io.knetsim.app.http.RawClient;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.sim.SimTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * nginx's own answers, byte for byte: 404 with no matching location, 502 when the upstream
 * refuses (after trying the next server first), 504 after proxy_read_timeout, 503 for an
 * upstream with no servers.
 *
 * <pre>
 *   client --&gt; proxy :8001  /ok     -&gt; up1:8000 (answers)
 *                           /refuse -&gt; up3:9    (nothing listens: RST)
 *                           /pair   -&gt; up3:9, up1:8000
 *                           /slow   -&gt; up2:8000 (accepts, never answers)
 *                           /empty  -&gt; upstream with no servers
 *                           /reset  -&gt; up3:7000 (reads the request, answers RST); /resetpair -&gt; up3:7000, up1:8000
 *                           /nohost -&gt; 10.0.0.99:8000 (no such host; proxy_connect_timeout 2s)
 * </pre>
 */
class ErrorAnswersTest {
    private final ProxyLab lab = new ProxyLab();
    private final NginxProxy nginx;

    ErrorAnswersTest() {
        lab.recorder(lab.up1, 8000, "S1-W2");
        new HttpServer(lab.up2, 8000, (AsyncHttpHandler) (req, responder) -> { }).start();
        Tcp.listen(lab.up3, 7000, 16, s -> new TcpHandler() {
            @Override
            public void onData(TcpSocket sock, byte[] b, int off, int len) {
                sock.abort(); // reads the request, answers with a RST
            }
        });
        nginx = NginxProxy.start(lab.proxy, new NginxConfig("grp1", 8001, List.of(),
            List.of(Upstream.of("pair", UpstreamServer.of("10.0.0.13", 9), UpstreamServer.of("10.0.0.11", 8000)),
                new Upstream("empty", List.of(), null),
                Upstream.of("resetpair", UpstreamServer.of("10.0.0.13", 7000), UpstreamServer.of("10.0.0.11", 8000))),
            List.of(Location.prefix("/ok", "10.0.0.11:8000"), Location.prefix("/refuse", "10.0.0.13:9"),
                Location.prefix("/pair", "pair"), Location.prefix("/slow", "10.0.0.12:8000"),
                Location.prefix("/empty", "empty"), Location.prefix("/reset", "10.0.0.13:7000"),
                Location.prefix("/resetpair", "resetpair"),
                Location.prefix("/nohost", "10.0.0.99:8000").withConnectTimeout(SimTime.seconds(2)))));
    }

    private static String page(String line) {
        return "<html>\r\n<head><title>" + line + "</title></head>\r\n<body>\r\n<center><h1>" + line
            + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    }

    private static String head(String line, int length, String date) {
        return "HTTP/1.1 " + line + "\r\nServer: nginx\r\nDate: " + date + "\r\nContent-Type: text/html\r\n"
            + "Content-Length: " + length + "\r\nConnection: close\r\n\r\n";
    }

    private String fetch(String path) {
        RawClient r = lab.raw("GET " + path + " HTTP/1.1\r\nHost: 10.0.0.2:8001\r\nConnection: close\r\n\r\n");
        lab.world.sim().runWhile(() -> !r.peerClosed);
        return r.text();
    }

    @Test
    void noMatchingLocationIsNginxs404Page() {
        assertThat(fetch("/nothing/here")).isEqualTo(head("404 Not Found", 146, "Thu, 01 Jan 1970 00:00:00 GMT")
            + page("404 Not Found"));
        assertThat(nginx.responses(404)).isEqualTo(1);
    }

    @Test
    void aRefusingUpstreamIs502() {
        assertThat(fetch("/refuse")).isEqualTo(head("502 Bad Gateway", 150, "Thu, 01 Jan 1970 00:00:00 GMT")
            + page("502 Bad Gateway"));
    }

    @Test
    void aRefusingServerIsSkippedForTheNextOneAsProxyNextUpstreamErrorDoes() {
        assertThat(lab.body("/pair")).isEqualTo("S1-W2");
        assertThat(lab.received).hasSize(1);
        assertThat(nginx.isUp("pair", "10.0.0.13:9")).as("max_fails=1: out for fail_timeout").isFalse();
        assertThat(nginx.isUp("pair", "10.0.0.11:8000")).isTrue();
        lab.world.sim().runFor(SimTime.seconds(11));
        assertThat(nginx.isUp("pair", "10.0.0.13:9")).as("back after fail_timeout=10s").isTrue();
    }

    @Test
    void anUpstreamThatResetsIs502AndTheNextServerAnswersInAGroup() {
        assertThat(fetch("/reset")).isEqualTo(head("502 Bad Gateway", 150, "Thu, 01 Jan 1970 00:00:00 GMT")
            + page("502 Bad Gateway"));
        assertThat(lab.body("/resetpair")).isEqualTo("S1-W2");
        assertThat(nginx.isUp("resetpair", "10.0.0.13:7000")).isFalse();
    }

    @Test
    void anUnreachableServerIs504AfterProxyConnectTimeout() {
        String got = fetch("/nohost");
        assertThat(got).startsWith("HTTP/1.1 504 Gateway Time-out\r\n").endsWith(page("504 Gateway Time-out"));
        assertThat(lab.world.sim().now()).isBetween(SimTime.seconds(2), SimTime.ms(2010));
    }

    @Test
    void anUpstreamThatNeverAnswersIs504AfterSixtySeconds() {
        String got = fetch("/slow");
        assertThat(got).isEqualTo(head("504 Gateway Time-out", 160, "Thu, 01 Jan 1970 00:01:00 GMT")
            + page("504 Gateway Time-out"));
        assertThat(lab.world.sim().now()).isBetween(SimTime.seconds(60), SimTime.ms(60_010));
    }

    @Test
    void anUpstreamWithNoServersIs503() {
        assertThat(fetch("/empty")).isEqualTo(head("503 Service Temporarily Unavailable", 190,
            "Thu, 01 Jan 1970 00:00:00 GMT") + page("503 Service Temporarily Unavailable"));
    }

    @Test
    void aHeadRequestGetsTheHeadOnly() {
        RawClient r = lab.raw("HEAD /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        lab.world.sim().runWhile(() -> !r.peerClosed);
        assertThat(r.text()).isEqualTo(head("404 Not Found", 146, "Thu, 01 Jan 1970 00:00:00 GMT"));
    }

    @Test
    void aMalformedRequestIs400AndTheConnectionCloses() {
        RawClient r = lab.raw("NOT HTTP\r\n\r\n");
        lab.world.sim().runWhile(() -> !r.peerClosed);
        assertThat(r.text()).isEqualTo(head("400 Bad Request", 150, "Thu, 01 Jan 1970 00:00:00 GMT")
            + page("400 Bad Request"));
    }
}
