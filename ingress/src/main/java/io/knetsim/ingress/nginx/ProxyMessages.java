package io.knetsim.ingress.nginx;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.app.http.HttpClientResponse;
import io.knetsim.app.http.HttpHeader;
import io.knetsim.app.http.HttpRequest;
import io.knetsim.app.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The bytes nginx writes on both sides of a proxied request, with the directives of
 * {@link NginxConfWriter#MAIN}.
 *
 * <p>Upstream: {@code METHOD URI HTTP/1.1}, then the {@code proxy_set_header} fields in order
 * ({@code Host} as the client sent it, {@code X-Real-IP}, {@code X-Forwarded-For} with the client
 * address appended to any the client sent, {@code X-Forwarded-Proto: http}), nginx's own
 * {@code Connection: close} and {@code Content-Length}, then the client's other fields as
 * received (hop-by-hop and overridden ones left out). Fields with an empty value are not sent.
 *
 * <p>Client: the upstream's status line, {@code Server: nginx}, {@code Date} (simulated clock),
 * {@code Content-Type}, {@code Content-Length}, {@code Connection}, then the upstream's other
 * fields ({@code Server} and {@code Date} hidden, as {@code proxy_hide_header} does by default).
 * The body is buffered whole ({@code proxy_buffering on}) and sent with its length.
 */
final class ProxyMessages {
    private static final Set<String> NOT_PASSED_UP = Set.of("host", "connection", "keep-alive", "te", "upgrade",
        "expect", "transfer-encoding", "content-length", "x-real-ip", "x-forwarded-for", "x-forwarded-proto",
        "proxy-connection");
    private static final Set<String> NOT_PASSED_DOWN = Set.of("server", "date", "content-type", "content-length",
        "connection", "keep-alive", "transfer-encoding", "x-pad", "x-accel-redirect", "x-accel-expires",
        "x-accel-limit-rate", "x-accel-buffering", "x-accel-charset");

    private ProxyMessages() {
    }

    /** The request nginx sends upstream for {@code req} from {@code clientAddress}. */
    static byte[] upstreamRequest(HttpRequest req, String uri, int clientAddress) {
        String remote = Ipv4Address.format(clientAddress);
        List<String> xff = new ArrayList<>();
        for (HttpHeader h : req.headers()) {
            if (h.name().equalsIgnoreCase("X-Forwarded-For")) {
                xff.add(h.value());
            }
        }
        xff.add(remote);
        StringBuilder sb = new StringBuilder();
        sb.append(req.method()).append(' ').append(uri).append(" HTTP/1.1\r\n");
        String host = req.header("Host");
        if (host != null && !host.isEmpty()) {
            sb.append("Host: ").append(host).append("\r\n");
        }
        sb.append("X-Real-IP: ").append(remote).append("\r\n");
        sb.append("X-Forwarded-For: ").append(String.join(", ", xff)).append("\r\n");
        sb.append("X-Forwarded-Proto: http\r\n");
        sb.append("Connection: close\r\n");
        if (req.body().length > 0) {
            sb.append("Content-Length: ").append(req.body().length).append("\r\n");
        }
        for (HttpHeader h : req.headers()) {
            if (!NOT_PASSED_UP.contains(h.name().toLowerCase(Locale.ROOT))) {
                sb.append(h).append("\r\n");
            }
        }
        sb.append("\r\n");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        o.writeBytes(req.body());
        return o.toByteArray();
    }

    /** The response nginx sends the client for an upstream's response. */
    static byte[] clientResponse(HttpClientResponse r, boolean head, boolean keepAlive, long now) {
        List<HttpHeader> rest = new ArrayList<>();
        for (HttpHeader h : r.headers()) {
            if (!NOT_PASSED_DOWN.contains(h.name().toLowerCase(Locale.ROOT))) {
                rest.add(h);
            }
        }
        return response(r.status(), r.reason(), r.header("Content-Type"), rest, r.body(), head, keepAlive, now);
    }

    /** nginx's own error page response for {@code status}. */
    static byte[] errorResponse(int status, boolean head, boolean keepAlive, long now) {
        return response(status, ErrorPages.reason(status), "text/html", List.of(), ErrorPages.page(status), head,
            keepAlive, now);
    }

    private static byte[] response(int status, String reason, String contentType, List<HttpHeader> rest, byte[] body,
                                   boolean head, boolean keepAlive, long now) {
        StringBuilder sb = new StringBuilder();
        sb.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        sb.append("Server: nginx\r\n");
        sb.append("Date: ").append(HttpServer.httpDate(now)).append("\r\n");
        if (contentType != null) {
            sb.append("Content-Type: ").append(contentType).append("\r\n");
        }
        sb.append("Content-Length: ").append(body.length).append("\r\n");
        sb.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n");
        for (HttpHeader h : rest) {
            sb.append(h).append("\r\n");
        }
        sb.append("\r\n");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            o.writeBytes(body);
        }
        return o.toByteArray();
    }
}
