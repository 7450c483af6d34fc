package io.knetsim.app.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request for {@link HttpClient}: where to (an IPv4 address as bits, a port), the method,
 * the request target ({@code /v2/keys/foo?recursive=true}), extra headers and a body, and two
 * timeouts on the simulator clock in nanoseconds (0: none): {@code connectTimeout} for the
 * handshake (Go's dial timeout), {@code timeout} for the whole exchange.
 */
public record HttpClientRequest(int address, int port, String method, String target, List<HttpHeader> headers,
                                byte[] body, long connectTimeout, long timeout) {
    /** A {@code GET} with no timeouts. */
    public static HttpClientRequest get(int address, int port, String target) {
        return new HttpClientRequest(address, port, "GET", target, List.of(), new byte[0], 0, 0);
    }

    /** A request with a form body ({@code application/x-www-form-urlencoded}); an empty form sends no body. */
    public static HttpClientRequest form(int address, int port, String method, String target, String form) {
        if (form.isEmpty()) {
            return new HttpClientRequest(address, port, method, target, List.of(), new byte[0], 0, 0);
        }
        return new HttpClientRequest(address, port, method, target,
            List.of(new HttpHeader("Content-Type", "application/x-www-form-urlencoded")),
            form.getBytes(StandardCharsets.UTF_8), 0, 0);
    }

    public HttpClientRequest withTimeouts(long connect, long total) {
        return new HttpClientRequest(address, port, method, target, headers, body, connect, total);
    }

    public HttpClientRequest withHeader(String name, String value) {
        List<HttpHeader> h = new ArrayList<>(headers);
        h.add(new HttpHeader(name, value));
        return new HttpClientRequest(address, port, method, target, List.copyOf(h), body, connectTimeout, timeout);
    }
}
