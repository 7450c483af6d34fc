package io.knetsim.tool.python;

import io.knetsim.app.http.HttpHandler;
import io.knetsim.app.http.HttpHeader;
import io.knetsim.app.http.HttpRequest;
import io.knetsim.app.http.HttpResponse;
import io.knetsim.app.http.HttpServer;
import io.knetsim.fs.FileTree;
import io.knetsim.sim.Simulator;
import io.knetsim.util.CleanPath;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * CPython 3.12's {@code http.server.SimpleHTTPRequestHandler} over a {@link FileTree}: answers
 * {@code GET} and {@code HEAD} from {@code directory}, byte for byte as the real one does.
 *
 * <pre>
 *   GET /sub      (a directory)        301, Location: /sub/
 *   GET /sub/     with index.html      200, the file
 *   GET /sub/     without              200, "Directory listing for /sub/" (names sorted case-insensitively)
 *   GET /a.txt                         200, Content-type from the extension, Content-Length, Last-Modified
 *   GET /nope                          404, the error page ("Message: File not found.")
 *   POST /                             501, "Unsupported method ('POST')"
 * </pre>
 *
 * Every response starts with {@code Server: SimpleHTTP/0.6 Python/3.12.3} and a {@code Date} from
 * the simulated clock (seconds since the Unix epoch); errors add {@code Connection: close}. Each
 * request is logged to {@code log} as {@code log_message} formats it,
 * {@code 10.0.0.1 - - [01/Jan/1970 00:00:03] "GET / HTTP/1.1" 200 -}, an error first with a
 * {@code code 404, message File not found} line. Times in the log are read as UTC, where Python
 * uses the host's local time zone.
 */
final class SimpleHttpRequestHandler implements HttpHandler {
    /** {@code BaseHTTPRequestHandler.version_string()} of Python 3.12.3. */
    static final String SERVER = "SimpleHTTP/0.6 Python/3.12.3";
    /** {@code DEFAULT_ERROR_MESSAGE}, filled with code, message and explanation. */
    private static final String ERROR_PAGE = """
        <!DOCTYPE HTML>
        <html lang="en">
            <head>
                <meta charset="utf-8">
                <title>Error response</title>
            </head>
            <body>
                <h1>Error response</h1>
                <p>Error code: %1$d</p>
                <p>Message: %2$s.</p>
                <p>Error code explanation: %1$d - %3$s.</p>
            </body>
        </html>
        """;
    private static final DateTimeFormatter LOG_DATE =
        DateTimeFormatter.ofPattern("dd/MMM/yyyy HH:mm:ss", Locale.ROOT);

    private final Simulator sim;
    private final FileTree files;
    private final String directory;
    private final Consumer<String> log;

    /**
     * Serves {@code directory} (absolute) of {@code files}, logging each request to {@code log}
     * (lines end with a newline).
     */
    SimpleHttpRequestHandler(Simulator sim, FileTree files, String directory, Consumer<String> log) {
        this.sim = sim;
        this.files = files;
        this.directory = FileTree.normalize(directory);
        this.log = log;
    }

    @Override
    public HttpResponse handle(HttpRequest req) {
        boolean head = req.method().equals("HEAD");
        if (!head && !req.method().equals("GET")) {
            return error(req, 501, "Unsupported method ('" + req.method() + "')", "Server does not support this operation");
        }
        String path = translatePath(req.target());
        if (files.isDirectory(path)) {
            String urlPath = pathOf(req.target());
            if (!urlPath.endsWith("/")) {
                String location = urlPath + "/" + queryAndFragment(req.target());
                return response(req, 301, "Moved Permanently", List.of(
                    new HttpHeader("Location", location), new HttpHeader("Content-Length", "0")), new byte[0]);
            }
            String dir = path.endsWith("/") ? path : path + "/";
            if (files.isFile(dir + "index.html")) {
                path = dir + "index.html";
            } else if (files.isFile(dir + "index.htm")) {
                path = dir + "index.htm";
            } else {
                return listDirectory(req, path, head);
            }
        }
        String type = MimeTypes.guess(path);
        if (path.endsWith("/") || !files.isFile(path)) {
            return error(req, 404, "File not found", "Nothing matches the given URI");
        }
        long mtimeSeconds = Math.floorDiv(files.modified(path), 1_000_000_000L);
        String ims = req.header("If-Modified-Since");
        if (ims != null && req.header("If-None-Match") == null) {
            try {
                long since = ZonedDateTime.parse(ims, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
                if (mtimeSeconds <= since) {
                    return response(req, 304, "Not Modified", List.of(), new byte[0]);
                }
            } catch (DateTimeParseException e) {
                // ignored, as Python ignores an If-Modified-Since it cannot parse
            }
        }
        byte[] body = files.read(path);
        return response(req, 200, "OK", List.of(
            new HttpHeader("Content-type", type),
            new HttpHeader("Content-Length", Integer.toString(body.length)),
            new HttpHeader("Last-Modified", HttpServer.httpDate(mtimeSeconds * 1_000_000_000L))),
            head ? new byte[0] : body);
    }

    /** {@code list_directory}: the HTML listing of a directory. */
    private HttpResponse listDirectory(HttpRequest req, String path, boolean head) {
        List<String> names = new ArrayList<>(files.list(path));
        names.sort(Comparator.comparing(n -> n.toLowerCase(Locale.ROOT)));
        String title = "Directory listing for " + escape(unquote(req.target()));
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE HTML>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.append("<title>").append(title).append("</title>\n</head>\n");
        sb.append("<body>\n<h1>").append(title).append("</h1>\n");
        sb.append("<hr>\n<ul>\n");
        String dir = path.endsWith("/") ? path : path + "/";
        for (String name : names) {
            String shown = files.isDirectory(dir + name) ? name + "/" : name;
            sb.append("<li><a href=\"").append(quote(shown)).append("\">").append(escape(shown)).append("</a></li>\n");
        }
        sb.append("</ul>\n<hr>\n</body>\n</html>\n");
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        return response(req, 200, "OK", List.of(
            new HttpHeader("Content-type", "text/html; charset=utf-8"),
            new HttpHeader("Content-Length", Integer.toString(body.length))), head ? new byte[0] : body);
    }

    /** {@code send_error}: logs the error, then answers with the error page (no body for HEAD). */
    private HttpResponse error(HttpRequest req, int code, String message, String explain) {
        logLine(req, "code " + code + ", message " + message);
        byte[] page = String.format(Locale.ROOT, ERROR_PAGE, code, escape(message), escape(explain))
            .getBytes(StandardCharsets.UTF_8);
        return response(req, code, message, List.of(
            new HttpHeader("Connection", "close"),
            new HttpHeader("Content-Type", "text/html;charset=utf-8"),
            new HttpHeader("Content-Length", Integer.toString(page.length))),
            req.method().equals("HEAD") ? new byte[0] : page);
    }

    /** {@code send_response}: logs the request, then {@code Server} and {@code Date} before the rest. */
    private HttpResponse response(HttpRequest req, int code, String reason, List<HttpHeader> rest, byte[] body) {
        logLine(req, "\"" + req.requestLine() + "\" " + code + " -");
        List<HttpHeader> headers = new ArrayList<>();
        headers.add(new HttpHeader("Server", SERVER));
        headers.add(new HttpHeader("Date", HttpServer.httpDate(sim.now())));
        headers.addAll(rest);
        return new HttpResponse(code, reason, null, List.copyOf(headers), body);
    }

    /** {@code log_message}: {@code HOST - - [DD/Mon/YYYY HH:MM:SS] MESSAGE}. */
    private void logLine(HttpRequest req, String message) {
        String addr = req.remoteAddr() == null ? "-" : req.remoteAddr().substring(0, req.remoteAddr().lastIndexOf(':'));
        String when = LOG_DATE.format(Instant.ofEpochSecond(Math.floorDiv(sim.now(), 1_000_000_000L)).atZone(ZoneOffset.UTC));
        log.accept(addr + " - - [" + when + "] " + message + "\n");
    }

    /**
     * {@code translate_path}: the file a URL path names under the served directory. The query and
     * fragment are dropped, %-escapes decoded, the path normalised, and any {@code .}, {@code ..}
     * or empty component skipped, so nothing outside the directory can be named.
     */
    String translatePath(String target) {
        String p = pathOf(target);
        boolean trailingSlash = p.stripTrailing().endsWith("/");
        p = unquote(p);
        List<String> words = new ArrayList<>();
        // posixpath.normpath, then any "." or ".." left is skipped: for this use Go's path.Clean is the same
        for (String w : CleanPath.of(p).split("/")) {
            if (!w.isEmpty() && !w.equals(".") && !w.equals("..")) {
                words.add(w);
            }
        }
        StringBuilder sb = new StringBuilder(directory);
        for (String w : words) {
            if (sb.charAt(sb.length() - 1) != '/') {
                sb.append('/');
            }
            sb.append(w);
        }
        if (trailingSlash && sb.charAt(sb.length() - 1) != '/') {
            sb.append('/');
        }
        return sb.toString();
    }

    /** The path part of a request target: up to the first {@code ?} or {@code #}. */
    private static String pathOf(String target) {
        int q = target.indexOf('?');
        String p = q >= 0 ? target.substring(0, q) : target;
        int h = p.indexOf('#');
        return h >= 0 ? p.substring(0, h) : p;
    }

    /** What {@code urlunsplit} puts after the path: {@code ?query} and {@code #fragment}, each only when not empty. */
    private static String queryAndFragment(String target) {
        int h = target.indexOf('#');
        String fragment = h >= 0 ? target.substring(h + 1) : "";
        String rest = h >= 0 ? target.substring(0, h) : target;
        int q = rest.indexOf('?');
        String query = q >= 0 ? rest.substring(q + 1) : "";
        return (query.isEmpty() ? "" : "?" + query) + (fragment.isEmpty() ? "" : "#" + fragment);
    }

    /** {@code urllib.parse.unquote}: %XX escapes decoded as UTF-8; a malformed escape stays as typed. */
    static String unquote(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                o.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                o.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return o.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** {@code urllib.parse.quote} with its default safe {@code /}: UTF-8 bytes other than {@code A-Za-z0-9_.-~/} as %XX. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "_.-~/".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return sb.toString();
    }

    /** {@code html.escape(s, quote=False)}: {@code &}, {@code <} and {@code >}. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
