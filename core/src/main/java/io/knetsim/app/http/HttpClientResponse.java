package io.knetsim.app.http;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A response as {@link HttpClient} received it: status line, headers as sent, and the decoded body. */
public record HttpClientResponse(String version, int status, String reason, List<HttpHeader> headers, byte[] body) {
    /** The first header named {@code name} (case-insensitive), or null. */
    public String header(String name) {
        for (HttpHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** The body read as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
