package io.knetsim.ingress.nginx;

import io.knetsim.app.http.HttpRequest;
import io.knetsim.net.NetNamespace;
import io.knetsim.sim.SimTime;
import io.knetsim.sim.Timer;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One client request through the proxy, on one {@link Generation}:
 *
 * <pre>
 *   find location, then its route by headers/cookies --none--> 404
 *        | limit_req --over burst--> 503 (limit_req_status)      --within burst--> wait excess/rate (unless nodelay)
 *        | upstream with no servers --> 503
 *        | pick peer --none usable--> 502 ("no live upstreams")
 *        | try it --response--> relay it
 *               \--error/timeout--> count the failure, pick the next peer (each once),
 *                                   none left: 502 (error) or 504 (timeout)
 * </pre>
 */
final class ProxiedRequest {
    private final NetNamespace ns;
    private final Generation gen;
    private final HttpRequest req;
    private final int clientAddress;
    private final Consumer<Answer> done;
    private final Set<UpstreamPeers.Peer> tried = new HashSet<>();
    private UpstreamCall call;
    private Timer delay;
    private boolean finished;

    /** What the client gets: the status (for counters) and the response bytes. */
    record Answer(int status, byte[] bytes) {
    }

    private final boolean keepAlive;

    ProxiedRequest(NetNamespace ns, Generation gen, HttpRequest req, int clientAddress, Consumer<Answer> done) {
        this.ns = ns;
        this.gen = gen;
        this.req = req;
        this.clientAddress = clientAddress;
        this.done = done;
        this.keepAlive = req.keepAlive();
    }

    void start() {
        String uri = LocationMatcher.normalize(req.target());
        Location loc = LocationMatcher.match(gen.config.locations(), req.header("Host"), uri);
        String upstream = loc == null ? null : loc.upstreamFor(req);
        if (upstream == null) {
            error(404);
            return;
        }
        LimitReq limit = loc.limitReq();
        if (limit != null) {
            LimitReqTable.Verdict v = gen.zones.get(limit.zone()).check(clientAddress, ns.sim().now() / SimTime.MS, limit);
            if (v.rejected()) {
                error(limit.status());
                return;
            }
            if (v.delayMs() > 0) {
                delay = ns.sim().after(SimTime.ms(v.delayMs()), () -> proxy(loc, upstream));
                return;
            }
        }
        proxy(loc, upstream);
    }

    /** Whether the answer has been given (or the request cancelled). */
    boolean isFinished() {
        return finished;
    }

    /** The client went away: stop whatever is pending. */
    void cancel() {
        finished = true;
        if (delay != null) {
            delay.cancel();
        }
        if (call != null) {
            call.cancel();
        }
    }

    private void proxy(Location loc, String upstream) {
        if (finished) {
            return;
        }
        UpstreamPeers peers = gen.peers.get(upstream);
        if (peers.peers().isEmpty()) {
            error(503);
            return;
        }
        tryNext(loc, peers, null);
    }

    private void tryNext(Location loc, UpstreamPeers peers, UpstreamFailure last) {
        UpstreamPeers.Peer p = peers.select(tried, ns.sim().now());
        if (p == null) {
            boolean triesLeft = tried.size() < peers.peers().size();
            error(last == null || triesLeft ? 502 : last.status());
            return;
        }
        tried.add(p);
        byte[] bytes = ProxyMessages.upstreamRequest(req, req.target(), clientAddress);
        call = UpstreamCall.start(ns, p.server(), req.method(), bytes, loc.connectTimeout(), loc.readTimeout(), o -> {
            call = null;
            if (finished) {
                return;
            }
            if (o.response() != null) {
                peers.succeeded(p);
                finish(new Answer(o.response().status(),
                    ProxyMessages.clientResponse(o.response(), isHead(), keepAlive, ns.sim().now())));
                return;
            }
            peers.failed(p, ns.sim().now());
            if (o.failure().retried() && !peers.single()) {
                tryNext(loc, peers, o.failure());
            } else {
                error(o.failure().status());
            }
        });
    }

    private boolean isHead() {
        return req.method().equals("HEAD");
    }

    private void error(int status) {
        finish(new Answer(status, ProxyMessages.errorResponse(status, isHead(), keepAlive, ns.sim().now())));
    }

    private void finish(Answer a) {
        if (finished) {
            return;
        }
        finished = true;
        done.accept(a);
    }
}
