package io.knetsim.app.http;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.Errno;
import io.knetsim.sim.Timer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * An event-driven HTTP/1.1 client over the simulated TCP sockets of one namespace. Each
 * request opens its own connection, sends {@code METHOD TARGET HTTP/1.1} with {@code Host},
 * {@code User-Agent}, {@code Content-Length} for a body and the request's headers, reads the
 * response ({@link HttpResponseParser}: Content-Length, chunked, or until close) and closes.
 * The callback runs exactly once, on the simulator clock: with the response, or with an
 * {@link HttpClientError} (refused, unreachable, timeout, reset, EOF, malformed), unless the
 * call was {@linkplain HttpCall#cancel() cancelled}.
 *
 * <pre>
 *   send() --SYN--> connect timeout?  --ESTABLISHED--> request bytes --> response parsed --> callback
 *             \--RST: CONNECTION_REFUSED      \--timeout: TIMEOUT   \--RST: RESET   \--FIN early: EOF
 * </pre>
 */
public final class HttpClient {
    private final NetNamespace ns;
    private final String userAgent;

    public HttpClient(NetNamespace ns, String userAgent) {
        this.ns = ns;
        this.userAgent = userAgent;
    }

    public NetNamespace ns() {
        return ns;
    }

    /** Starts a request; {@code done} hears the result once, later, on the simulator clock. */
    public HttpCall send(HttpClientRequest request, Consumer<HttpResult> done) {
        HttpCall call = new HttpCall(request, done);
        call.start();
        return call;
    }

    /** The request bytes as sent. */
    byte[] encode(HttpClientRequest r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.method()).append(' ').append(r.target()).append(" HTTP/1.1\r\n");
        // A Host header of the request replaces the default one, as curl -H 'Host: ...' does.
        if (r.headers().stream().noneMatch(h -> h.name().equalsIgnoreCase("Host"))) {
            sb.append("Host: ").append(Ipv4Address.format(r.address()));
            if (r.port() != 80) {
                sb.append(':').append(r.port());
            }
            sb.append("\r\n");
        }
        sb.append("User-Agent: ").append(userAgent).append("\r\n");
        if (r.body().length > 0 || r.method().equals("POST") || r.method().equals("PUT")) {
            sb.append("Content-Length: ").append(r.body().length).append("\r\n");
        }
        for (HttpHeader h : r.headers()) {
            sb.append(h).append("\r\n");
        }
        sb.append("\r\n");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        o.writeBytes(r.body());
        return o.toByteArray();
    }

    /** One request in flight, on a {@link HttpClientConnection} of its own. */
    public final class HttpCall {
        private final HttpClientRequest request;
        private final Consumer<HttpResult> done;
        private HttpClientConnection connection;
        private Timer connectTimer;
        private Timer totalTimer;
        private boolean connected;
        private boolean finished;

        private HttpCall(HttpClientRequest request, Consumer<HttpResult> done) {
            this.request = request;
            this.done = done;
        }

        private void start() {
            if (request.connectTimeout() > 0) {
                connectTimer = ns.sim().after(request.connectTimeout(), () -> fail(HttpClientError.TIMEOUT));
            }
            if (request.timeout() > 0) {
                totalTimer = ns.sim().after(request.timeout(), () -> fail(HttpClientError.TIMEOUT));
            }
            try {
                connection = HttpClientConnection.open(ns, request.address(), request.port(), request.method(),
                    encode(request), new Events());
            } catch (IllegalStateException e) {
                // No route: report it on the clock, never inside send().
                ns.sim().after(0, () -> fail(HttpClientError.NETWORK_UNREACHABLE));
            }
        }

        /** Whether the call has ended (answered, failed or cancelled). */
        public boolean isDone() {
            return finished;
        }

        /** Whether the connection was established. */
        public boolean connected() {
            return connected;
        }

        /** Abandons the call: the connection is closed and the callback never runs. */
        public void cancel() {
            if (!finished) {
                finished = true;
                cleanup(true);
            }
        }

        private void cleanup(boolean abort) {
            if (connectTimer != null) {
                connectTimer.cancel();
            }
            if (totalTimer != null) {
                totalTimer.cancel();
            }
            if (connection != null) {
                if (abort && !connected) {
                    connection.abort();
                } else {
                    connection.close();
                }
            }
        }

        private void fail(HttpClientError e) {
            if (finished) {
                return;
            }
            finished = true;
            cleanup(true);
            done.accept(HttpResult.failed(e, connected));
        }

        /** What the connection reports, turned into the call's one result. */
        private final class Events implements HttpClientConnection.Events {
            @Override
            public void connected() {
                connected = true;
                if (connectTimer != null) {
                    connectTimer.cancel();
                }
            }

            @Override
            public void response(HttpClientResponse response) {
                if (finished) {
                    return;
                }
                finished = true;
                cleanup(false);
                done.accept(HttpResult.of(response));
            }

            @Override
            public void malformed() {
                fail(HttpClientError.MALFORMED);
            }

            @Override
            public void closedEarly() {
                fail(HttpClientError.EOF);
            }

            @Override
            public void error(Errno error) {
                fail(switch (error) {
                    case ECONNREFUSED -> HttpClientError.CONNECTION_REFUSED;
                    case ETIMEDOUT -> HttpClientError.TIMEOUT;
                    case ENETUNREACH, EHOSTUNREACH -> HttpClientError.NETWORK_UNREACHABLE;
                    default -> HttpClientError.RESET;
                });
            }
        }
    }
}
