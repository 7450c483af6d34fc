package io.knetsim.ingress.nginx;

import io.knetsim.app.http.HttpClientResponse;
import io.knetsim.app.http.HttpResponseParser;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.Errno;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.net.tcp.TcpState;
import io.knetsim.sim.Timer;
import java.util.function.Consumer;

/**
 * One try of a request on one upstream server: connect (within {@code proxy_connect_timeout}),
 * send the request bytes, read the response ({@link HttpResponseParser}), with
 * {@code proxy_read_timeout} between two reads, as nginx arms it. The result comes once, on the
 * simulator clock: the response, or an {@link UpstreamFailure}.
 */
final class UpstreamCall implements TcpHandler {
    /** The outcome of a try: exactly one of the two is set. */
    record Outcome(HttpClientResponse response, UpstreamFailure failure) {
    }

    private final NetNamespace ns;
    private final byte[] request;
    private final long readTimeout;
    private final HttpResponseParser parser;
    private final Consumer<Outcome> done;
    private TcpSocket socket;
    private Timer timer;
    private int sent;
    private boolean finished;

    private UpstreamCall(NetNamespace ns, String method, byte[] request, long readTimeout, Consumer<Outcome> done) {
        this.ns = ns;
        this.request = request;
        this.readTimeout = readTimeout;
        this.parser = new HttpResponseParser(method);
        this.done = done;
    }

    /** Starts a try on {@code server}. */
    static UpstreamCall start(NetNamespace ns, UpstreamServer server, String method, byte[] request,
                              long connectTimeout, long readTimeout, Consumer<Outcome> done) {
        UpstreamCall c = new UpstreamCall(ns, method, request, readTimeout, done);
        c.timer = ns.sim().after(connectTimeout, () -> c.fail(UpstreamFailure.TIMEOUT));
        try {
            c.socket = Tcp.connect(ns, server.address().bits(), server.port(), c);
        } catch (IllegalStateException e) {
            ns.sim().after(0, () -> c.fail(UpstreamFailure.ERROR));
        }
        return c;
    }

    /** The client went away: drop the upstream connection, report nothing. */
    void cancel() {
        if (!finished) {
            finished = true;
            cleanup(true);
        }
    }

    private void armRead() {
        if (timer != null) {
            timer.cancel();
        }
        timer = ns.sim().after(readTimeout, () -> fail(UpstreamFailure.TIMEOUT));
    }

    private void cleanup(boolean abort) {
        if (timer != null) {
            timer.cancel();
        }
        if (socket != null && socket.state() != TcpState.CLOSED) {
            if (abort) {
                socket.abort();
            } else {
                socket.close();
            }
        }
    }

    private void fail(UpstreamFailure f) {
        if (finished) {
            return;
        }
        finished = true;
        cleanup(true);
        done.accept(new Outcome(null, f));
    }

    private void succeed() {
        if (finished) {
            return;
        }
        finished = true;
        cleanup(false);
        done.accept(new Outcome(parser.response(), null));
    }

    private void sendSome(TcpSocket s) {
        if (sent < request.length) {
            sent += s.send(request, sent, request.length - sent);
        }
    }

    @Override
    public void onConnected(TcpSocket s) {
        if (finished) {
            return;
        }
        armRead();
        sendSome(s);
    }

    @Override
    public void onWritable(TcpSocket s) {
        if (!finished) {
            sendSome(s);
        }
    }

    @Override
    public void onData(TcpSocket s, byte[] b, int off, int len) {
        if (finished) {
            return;
        }
        armRead();
        try {
            if (parser.feed(b, off, len)) {
                succeed();
            }
        } catch (HttpResponseParser.BadResponse e) {
            fail(UpstreamFailure.INVALID_HEADER);
        }
    }

    @Override
    public void onPeerClosed(TcpSocket s) {
        if (finished) {
            return;
        }
        try {
            parser.closed();
            succeed();
        } catch (HttpResponseParser.BadResponse e) {
            fail(UpstreamFailure.ERROR); // "upstream prematurely closed connection"
        }
    }

    @Override
    public void onError(TcpSocket s, Errno error) {
        fail(error == Errno.ETIMEDOUT ? UpstreamFailure.TIMEOUT : UpstreamFailure.ERROR);
    }
}
