package io.knetsim.ingress.nginx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The running state of one upstream group: nginx's round-robin peers. Picking is smooth
 * weighted round-robin, deterministic (weights 5,1,1 give a a b a c a a, never a burst of a's):
 *
 * <pre>
 *   for each usable peer: current += effective; total += effective; if effective &lt; weight: effective++
 *   best = the peer with the largest current (the first on ties); best.current -= total
 * </pre>
 *
 * A peer is not usable when tried already for this request, when active health checks took it
 * out, or when it failed {@code max_fails} times and the last failure is no older than
 * {@code fail_timeout} (passive health). A failure also lowers its effective weight by
 * {@code weight / max_fails}, which then climbs back by one per pick. A group of one server
 * ignores max_fails, as nginx does.
 */
final class UpstreamPeers {
    /** One server of the group and what nginx remembers about it. */
    static final class Peer {
        final UpstreamServer server;
        int currentWeight;
        int effectiveWeight;
        int fails;
        long accessed = Long.MIN_VALUE;
        long checked;
        /** Taken out by active health checks. */
        boolean checkDown;
        long picked;

        Peer(UpstreamServer server, long now) {
            this.server = server;
            this.effectiveWeight = server.weight();
            this.checked = now;
        }

        UpstreamServer server() {
            return server;
        }
    }

    private final Upstream upstream;
    private final List<Peer> peers = new ArrayList<>();

    UpstreamPeers(Upstream upstream, long now) {
        this.upstream = upstream;
        for (UpstreamServer s : upstream.servers()) {
            peers.add(new Peer(s, now));
        }
    }

    Upstream upstream() {
        return upstream;
    }

    List<Peer> peers() {
        return Collections.unmodifiableList(peers);
    }

    boolean single() {
        return peers.size() == 1;
    }

    /** The peer for the next try, or null when none is usable ("no live upstreams"). */
    Peer select(Set<Peer> tried, long now) {
        if (single()) {
            Peer p = peers.get(0);
            if (p.checkDown || tried.contains(p)) {
                return null;
            }
            p.picked++;
            return p;
        }
        Peer best = null;
        int total = 0;
        for (Peer p : peers) {
            if (tried.contains(p) || p.checkDown) {
                continue;
            }
            UpstreamServer s = p.server;
            if (s.maxFails() > 0 && p.fails >= s.maxFails() && now - p.checked <= s.failTimeout()) {
                continue;
            }
            p.currentWeight += p.effectiveWeight;
            total += p.effectiveWeight;
            if (p.effectiveWeight < s.weight()) {
                p.effectiveWeight++;
            }
            if (best == null || p.currentWeight > best.currentWeight) {
                best = p;
            }
        }
        if (best == null) {
            return null;
        }
        best.currentWeight -= total;
        if (now - best.checked > best.server.failTimeout()) {
            best.checked = now;
        }
        best.picked++;
        return best;
    }

    /** The try on {@code p} failed (error or timeout): count it for passive health. */
    void failed(Peer p, long now) {
        if (single()) {
            return;
        }
        p.fails++;
        p.accessed = now;
        p.checked = now;
        int maxFails = p.server.maxFails();
        if (maxFails > 0) {
            p.effectiveWeight -= p.server.weight() / maxFails;
        }
        if (p.effectiveWeight < 0) {
            p.effectiveWeight = 0;
        }
    }

    /** The try on {@code p} got a response: a success after the failure window clears the failures. */
    void succeeded(Peer p) {
        if (p.accessed < p.checked) {
            p.fails = 0;
        }
    }

    /** Whether passive health currently keeps {@code p} out. */
    boolean passiveDown(Peer p, long now) {
        UpstreamServer s = p.server;
        return !single() && s.maxFails() > 0 && p.fails >= s.maxFails() && now - p.checked <= s.failTimeout();
    }
}
