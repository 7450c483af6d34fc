package io.knetsim.app.http;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpListener;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.net.tcp.TcpState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * An HTTP/1.1 server on one TCP port of a namespace. Each connection is parsed with a
 * {@link HttpRequestParser}; each request goes to the {@link HttpHandler} and its response is
 * written with {@code Server}, {@code Content-Type} and {@code Content-Length}. Connections are
 * kept alive as RFC 9112 says (HTTP/1.1 by default, {@code Connection: close} honoured, HTTP/1.0
 * only with {@code Connection: keep-alive}); the server closes after answering a request that
 * does not keep the connection alive. A malformed request gets {@code 400 Bad Request} and the
 * connection closes. Counters let labs check connection reuse. A {@code Date} header is sent
 * only after {@link #withDate()}, and then from simulated time.
 *
 * <p>Two switches model servers that behave otherwise: {@link #http10()} answers with
 * {@code HTTP/1.0} status lines and closes every connection after its first response (a server
 * whose protocol version is HTTP/1.0, as Python's {@code BaseHTTPRequestHandler} is by default);
 * {@link #rawHeaders()} writes only the status line and the handler's own headers, so a handler
 * that imitates another server controls every header and its order.
 *
 * <p>The handler is either a {@link HttpHandler}, which returns the response at once, or an
 * {@link AsyncHttpHandler}, which answers through a {@link HttpResponder} when it likes (a
 * long poll). A connection's requests are handed over one at a time: the next one (already
 * received, or pipelined behind it) waits until the previous response is complete, so
 * responses go out in request order. When the client closes while a response is pending, the
 * responder hears it ({@link HttpResponder#onClientGone}) and the connection closes.
 *
 * <p>A server that writes its own bytes (a reverse proxy) answers with
 * {@link HttpResponder#respondEncoded} and gives its own answer to a malformed request with
 * {@link #onBadRequest}; {@link #backlog} sets the listen backlog.
 */
public final class HttpServer {
    /** The {@code Server} header value. */
    public static final String SERVER = "knetsim-http/1.0";
    private static final int DEFAULT_BACKLOG = 128;
    private static final byte[] CRLF = {'\r', '\n'};

    private final NetNamespace ns;
    private final int port;
    private final AsyncHttpHandler handler;
    private TcpListener listener;
    private int backlog = DEFAULT_BACKLOG;
    private Supplier<byte[]> badRequestAnswer;
    private boolean date;
    private boolean http10;
    private boolean rawHeaders;
    private long connections;
    private long requests;
    private long badRequests;

    /** A server whose handler answers every request at once. */
    public HttpServer(NetNamespace ns, int port, HttpHandler handler) {
        this(ns, port, (AsyncHttpHandler) (req, responder) -> responder.respond(handler.handle(req)));
    }

    /** A server whose handler may answer later. */
    public HttpServer(NetNamespace ns, int port, AsyncHttpHandler handler) {
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

    /**
     * Answers as an HTTP/1.0 server: status lines say {@code HTTP/1.0} and the connection closes
     * after the first response, whatever the request asked for (no keep-alive).
     */
    public HttpServer http10() {
        http10 = true;
        return this;
    }

    /**
     * Writes the status line and then only the handler's content type (when not null) and
     * headers: no {@code Server}, {@code Date}, {@code Content-Length} or {@code Connection} of the
     * server's own. The body is written as the handler gave it (empty for a {@code HEAD} answer
     * whose headers announce a length).
     */
    public HttpServer rawHeaders() {
        rawHeaders = true;
        return this;
    }

    /** The {@code listen()} backlog: how many connections may wait for accept; 128 by default. */
    public HttpServer backlog(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("backlog must be positive, got " + n);
        }
        backlog = n;
        return this;
    }

    /**
     * Replaces the server's own {@code 400 Bad Request} to a malformed request with the bytes
     * {@code answer} returns, written as they are (called once per such connection, e.g. for
     * nginx's 400 page); the connection still closes after them.
     */
    public HttpServer onBadRequest(Supplier<byte[]> answer) {
        badRequestAnswer = answer;
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
        listener = Tcp.listen(ns, port, backlog, s -> {
            s.setNoDelay(true); // TCP_NODELAY, as Go's net/http (etcd) and nginx (tcp_nodelay on) set it
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

    /**
     * The response head for a {@code version} status line; a chunked one has
     * {@code Transfer-Encoding: chunked} instead of a length; a {@code raw} one has only the
     * handler's content type and headers.
     */
    static byte[] head(String version, boolean raw, HttpResponse r, boolean close, String date, boolean chunked) {
        StringBuilder sb = new StringBuilder();
        sb.append(version).append(' ').append(r.status()).append(' ').append(r.reason()).append("\r\n");
        if (raw) {
            if (r.contentType() != null) {
                sb.append("Content-Type: ").append(r.contentType()).append("\r\n");
            }
            for (HttpHeader h : r.headers()) {
                sb.append(h).append("\r\n");
            }
            sb.append("\r\n");
            return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
        sb.append("Server: ").append(SERVER).append("\r\n");
        if (date != null) {
            sb.append("Date: ").append(date).append("\r\n");
        }
        if (r.contentType() != null) {
            sb.append("Content-Type: ").append(r.contentType()).append("\r\n");
        }
        if (chunked) {
            sb.append("Transfer-Encoding: chunked\r\n");
        } else {
            sb.append("Content-Length: ").append(r.body().length).append("\r\n");
        }
        for (HttpHeader h : r.headers()) {
            sb.append(h).append("\r\n");
        }
        if (close) {
            sb.append("Connection: close\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private String version() {
        return http10 ? "HTTP/1.0" : "HTTP/1.1";
    }

    private String dateNow() {
        return date ? httpDate(ns.sim().now()) : null;
    }

    private final class Conn implements TcpHandler {
        private final HttpRequestParser parser = new HttpRequestParser();
        /** Response bytes the send buffer has not taken yet, in order. */
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        /** Requests received and waiting for the one before them to be answered. */
        private final Deque<HttpRequest> queued = new ArrayDeque<>();
        private TcpSocket socket;
        private HttpResponder current;
        private boolean badRequestQueued;
        /** True while the handler runs inside {@link #dispatch()}: a response it completes there needs no new dispatch. */
        private boolean dispatching;
        private boolean done;
        private boolean closeWhenFlushed;

        @Override
        public void onData(TcpSocket s, byte[] b, int off, int len) {
            socket = s;
            if (done || badRequestQueued) {
                return;
            }
            parser.feed(b, off, len);
            try {
                HttpRequest req;
                while ((req = parser.next()) != null) {
                    queued.add(req);
                }
            } catch (HttpRequestParser.BadRequest e) {
                badRequestQueued = true;
            }
            dispatch();
        }

        /** Hands the next waiting request to the handler once the previous response is complete. */
        private void dispatch() {
            while (!done && current == null) {
                HttpRequest req = queued.poll();
                if (req == null) {
                    if (badRequestQueued) {
                        requests++;
                        badRequests++;
                        if (badRequestAnswer != null) {
                            write(badRequestAnswer.get());
                        } else {
                            HttpResponse bad = HttpResponse.text(400, "Bad Request", "Bad Request\n");
                            write(head(version(), false, bad, true, dateNow(), false));
                            write(bad.body());
                        }
                        finish();
                    }
                    return;
                }
                requests++;
                HttpResponder r = new HttpResponder(new Exchange(http10 || !req.keepAlive()));
                current = r;
                dispatching = true;
                try {
                    handler.handle(req.withRemoteAddr(Ipv4Address.format(socket.remoteAddress()) + ":"
                        + socket.remotePort()), r);
                } finally {
                    dispatching = false;
                }
            }
        }

        /** Writes one response on this connection; when it is complete, the next request may go. */
        private final class Exchange implements HttpResponder.Sink {
            private final boolean close;
            private boolean chunked;

            Exchange(boolean close) {
                this.close = close;
            }

            @Override
            public void head(HttpResponse head, boolean isChunked) {
                chunked = isChunked;
                write(HttpServer.head(version(), rawHeaders, head, close, dateNow(), isChunked));
                if (!isChunked) {
                    write(head.body());
                }
            }

            @Override
            public void encoded(byte[] response) {
                write(response);
            }

            @Override
            public void body(byte[] bytes) {
                write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                write(bytes);
                write(CRLF);
            }

            @Override
            public void complete() {
                if (chunked) {
                    write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                current = null;
                if (close) {
                    finish();
                }
                if (!dispatching) {
                    dispatch();
                }
            }
        }

        /** The client went away: a pending response will never be read. */
        private void clientGone() {
            queued.clear();
            HttpResponder r = current;
            current = null;
            if (r != null) {
                r.gone();
            }
        }

        @Override
        public void onWritable(TcpSocket s) {
            flush(s);
        }

        @Override
        public void onPeerClosed(TcpSocket s) {
            socket = s;
            if (!done) {
                clientGone();
                finish();
            }
        }

        @Override
        public void onClosed(TcpSocket s) {
            done = true;
            clientGone();
        }

        /** No more requests on this connection: close once every response byte is queued. */
        private void finish() {
            done = true;
            closeWhenFlushed = true;
            flush(socket);
        }

        private void write(byte[] bytes) {
            pending.writeBytes(bytes);
            flush(socket);
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
