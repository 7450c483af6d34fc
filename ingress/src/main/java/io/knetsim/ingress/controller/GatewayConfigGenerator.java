package io.knetsim.ingress.controller;

import io.knetsim.api.EndpointSlice;
import io.knetsim.api.Gateway;
import io.knetsim.api.Gateway.Listener;
import io.knetsim.api.GatewayClass;
import io.knetsim.api.HTTPRoute;
import io.knetsim.api.HTTPRoute.HTTPBackendRef;
import io.knetsim.api.HTTPRoute.HTTPHeaderMatch;
import io.knetsim.api.HTTPRoute.HTTPQueryParamMatch;
import io.knetsim.api.HTTPRoute.HTTPRouteMatch;
import io.knetsim.api.HTTPRoute.HTTPRouteRule;
import io.knetsim.api.HTTPRoute.ParentReference;
import io.knetsim.api.Service;
import io.knetsim.ingress.nginx.Location;
import io.knetsim.ingress.nginx.LocationMatch;
import io.knetsim.ingress.nginx.NginxConfig;
import io.knetsim.ingress.nginx.RequestMatch;
import io.knetsim.ingress.nginx.Route;
import io.knetsim.ingress.nginx.Upstream;
import io.knetsim.ingress.nginx.UpstreamServer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns Gateways of one class and the HTTPRoutes attached to them into one {@link NginxConfig}
 * per listener port: a pure function of the API objects.
 *
 * <pre>
 *   Gateway listener (port, hostname) ◀── HTTPRoute parentRefs (name, sectionName, port; allowedRoutes)
 *   hostnames: the route's that fit the listener's (or the listener's, or any host) ──▶ server_name
 *   every match of every rule ──▶ a candidate (path, headers, query, method ─▶ the rule's upstream)
 *   locations: Exact /a ─▶ = /a;  PathPrefix /a ─▶ = /a and /a/;  PathPrefix / ─▶ /
 *   each location routes through the candidates covering it, in the spec's precedence:
 *     Exact path, longest prefix, a method, most headers, most query params,
 *     oldest route, namespace/name, rule order, match order;  none fits ─▶ 404
 *   backendRefs ─▶ upstream NS-ROUTE-rI (one backend: NS-SERVICE-PORT), each backend's weight
 *                  shared evenly by its endpoints (nginx's smooth weighted round robin)
 * </pre>
 *
 * Why the locations give the spec's answers: a PathPrefix {@code /a} matches {@code /a} and
 * {@code /a/...} (whole path elements, a trailing slash ignored), exactly the URIs of
 * {@code = /a} and {@code /a/}; nginx sends a URI to the longest such location, and every
 * candidate whose path also covers that location's URIs is among its routes, so when the
 * longest path's headers do not fit, a shorter path's rule still takes the request.
 *
 * <p>Not modelled: RegularExpression matches (skipped: they never match), filters, the
 * {@code Selector} of allowedRoutes (admits nothing), listeners other than HTTP, the status. A
 * backend whose Service or port is missing drops out of its rule (the spec answers its share
 * with 500); a rule with no usable backend has an upstream without servers (503 here, 500 in the
 * spec). A wildcard hostname takes one label ({@code *.example.com}: {@code a.example.com}),
 * the proxy's rule; the spec's takes any depth.
 */
public final class GatewayConfigGenerator {
    private GatewayConfigGenerator() {
    }

    /** One match of one rule: its conditions and where it sends requests. */
    private record Candidate(String host, boolean exact, String path, List<RequestMatch> when, boolean method,
                             int headers, int queries, String created, String route, int rule, int match,
                             String upstream) {
    }

    private static final Comparator<Candidate> PRECEDENCE = Comparator
        .comparing((Candidate c) -> !c.exact())
        .thenComparing(c -> -c.path().length())
        .thenComparing(c -> !c.method())
        .thenComparing(c -> -c.headers())
        .thenComparing(c -> -c.queries())
        .thenComparing(Candidate::created)
        .thenComparing(Candidate::route)
        .thenComparingInt(Candidate::rule)
        .thenComparingInt(Candidate::match);

    /** The configurations, by listener port, for the Gateways {@code cfg} serves. */
    public static Map<Integer, NginxConfig> generate(GatewayControllerConfig cfg, List<GatewayClass> classes,
                                                     List<Gateway> gateways, List<HTTPRoute> routes,
                                                     List<Service> services, List<EndpointSlice> slices) {
        ServiceEndpoints endpoints = new ServiceEndpoints(cfg.upstreams(), services, slices);
        List<Gateway> mine = gateways.stream().filter(g -> serves(cfg, classes, g))
            .sorted(Comparator.comparing((Gateway g) -> g.metadata().namespace()).thenComparing(g -> g.metadata().name()))
            .toList();
        Map<Integer, List<Candidate>> byPort = new TreeMap<>();
        Map<String, Upstream> upstreams = new LinkedHashMap<>();
        for (Gateway g : mine) {
            for (Listener l : g.spec().listeners()) {
                if (!"HTTP".equals(l.protocol()) || l.port() == null) {
                    continue;
                }
                byPort.computeIfAbsent(l.port(), p -> new ArrayList<>());
                for (HTTPRoute r : routes) {
                    if (!attaches(g, l, r)) {
                        continue;
                    }
                    for (String host : hostnames(l.hostname(), r.spec().hostnames())) {
                        byPort.get(l.port()).addAll(candidates(r, host, endpoints, upstreams));
                    }
                }
            }
        }
        Map<Integer, NginxConfig> out = new TreeMap<>();
        byPort.forEach((port, cands) -> out.put(port, config(cfg.name() + "-" + port, port, cands, upstreams)));
        return out;
    }

    static boolean serves(GatewayControllerConfig cfg, List<GatewayClass> classes, Gateway g) {
        if (g.spec() == null || !cfg.gatewayClass().equals(g.spec().gatewayClassName())) {
            return false;
        }
        return classes.stream().filter(c -> cfg.gatewayClass().equals(c.metadata().name()))
            .allMatch(c -> cfg.controllerName().equals(c.controllerName()));
    }

    /** Whether a parentRef of {@code r} names listener {@code l} of {@code g}, and the listener admits it. */
    private static boolean attaches(Gateway g, Listener l, HTTPRoute r) {
        if (r.spec() == null) {
            return false;
        }
        String rns = r.metadata().namespace();
        boolean admitted = switch (l.from()) {
            case "All" -> true;
            case "Same" -> rns.equals(g.metadata().namespace());
            default -> false;
        };
        if (!admitted) {
            return false;
        }
        for (ParentReference p : r.spec().parentRefs()) {
            boolean isGateway = (p.group() == null || p.group().equals("gateway.networking.k8s.io"))
                && (p.kind() == null || p.kind().equals("Gateway"));
            String ns = p.namespace() == null ? rns : p.namespace();
            if (isGateway && ns.equals(g.metadata().namespace()) && g.metadata().name().equals(p.name())
                && (p.sectionName() == null || p.sectionName().equals(l.name()))
                && (p.port() == null || p.port().equals(l.port()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The hostnames a route gets on a listener: its own that fit the listener's hostname (a
     * wildcard of the listener's narrowed to it), the listener's when it has none, any host
     * (null) when neither has one; empty when none fit (the route does not attach there).
     */
    static List<String> hostnames(String listener, List<String> route) {
        List<String> out = new ArrayList<>();
        if (route.isEmpty()) {
            out.add(listener);
            return out;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String h : route) {
            if (listener == null || h.equals(listener)) {
                seen.add(h);
            } else if (listener.startsWith("*.") && h.endsWith(listener.substring(1))) {
                seen.add(h);
            } else if (h.startsWith("*.") && !listener.startsWith("*.") && listener.endsWith(h.substring(1))) {
                seen.add(listener);
            }
        }
        out.addAll(seen);
        return out;
    }

    private static List<Candidate> candidates(HTTPRoute r, String host, ServiceEndpoints endpoints,
                                              Map<String, Upstream> upstreams) {
        List<Candidate> out = new ArrayList<>();
        String ns = r.metadata().namespace();
        String key = ns + "/" + r.metadata().name();
        String created = Objects.toString(r.metadata().creationTimestamp(), "");
        for (int i = 0; i < r.spec().rules().size(); i++) {
            HTTPRouteRule rule = r.spec().rules().get(i);
            Upstream u = upstream(ns, r.metadata().name(), i, rule, endpoints);
            upstreams.putIfAbsent(u.name(), u);
            List<HTTPRouteMatch> matches = rule.matches().isEmpty()
                ? List.of(HTTPRouteMatch.path(HTTPRoute.PATH_PREFIX, "/")) : rule.matches();
            for (int j = 0; j < matches.size(); j++) {
                HTTPRouteMatch m = matches.get(j);
                String type = m.path() == null || m.path().type() == null ? HTTPRoute.PATH_PREFIX : m.path().type();
                String path = m.path() == null || m.path().value() == null ? "/" : m.path().value();
                if (type.equals(HTTPRoute.REGULAR_EXPRESSION)) {
                    continue;
                }
                List<RequestMatch> when = new ArrayList<>();
                boolean regex = false;
                Set<String> names = new HashSet<>();
                int headers = 0;
                for (HTTPHeaderMatch h : m.headers()) {
                    if (!names.add(h.name().toLowerCase(Locale.ROOT))) {
                        continue; // the spec: only the first entry of a name counts
                    }
                    regex |= HTTPRoute.REGULAR_EXPRESSION.equals(h.type());
                    when.add(RequestMatch.header(h.name(), h.value()));
                    headers++;
                }
                Set<String> qnames = new HashSet<>();
                int queries = 0;
                for (HTTPQueryParamMatch q : m.queryParams()) {
                    if (!qnames.add(q.name())) {
                        continue;
                    }
                    regex |= HTTPRoute.REGULAR_EXPRESSION.equals(q.type());
                    when.add(RequestMatch.query(q.name(), q.value()));
                    queries++;
                }
                if (regex) {
                    continue;
                }
                if (m.method() != null) {
                    when.add(0, RequestMatch.method(m.method()));
                }
                boolean exact = type.equals(HTTPRoute.EXACT);
                String p = exact ? path : trimSlashes(path);
                try {
                    new Location(LocationMatch.EXACT, p, u.name(), null, Location.DEFAULT_TIMEOUT,
                        Location.DEFAULT_TIMEOUT, host);
                } catch (IllegalArgumentException e) {
                    continue; // a path or host nginx cannot take (spaces, ';', braces): skipped
                }
                out.add(new Candidate(host, exact, p, when, m.method() != null, headers, queries, created, key, i, j,
                    u.name()));
            }
        }
        return out;
    }

    private static String trimSlashes(String p) {
        String q = p;
        while (q.length() > 1 && q.endsWith("/")) {
            q = q.substring(0, q.length() - 1);
        }
        return q;
    }

    /**
     * The rule's upstream: every backend's endpoints, weighted so that each backend gets its
     * weight's share whatever its number of endpoints (weight w over n endpoints: w * L / n each,
     * L the lcm of the counts, then divided by the gcd of all).
     */
    private static Upstream upstream(String ns, String route, int index, HTTPRouteRule rule, ServiceEndpoints endpoints) {
        List<HTTPBackendRef> refs = rule.backendRefs().stream()
            .filter(b -> (b.kind() == null || b.kind().equals("Service")) && (b.group() == null || b.group().isEmpty()))
            .toList();
        String name = refs.size() == 1 && (refs.get(0).weight() == null || refs.get(0).weight() > 0)
            ? (refs.get(0).namespace() == null ? ns : refs.get(0).namespace()) + "-" + refs.get(0).name() + "-"
                + refs.get(0).port()
            : ns + "-" + route + "-r" + index;
        List<List<UpstreamServer>> sets = new ArrayList<>();
        List<Long> weights = new ArrayList<>();
        for (HTTPBackendRef b : refs) {
            int w = b.weight() == null ? 1 : b.weight();
            List<UpstreamServer> s = endpoints.servers(b.namespace() == null ? ns : b.namespace(), b.name(), b.port(),
                null);
            if (w > 0 && !s.isEmpty()) {
                sets.add(s);
                weights.add((long) w);
            }
        }
        long lcm = 1;
        for (List<UpstreamServer> s : sets) {
            lcm = lcm / gcd(lcm, s.size()) * s.size();
        }
        Map<String, Long> perServer = new LinkedHashMap<>();
        Map<String, UpstreamServer> servers = new LinkedHashMap<>();
        for (int i = 0; i < sets.size(); i++) {
            long each = weights.get(i) * lcm / sets.get(i).size();
            for (UpstreamServer s : sets.get(i)) {
                perServer.merge(s.endpoint(), each, Long::sum);
                servers.putIfAbsent(s.endpoint(), s);
            }
        }
        long g = perServer.values().stream().reduce(0L, GatewayConfigGenerator::gcd);
        List<UpstreamServer> out = new ArrayList<>();
        perServer.forEach((ep, w) -> out.add(servers.get(ep).withWeight((int) Math.min(Integer.MAX_VALUE, w / g))));
        return new Upstream(name, out, null);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The locations of one port: per host, per location key, the covering candidates as routes. */
    private static NginxConfig config(String name, int port, List<Candidate> cands, Map<String, Upstream> all) {
        Map<String, List<Candidate>> byHost = new LinkedHashMap<>();
        cands.stream().sorted(Comparator.comparing((Candidate c) -> Objects.toString(c.host(), "")))
            .forEach(c -> byHost.computeIfAbsent(c.host(), h -> new ArrayList<>()).add(c));
        List<Location> locations = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        byHost.forEach((host, list) -> {
            Set<String> keys = new java.util.TreeSet<>();
            for (Candidate c : list) {
                if (c.exact()) {
                    keys.add("=" + c.path());
                } else if (c.path().equals("/")) {
                    keys.add(" /");
                } else {
                    keys.add("=" + c.path());
                    keys.add(" " + c.path() + "/");
                }
            }
            for (String k : keys) {
                boolean exactLoc = k.charAt(0) == '=';
                String path = k.substring(1);
                List<Candidate> covering = list.stream().filter(c -> covers(c, exactLoc, path)).sorted(PRECEDENCE)
                    .toList();
                List<Route> routesOf = new ArrayList<>();
                String fallback = null;
                for (Candidate c : covering) {
                    if (c.when().isEmpty()) {
                        fallback = c.upstream();
                        break; // an unconditional match takes every request the later ones would
                    }
                    routesOf.add(new Route(c.when(), c.upstream()));
                }
                Location l = new Location(exactLoc ? LocationMatch.EXACT : LocationMatch.PREFIX, path, fallback, null,
                    Location.DEFAULT_TIMEOUT, Location.DEFAULT_TIMEOUT, host, routesOf);
                locations.add(l);
                used.addAll(l.allUpstreamNames());
            }
        });
        List<Upstream> ups = all.values().stream().filter(u -> used.contains(u.name())).toList();
        return new NginxConfig(name, port, List.of(), ups, locations);
    }

    /** Whether every URI of the location ({@code = path} or prefix {@code path}) matches the candidate's path. */
    private static boolean covers(Candidate c, boolean exactLoc, String path) {
        if (c.exact()) {
            return exactLoc && c.path().equals(path);
        }
        if (c.path().equals("/")) {
            return true;
        }
        String x = exactLoc ? path : trimSlashes(path);
        return x.equals(c.path()) || x.startsWith(c.path() + "/");
    }
}
