package io.knetsim.ingress.nginx;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * nginx's own answers: its status lines ({@code 503 Service Temporarily Unavailable},
 * {@code 504 Gateway Time-out}, ...) and its built-in error pages, byte for byte as nginx sends
 * them with {@code server_tokens off}:
 *
 * <pre>
 *   &lt;html&gt;CRLF
 *   &lt;head&gt;&lt;title&gt;502 Bad Gateway&lt;/title&gt;&lt;/head&gt;CRLF
 *   &lt;body&gt;CRLF
 *   &lt;center&gt;&lt;h1&gt;502 Bad Gateway&lt;/h1&gt;&lt;/center&gt;CRLF
 *   &lt;hr&gt;&lt;center&gt;nginx&lt;/center&gt;CRLF
 *   &lt;/body&gt;CRLF
 *   &lt;/html&gt;CRLF
 * </pre>
 */
public final class ErrorPages {
    private static final Map<Integer, String> STATUS = Map.ofEntries(
        Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(402, "Payment Required"),
        Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Not Allowed"),
        Map.entry(406, "Not Acceptable"), Map.entry(408, "Request Time-out"), Map.entry(409, "Conflict"),
        Map.entry(410, "Gone"), Map.entry(411, "Length Required"), Map.entry(412, "Precondition Failed"),
        Map.entry(413, "Request Entity Too Large"), Map.entry(414, "Request-URI Too Large"),
        Map.entry(415, "Unsupported Media Type"), Map.entry(416, "Requested Range Not Satisfiable"),
        Map.entry(421, "Misdirected Request"), Map.entry(429, "Too Many Requests"),
        Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"),
        Map.entry(503, "Service Temporarily Unavailable"), Map.entry(504, "Gateway Time-out"),
        Map.entry(505, "HTTP Version Not Supported"), Map.entry(507, "Insufficient Storage"));

    private ErrorPages() {
    }

    /** Whether nginx has a page (and a status line) for {@code status}. */
    public static boolean known(int status) {
        return STATUS.containsKey(status);
    }

    /** nginx's reason phrase, e.g. {@code Gateway Time-out} for 504. */
    public static String reason(int status) {
        String r = STATUS.get(status);
        if (r == null) {
            throw new IllegalArgumentException("nginx has no error page for status " + status);
        }
        return r;
    }

    /** The page's bytes. */
    public static byte[] page(int status) {
        String line = status + " " + reason(status);
        String html = "<html>\r\n<head><title>" + line + "</title></head>\r\n<body>\r\n<center><h1>" + line
            + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        return html.getBytes(StandardCharsets.ISO_8859_1);
    }
}
