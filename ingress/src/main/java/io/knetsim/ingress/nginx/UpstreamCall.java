package io.knetsim.ingress.nginx;

import io.knetsim.app.http.HttpClientConnection;
import io.knetsim.app.http.HttpClientResponse;
import io.knetsim.net.Errno;
import io.knetsim.net.NetNamespace;
import io.knetsim.sim.Timer;
import java.util.function.Consumer;

/**
 * One try of a request on one upstream server, on core's {@link HttpClientConnection}: connect
 * (within {@code proxy_connect_timeout}), send the request bytes, read the response, with
 * {@code proxy_read_timeout} between two reads, as nginx arms it. The result comes once, on the
 * simulator clock: the response, or an {@link UpstreamFailure}; a failed try's connection is
 * reset.
 */
final class UpstreamCall implements HttpClientConnection.Events {
    /** The outcome of a try: exactly one of the two is set. */
    record Outcome(HttpClientResponse response, UpstreamFailure failure) {
    }

    private final NetNamespace ns;
    private final long readTimeout;
    private final Consumer<Outcome> done;
    private HttpClientConnection connection;
    private Timer timer;
    private boolean finished;

    private UpstreamCall(NetNamespace ns, long readTimeout, Consumer<Outcome> done) {
        this.ns = ns;
        this.readTimeout = readTimeout;
        this.done = done;
    }

    /** Starts a try on {@code server}. */
    static UpstreamCall start(NetNamespace ns, UpstreamServer server, String method, byte[] request,
                              long connectTimeout, long readTimeout, Consumer<Outcome> done) {
        UpstreamCall c = new UpstreamCall(ns, readTimeout, done);
        c.timer = ns.sim().after(connectTimeout, () -> c.fail(UpstreamFailure.TIMEOUT));
        try {
            c.connection = HttpClientConnection.open(ns, server.address().bits(), server.port(), method, request, c);
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
        if (connection != null) {
            if (abort) {
                connection.abort();
            } else {
                connection.close();
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

    @Override
    public void connected() {
        armRead();
    }

    @Override
    public void received() {
        armRead();
    }

    @Override
    public void response(HttpClientResponse response) {
        if (finished) {
            return;
        }
        finished = true;
        cleanup(false);
        done.accept(new Outcome(response, null));
    }

    @Override
    public void malformed() {
        fail(UpstreamFailure.INVALID_HEADER);
    }

    @Override
    public void closedEarly() {
        fail(UpstreamFailure.ERROR); // "upstream prematurely closed connection"
    }

    @Override
    public void error(Errno error) {
        fail(error == Errno.ETIMEDOUT ? UpstreamFailure.TIMEOUT : UpstreamFailure.ERROR);
    }
}
