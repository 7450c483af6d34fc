package io.knetsim.app.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A response a {@link HttpHandler} returns. The server adds {@code Server}, {@code Content-Type}
 * (when the handler gave none), {@code Content-Length} and, when it will close,
 * {@code Connection: close}. There is no {@code Date} header: knetsim output never depends on
 * the wall clock.
 */
public record HttpResponse(int status, String reason, String contentType, List<HttpHeader> headers, byte[] body) {
    /** A response with a text body. */
    public static HttpResponse text(int status, String reason, String body) {
        return new HttpResponse(status, reason, "text/plain; charset=utf-8", List.of(),
            body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same response with one more header. */
    public HttpResponse withHeader(String name, String value) {
        List<HttpHeader> h = new ArrayList<>(headers);
        h.add(new HttpHeader(name, value));
        return new HttpResponse(status, reason, contentType, List.copyOf(h), body);
    }
}
