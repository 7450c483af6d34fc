package io.knetsim.app.http;

import io.knetsim.net.Errno;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.net.tcp.TcpState;
import java.util.Arrays;

/**
 * One client connection that carries one HTTP/1.x request: connect, write the request bytes as
 * the send buffer takes them, read the response with a {@link HttpResponseParser}
 * (Content-Length, chunked, or until close). It ends once, with what its {@link Events} hear,
 * or when its owner {@linkplain #close closes} or {@linkplain #abort aborts} it; after that it
 * reports nothing. Timeouts and what an outcome means are the owner's: {@link HttpClient} and
 * a proxy's upstream call both drive one.
 *
 * <pre>
 *   open() --SYN--&gt; connected() --request bytes--&gt; received() ... response(r)
 *                \--RST, timeout: error(errno)   \--bad bytes: malformed()   \--FIN early: closedEarly()
 * </pre>
 */
public final class HttpClientConnection {
    /** What the connection hears; after one of the ending events, none follows. */
    public interface Events {
        /** The connection is established; the request is being written. */
        default void connected() {
        }

        /** Response bytes arrived (before they are parsed). */
        default void received() {
        }

        /** The response is complete (ending). */
        void response(HttpClientResponse response);

        /** The response is not valid HTTP (ending). */
        void malformed();

        /** The server closed before the response was complete (ending). */
        void closedEarly();

        /** The socket failed: refused, reset, unreachable or timed out (ending). */
        void error(Errno error);
    }

    private final Events events;
    private final HttpResponseParser parser;
    private byte[] unsent;
    private TcpSocket socket;
    private boolean ended;

    private HttpClientConnection(String method, byte[] request, Events events) {
        this.events = events;
        this.parser = new HttpResponseParser(method);
        this.unsent = request;
    }

    /**
     * Connects from {@code ns} to {@code address:port} and sends {@code request} (the whole
     * request, head and body) once connected; {@code method} tells the parser whether a body follows.
     *
     * @throws IllegalStateException when there is no route to {@code address}; nothing is left behind
     */
    public static HttpClientConnection open(NetNamespace ns, int address, int port, String method, byte[] request,
                                            Events events) {
        HttpClientConnection c = new HttpClientConnection(method, request, events);
        c.socket = Tcp.connect(ns, address, port, c.new Handler());
        return c;
    }

    /** Ends the connection with a FIN (after what was sent); nothing more is reported. */
    public void close() {
        ended = true;
        if (socket.state() != TcpState.CLOSED) {
            socket.close();
        }
    }

    /** Ends the connection with a RST; nothing more is reported. */
    public void abort() {
        ended = true;
        if (socket.state() != TcpState.CLOSED) {
            socket.abort();
        }
    }

    private void sendSome(TcpSocket s) {
        if (unsent == null) {
            return;
        }
        int n = s.send(unsent, 0, unsent.length);
        unsent = n == unsent.length ? null : Arrays.copyOfRange(unsent, n, unsent.length);
    }

    private final class Handler implements TcpHandler {
        @Override
        public void onConnected(TcpSocket s) {
            if (ended) {
                return;
            }
            events.connected();
            sendSome(s);
        }

        @Override
        public void onWritable(TcpSocket s) {
            if (!ended) {
                sendSome(s);
            }
        }

        @Override
        public void onData(TcpSocket s, byte[] b, int off, int len) {
            if (ended) {
                return;
            }
            events.received();
            try {
                if (parser.feed(b, off, len)) {
                    ended = true;
                    events.response(parser.response());
                }
            } catch (HttpResponseParser.BadResponse e) {
                ended = true;
                events.malformed();
            }
        }

        @Override
        public void onPeerClosed(TcpSocket s) {
            if (ended) {
                return;
            }
            ended = true;
            HttpClientResponse r;
            try {
                parser.closed();
                r = parser.response();
            } catch (HttpResponseParser.BadResponse e) {
                events.closedEarly();
                return;
            }
            events.response(r);
        }

        @Override
        public void onError(TcpSocket s, Errno error) {
            if (!ended) {
                ended = true;
                events.error(error);
            }
        }
    }
}
