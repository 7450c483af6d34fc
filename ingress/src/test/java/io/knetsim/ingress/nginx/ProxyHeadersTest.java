package io.knetsim.ingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.app.http.HttpHeader;
import io.knetsim.app.http.HttpRequest;
import io.knetsim.app.http.RawClient;
import io.knetsim.sim.SimTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the upstream receives and what the client gets back, byte for byte.
 *
 * <pre>
 *   client 10.0.0.1 --GET /svc1/x?y=1--> proxy 10.0.0.2:8001 --location /svc1--> up1 10.0.0.11:8000 (S1-W2)
 * </pre>
 */
class ProxyHeadersTest {
    private final ProxyLab lab = new ProxyLab();

    ProxyHeadersTest() {
        lab.recorder(lab.up1, 8000, "S1-W2");
        NginxProxy.start(lab.proxy, NginxConfig.of("grp1", 8001, List.of(Location.prefix("/svc1", "10.0.0.11:8000"))));
    }

    @Test
    void theUpstreamGetsTheUriUnchangedTheClientsHostAndTheForwardingHeaders() {
        RawClient r = lab.raw("GET /svc1/x?y=1 HTTP/1.1\r\nHost: 10.0.0.2:8001\r\nUser-Agent: curl/8.5.0\r\n"
            + "Accept: */*\r\nX-Forwarded-For: 1.2.3.4\r\nConnection: close\r\n\r\n");
        lab.world.sim().runFor(SimTime.seconds(1));

        assertThat(lab.received).hasSize(1);
        HttpRequest up = lab.received.get(0);
        assertThat(up.method()).isEqualTo("GET");
        assertThat(up.target()).isEqualTo("/svc1/x?y=1");
        assertThat(up.version()).isEqualTo("HTTP/1.1");
        assertThat(up.headers()).containsExactly(
            new HttpHeader("Host", "10.0.0.2:8001"),
            new HttpHeader("X-Real-IP", "10.0.0.1"),
            new HttpHeader("X-Forwarded-For", "1.2.3.4, 10.0.0.1"),
            new HttpHeader("X-Forwarded-Proto", "http"),
            new HttpHeader("Connection", "close"),
            new HttpHeader("User-Agent", "curl/8.5.0"),
            new HttpHeader("Accept", "*/*"));

        assertThat(r.text()).isEqualTo("HTTP/1.1 200 OK\r\nServer: nginx\r\nDate: Thu, 01 Jan 1970 00:00:00 GMT\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 6\r\nConnection: close\r\n\r\nS1-W2\n");
        assertThat(r.peerClosed).isTrue();
    }

    @Test
    void aClientWithoutForwardedForGetsItsOwnAddressAndAKeptAliveConnectionServesTwoRequests() {
        RawClient r = lab.raw("GET /svc1 HTTP/1.1\r\nHost: ingress.local\r\n\r\n"
            + "POST /svc1/form HTTP/1.1\r\nHost: ingress.local\r\nContent-Length: 3\r\nConnection: close\r\n\r\na=b");
        lab.world.sim().runFor(SimTime.seconds(1));

        assertThat(lab.received).hasSize(2);
        assertThat(lab.received.get(0).headers()).containsExactly(
            new HttpHeader("Host", "ingress.local"),
            new HttpHeader("X-Real-IP", "10.0.0.1"),
            new HttpHeader("X-Forwarded-For", "10.0.0.1"),
            new HttpHeader("X-Forwarded-Proto", "http"),
            new HttpHeader("Connection", "close"));
        HttpRequest post = lab.received.get(1);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.header("Content-Length")).isEqualTo("3");
        assertThat(new String(post.body())).isEqualTo("a=b");
        String ok = "HTTP/1.1 200 OK\r\nServer: nginx\r\nDate: Thu, 01 Jan 1970 00:00:00 GMT\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 6\r\n";
        assertThat(r.text()).isEqualTo(ok + "Connection: keep-alive\r\n\r\nS1-W2\n" + ok + "Connection: close\r\n\r\nS1-W2\n");
    }
}
