package io.knetsim.app.http;

import java.util.List;
import java.util.Locale;

/**
 * One parsed HTTP/1.x request: {@code METHOD SP TARGET SP HTTP/1.x CRLF}, header lines, an
 * empty line, then {@code Content-Length} bytes of body. A server fills in {@code remoteAddr},
 * the client's {@code IP:port} as Go's {@code Request.RemoteAddr} has it (null when unknown),
 * so a handler can log who asked.
 */
public record HttpRequest(String method, String target, String version, List<HttpHeader> headers, byte[] body,
                          String remoteAddr) {
    /** A request whose client is not known (yet): {@code remoteAddr} is null. */
    public HttpRequest(String method, String target, String version, List<HttpHeader> headers, byte[] body) {
        this(method, target, version, headers, body, null);
    }

    /** The same request, from the client at {@code remoteAddr} ({@code IP:port}). */
    public HttpRequest withRemoteAddr(String remoteAddr) {
        return new HttpRequest(method, target, version, headers, body, remoteAddr);
    }

    /** The request line as the client sent it, e.g. {@code GET / HTTP/1.1}. */
    public String requestLine() {
        return method + " " + target + " " + version;
    }

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
