package io.knetsim.app.http;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpListener;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.net.tcp.TcpState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 server on one TCP port of a namespace. Each connection is parsed with a
 * {@link HttpRequestParser}; each request goes to the {@link HttpHandler} and its response is
 * written with {@code Server}, {@code Content-Type} and {@code Content-Length}. Connections are
 * kept alive as RFC 9112 says (HTTP/1.1 by default, {@code Connection: close} honoured, HTTP/1.0
 * only with {@code Connection: keep-alive}); the server closes after answering a request that
 * does not keep the connection alive. A malformed request gets {@code 400 Bad Request} and the
 * connection closes. Counters let labs check connection reuse. A {@code Date} header is sent
 * only after {@link #withDate()}, and then from simulated time.
 */
public final class HttpServer {
    /** The {@code Server} header value. */
    public static final String SERVER = "knetsim-http/1.0";
    private static final int BACKLOG = 128;

    private final NetNamespace ns;
    private final int port;
    private final HttpHandler handler;
    private TcpListener listener;
    private boolean date;
    private long connections;
    private long requests;
    private long badRequests;

    public HttpServer(NetNamespace ns, int port, HttpHandler handler) {
        this.ns = ns;
        this.port = port;
        this.handler = handler;
    }

    /**
     * Adds a {@code Date} header taken from the simulated clock read as seconds since the Unix
     * epoch, e.g. {@code Thu, 01 Jan 1970 00:00:03 GMT} three seconds into a run: deterministic,
     * never the wall clock. Off by default.
     */
    public HttpServer withDate() {
        date = true;
        return this;
    }

    /** The {@code Date} header value for a simulated time in nanoseconds (IMF-fixdate, RFC 9110). */
    public static String httpDate(long nanos) {
        return DATE.format(java.time.Instant.ofEpochSecond(nanos / 1_000_000_000L).atZone(java.time.ZoneOffset.UTC));
    }

    private static final java.time.format.DateTimeFormatter DATE =
        java.time.format.DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ROOT);

    /** Starts listening; throws "Address already in use" if the port is taken. */
    public HttpServer start() {
        listener = Tcp.listen(ns, port, BACKLOG, s -> {
            connections++;
            return new Conn();
        });
        return this;
    }

    /** Stops accepting; open connections finish. */
    public void stop() {
        if (listener != null) {
            listener.close();
            listener = null;
        }
    }

    public int port() {
        return port;
    }

    /** Connections accepted so far. */
    public long connections() {
        return connections;
    }

    /** Requests answered so far (including 400s). */
    public long requests() {
        return requests;
    }

    public long badRequests() {
        return badRequests;
    }

    /** The bytes of a response head and body, as written on the wire. */
    static byte[] encode(HttpResponse r, boolean close, String date) {
        StringBuilder sb = new StringBuilder();
        sb.append("HTTP/1.1 ").append(r.status()).append(' ').append(r.reason()).append("\r\n");
        sb.append("Server: ").append(SERVER).append("\r\n");
        if (date != null) {
            sb.append("Date: ").append(date).append("\r\n");
        }
        if (r.contentType() != null) {
            sb.append("Content-Type: ").append(r.contentType()).append("\r\n");
        }
        sb.append("Content-Length: ").append(r.body().length).append("\r\n");
        for (HttpHeader h : r.headers()) {
            sb.append(h).append("\r\n");
        }
        if (close) {
            sb.append("Connection: close\r\n");
        }
        sb.append("\r\n");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        o.writeBytes(r.body());
        return o.toByteArray();
    }

    private String dateNow() {
        return date ? httpDate(ns.sim().now()) : null;
    }

    private final class Conn implements TcpHandler {
        private final HttpRequestParser parser = new HttpRequestParser();
        /** Response bytes the send buffer has not taken yet, in order. */
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private boolean done;
        private boolean closeWhenFlushed;

        @Override
        public void onData(TcpSocket s, byte[] b, int off, int len) {
            if (done) {
                return;
            }
            parser.feed(b, off, len);
            try {
                HttpRequest req;
                while (!done && (req = parser.next()) != null) {
                    requests++;
                    HttpResponse resp = handler.handle(req);
                    boolean close = !req.keepAlive();
                    write(s, encode(resp, close, dateNow()));
                    if (close) {
                        finish(s);
                    }
                }
            } catch (HttpRequestParser.BadRequest e) {
                requests++;
                badRequests++;
                write(s, encode(HttpResponse.text(400, "Bad Request", "Bad Request\n"), true, dateNow()));
                finish(s);
            }
        }

        @Override
        public void onWritable(TcpSocket s) {
            flush(s);
        }

        @Override
        public void onPeerClosed(TcpSocket s) {
            if (!done) {
                finish(s);
            }
        }

        /** No more requests on this connection: close once every response byte is queued. */
        private void finish(TcpSocket s) {
            done = true;
            closeWhenFlushed = true;
            flush(s);
        }

        private void write(TcpSocket s, byte[] bytes) {
            pending.writeBytes(bytes);
            flush(s);
        }

        private void flush(TcpSocket s) {
            if (s.state() == TcpState.CLOSED) {
                return;
            }
            if (pending.size() > 0) {
                byte[] b = pending.toByteArray();
                int n = s.send(b, 0, b.length);
                pending.reset();
                pending.write(b, n, b.length - n);
            }
            if (pending.size() == 0 && closeWhenFlushed) {
                closeWhenFlushed = false;
                s.close();
            }
        }
    }
}
