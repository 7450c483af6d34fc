package io.knetsim.ingress.nginx;

import io.knetsim.app.http.HttpClient;
import io.knetsim.app.http.HttpClientRequest;
import io.knetsim.app.http.HttpResult;
import io.knetsim.net.NetNamespace;
import io.knetsim.sim.Timer;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs one upstream's {@link HealthCheck} on the simulated clock: every {@code interval}, a
 * {@code GET uri} to each server; a 2xx or 3xx within {@code timeout} is a pass. After
 * {@code fall} failures in a row a server is taken out of the round-robin, after {@code rise}
 * passes in a row it is put back.
 */
final class ActiveHealthCheck {
    private final NetNamespace ns;
    private final UpstreamPeers peers;
    private final HealthCheck check;
    private final HttpClient client;
    private final Map<UpstreamPeers.Peer, int[]> streaks = new HashMap<>();
    private Timer timer;
    private boolean stopped;

    ActiveHealthCheck(NetNamespace ns, UpstreamPeers peers, HealthCheck check) {
        this.ns = ns;
        this.peers = peers;
        this.check = check;
        this.client = new HttpClient(ns, "nginx-upstream-check");
    }

    void start() {
        timer = ns.sim().after(check.interval(), this::round);
    }

    void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel();
        }
    }

    private void round() {
        if (stopped) {
            return;
        }
        for (UpstreamPeers.Peer p : peers.peers()) {
            HttpClientRequest req = HttpClientRequest.get(p.server().address().bits(), p.server().port(), check.uri())
                .withTimeouts(check.timeout(), check.timeout());
            client.send(req, r -> result(p, r));
        }
        timer = ns.sim().after(check.interval(), this::round);
    }

    private void result(UpstreamPeers.Peer p, HttpResult r) {
        if (stopped) {
            return;
        }
        boolean pass = r.ok() && r.response().status() >= 200 && r.response().status() < 400;
        int[] s = streaks.computeIfAbsent(p, k -> new int[2]); // [passes, failures] in a row
        if (pass) {
            s[0]++;
            s[1] = 0;
            if (p.checkDown && s[0] >= check.rise()) {
                p.checkDown = false;
            }
        } else {
            s[1]++;
            s[0] = 0;
            if (!p.checkDown && s[1] >= check.fall()) {
                p.checkDown = true;
            }
        }
    }
}
