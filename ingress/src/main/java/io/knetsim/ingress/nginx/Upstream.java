package io.knetsim.ingress.nginx;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An {@code upstream NAME { server ...; }} block: a group of servers picked by nginx's smooth
 * weighted round-robin, with optional {@linkplain HealthCheck active health checks}. A group
 * with no servers is allowed here (a Service without endpoints): requests to it get 503, as
 * ingress-nginx answers for a backend with no endpoints.
 */
public record Upstream(String name, List<UpstreamServer> servers, HealthCheck check) {
    public Upstream {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._:-]*")) {
            throw new IllegalArgumentException("upstream: invalid name \"" + name
                + "\" (expected letters, digits, '.', ':', '_' or '-')");
        }
        servers = List.copyOf(servers);
        Set<String> seen = new HashSet<>();
        for (UpstreamServer s : servers) {
            if (!seen.add(s.endpoint())) {
                throw new IllegalArgumentException("upstream " + name + ": duplicate server " + s.endpoint());
            }
        }
    }

    public static Upstream of(String name, UpstreamServer... servers) {
        return new Upstream(name, List.of(servers), null);
    }

    public Upstream withCheck(HealthCheck c) {
        return new Upstream(name, servers, c);
    }
}
