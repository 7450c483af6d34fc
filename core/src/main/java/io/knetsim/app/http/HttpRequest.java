package io.knetsim.app.http;

import java.util.List;
import java.util.Locale;

/**
 * One parsed HTTP/1.x request: {@code METHOD SP TARGET SP HTTP/1.x CRLF}, header lines, an
 * empty line, then {@code Content-Length} bytes of body.
 */
public record HttpRequest(String method, String target, String version, List<HttpHeader> headers, byte[] body) {
    /** The first header named {@code name} (case-insensitive), or null. */
    public String header(String name) {
        for (HttpHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /**
     * Whether the connection stays open after the response (RFC 9112 9.3): HTTP/1.1 unless
     * {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive}.
     */
    public boolean keepAlive() {
        String c = header("Connection");
        String v = c == null ? "" : c.toLowerCase(Locale.ROOT);
        if (version.equals("HTTP/1.1")) {
            return !v.contains("close");
        }
        return v.contains("keep-alive");
    }
}
