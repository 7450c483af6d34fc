package io.knetsim.ingress.nginx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The whole configuration of one proxy: one {@code server { listen PORT; ... }} with its
 * locations, the {@code upstream} groups and {@code limit_req_zone}s they use. Immutable and
 * checked when built: a location naming an unknown upstream or zone, a duplicate location or
 * upstream, a bad port all fail here with a message naming the field, so a proxy never runs half
 * a configuration. {@link NginxConfWriter} renders it as the nginx.conf text {@code nginx -T}
 * shows.
 *
 * <p>This record is the seam for an Ingress controller: it turns Ingress rules into locations
 * ({@code pathType: Exact} to {@link LocationMatch#EXACT}, {@code Prefix} to a prefix location),
 * a Service backend into an {@link Upstream} named after it (the Service VIP as one server, or
 * the EndpointSlice endpoints as servers, as ingress-nginx does), and calls
 * {@link NginxProxy#reload} when any of those objects change.
 */
public record NginxConfig(String name, int listen, List<LimitReqZone> zones, List<Upstream> upstreams,
                          List<Location> locations) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public NginxConfig {
        requireName("ingress", name);
        if (listen < 1 || listen > 65535) {
            throw new IllegalArgumentException("ingress " + name + ": invalid listen port " + listen + " (expected 1-65535)");
        }
        zones = List.copyOf(zones);
        upstreams = List.copyOf(upstreams);
        locations = List.copyOf(locations);
        Map<String, LimitReqZone> zoneNames = new HashMap<>();
        for (LimitReqZone z : zones) {
            if (zoneNames.put(z.name(), z) != null) {
                throw new IllegalArgumentException("ingress " + name + ": duplicate limit_req_zone \"" + z.name() + "\"");
            }
        }
        Set<String> upstreamNames = new HashSet<>();
        for (Upstream u : upstreams) {
            if (!upstreamNames.add(u.name())) {
                throw new IllegalArgumentException("ingress " + name + ": duplicate upstream \"" + u.name() + "\"");
            }
        }
        Set<String> seen = new HashSet<>();
        for (Location l : locations) {
            if (!seen.add(l.serverName() + " " + l.match().modifier() + l.path())) {
                throw new IllegalArgumentException("ingress " + name + ": duplicate location \"" + l.path() + "\""
                    + (l.serverName() == null ? "" : " in server " + l.serverName()));
            }
            for (String u : l.allUpstreamNames()) {
                if (!upstreamNames.contains(u)) {
                    UpstreamServer.parse("ingress " + name + ": location " + l.path() + ": proxy_pass", u);
                }
            }
            if (l.limitReq() != null && !zoneNames.containsKey(l.limitReq().zone())) {
                throw new IllegalArgumentException("ingress " + name + ": location " + l.path()
                    + ": unknown limit_req zone \"" + l.limitReq().zone() + "\"");
            }
        }
    }

    /** A configuration with only locations (their proxy_pass targets given as ADDRESS:PORT). */
    public static NginxConfig of(String name, int listen, List<Location> locations) {
        return new NginxConfig(name, listen, List.of(), List.of(), locations);
    }

    /** The upstream a location proxies to: a named group, or the implicit one-server group of ADDRESS:PORT. */
    public Upstream upstreamOf(Location l) {
        return upstreamNamed(l.upstream());
    }

    /** A named group, or the implicit one-server group of {@code name} as ADDRESS:PORT. */
    public Upstream upstreamNamed(String name) {
        for (Upstream u : upstreams) {
            if (u.name().equals(name)) {
                return u;
            }
        }
        return Upstream.of(name, UpstreamServer.parse("proxy_pass", name));
    }

    /**
     * The location a request for {@code target} with {@code Host: host} (null: no Host header)
     * goes to, as the running proxy chooses it; null when nginx would answer 404.
     */
    public Location locationFor(String host, String target) {
        return LocationMatcher.match(locations, host, LocationMatcher.normalize(target));
    }

    /** Every upstream requests can reach: the named ones, then the implicit ones in location order. */
    public List<Upstream> allUpstreams() {
        List<Upstream> out = new ArrayList<>(upstreams);
        Set<String> names = new HashSet<>();
        upstreams.forEach(u -> names.add(u.name()));
        for (Location l : locations) {
            for (String u : l.allUpstreamNames()) {
                if (names.add(u)) {
                    out.add(upstreamNamed(u));
                }
            }
        }
        return out;
    }

    public LimitReqZone zone(String zoneName) {
        return zones.stream().filter(z -> z.name().equals(zoneName)).findFirst().orElseThrow();
    }

    static void requireName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + ": invalid name \"" + name
                + "\" (expected letters, digits, '.', '_' or '-')");
        }
    }
}
