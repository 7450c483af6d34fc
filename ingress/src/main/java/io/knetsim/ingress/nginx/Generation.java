package io.knetsim.ingress.nginx;

import io.knetsim.net.NetNamespace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One loaded configuration with its running state, as an nginx worker generation: the
 * upstream peers, the limit_req zones and the active health checkers. A request keeps the
 * generation it started on, so after a {@linkplain NginxProxy#reload reload} in-flight requests
 * finish on the old one while new requests use the new one. Zones whose name and rate did not
 * change keep their state across a reload (nginx keeps a shared memory zone of the same name
 * and size).
 */
final class Generation {
    final NginxConfig config;
    final Map<String, UpstreamPeers> peers = new LinkedHashMap<>();
    final Map<String, LimitReqTable> zones = new LinkedHashMap<>();
    final List<ActiveHealthCheck> checks = new ArrayList<>();

    Generation(NetNamespace ns, NginxConfig config, Generation previous) {
        this.config = config;
        long now = ns.sim().now();
        for (Upstream u : config.allUpstreams()) {
            UpstreamPeers p = new UpstreamPeers(u, now);
            peers.put(u.name(), p);
            if (u.check() != null) {
                checks.add(new ActiveHealthCheck(ns, p, u.check()));
            }
        }
        for (LimitReqZone z : config.zones()) {
            LimitReqTable old = previous == null ? null : previous.zones.get(z.name());
            zones.put(z.name(), old != null && old.zone().equals(z) ? old : new LimitReqTable(z));
        }
    }

    void startChecks() {
        checks.forEach(ActiveHealthCheck::start);
    }

    void stopChecks() {
        checks.forEach(ActiveHealthCheck::stop);
    }
}
