package io.knetsim.ingress.controller;

import io.knetsim.api.EndpointSlice;
import io.knetsim.api.Ingress;
import io.knetsim.api.Ingress.HTTPIngressPath;
import io.knetsim.api.Ingress.IngressBackend;
import io.knetsim.api.Ingress.IngressRule;
import io.knetsim.api.IngressClass;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the Ingresses of one class, with the Services and EndpointSlices they name, into one
 * {@link NginxConfig}: a pure function of the API objects, as ingress-nginx's template.
 *
 * <pre>
 *   Ingress rule host ──▶ server { server_name HOST; }  (no host: the default server)
 *   path + pathType   ──▶ locations ({@link PathLocations})
 *   backend service   ──▶ upstream NAMESPACE-SERVICE-PORT { ready endpoints | clusterIP:port }
 *   canary Ingress    ──▶ the same upstream with the canary's servers, weights w : 100-w;
 *                         canary-by-header / -value / canary-by-cookie ──▶ routes on the location
 *                         (header, then cookie, then the weight: ingress-nginx's precedence)
 * </pre>
 *
 * Ingresses are taken oldest first (creationTimestamp, then namespace and name): when two
 * give the same host and location, the older one keeps it, as in ingress-nginx.
 * {@code spec.defaultBackend} takes {@code location /} of the default server when no rule does.
 * A backend whose Service or port does not exist gets an upstream without servers (503). An
 * ImplementationSpecific path nginx cannot take (with spaces, ';', '{' or '}') is skipped, as
 * ingress-nginx's admission webhook would refuse it; the other paths still apply.
 */
public final class IngressConfigGenerator {
    private IngressConfigGenerator() {
    }

    /** The configuration for {@code ingresses} (of every class; those of other classes are skipped). */
    public static NginxConfig generate(IngressControllerConfig cfg, List<Ingress> ingresses, List<Service> services,
                                       List<EndpointSlice> slices) {
        return generate(cfg, List.of(), ingresses, services, slices);
    }

    /**
     * The configuration for {@code ingresses}, given the cluster's IngressClass objects: an
     * Ingress of the controller's class is skipped when the IngressClass of that name names
     * another controller.
     */
    public static NginxConfig generate(IngressControllerConfig cfg, List<IngressClass> classes, List<Ingress> ingresses,
                                       List<Service> services, List<EndpointSlice> slices) {
        List<Ingress> mine = ingresses.stream().filter(i -> serves(cfg, classes, i))
            .sorted(Comparator.comparing((Ingress i) -> Objects.toString(i.metadata().creationTimestamp(), ""))
                .thenComparing(i -> i.metadata().namespace()).thenComparing(i -> i.metadata().name()))
            .toList();
        Backends backends = new Backends(cfg.upstreams(), services, slices);
        Map<String, Canary> canaries = new HashMap<>();
        for (Ingress ing : mine) {
            if (!isCanary(ing)) {
                continue;
            }
            int weight = canaryWeight(ing);
            Map<String, String> a = ing.metadata().annotations();
            forEachPath(ing, (host, p) -> canaries.putIfAbsent(host + " " + p.path(),
                new Canary(ing.metadata().namespace(), p.backend(), weight, token(a.get(Ingress.CANARY_BY_HEADER)),
                    blankToNull(a.get(Ingress.CANARY_BY_HEADER_VALUE)), token(a.get(Ingress.CANARY_BY_COOKIE)))));
        }
        Map<String, Location> locations = new LinkedHashMap<>();
        Set<String> exactKeys = new HashSet<>();
        Map<String, Upstream> upstreams = new LinkedHashMap<>();
        for (Ingress ing : mine) {
            if (isCanary(ing)) {
                continue;
            }
            String ns = ing.metadata().namespace();
            forEachPath(ing, (host, p) -> {
                Canary canary = canaries.get(host + " " + p.path());
                Upstream u = upstreamFor(backends, ns, p.backend(), canary);
                List<Location> ls;
                try {
                    ls = PathLocations.of(p.path(), p.pathType(), u.name());
                } catch (IllegalArgumentException e) {
                    return; // an ImplementationSpecific path nginx cannot take ('{', ';', spaces): skipped
                }
                upstreams.putIfAbsent(u.name(), u);
                List<Route> routes = List.of();
                if (canary != null && canary.hasRules()) {
                    Upstream main = new Upstream(backends.upstreamName(ns, p.backend()), backends.servers(ns, p.backend()),
                        null);
                    Upstream side = new Upstream(backends.upstreamName(canary.namespace(), canary.backend()),
                        backends.servers(canary.namespace(), canary.backend()), null);
                    upstreams.putIfAbsent(main.name(), main);
                    upstreams.putIfAbsent(side.name(), side);
                    routes = canary.routes(main.name(), side.name());
                }
                for (Location l : ls) {
                    add(locations, exactKeys, l.withServerName(host).withRoutes(routes),
                        HTTPIngressPath.EXACT.equals(p.pathType()));
                }
            });
        }
        for (Ingress ing : mine) {
            IngressBackend def = ing.spec() == null ? null : ing.spec().defaultBackend();
            if (def != null && !isCanary(ing)) {
                Upstream u = upstreamFor(backends, ing.metadata().namespace(), def, null);
                upstreams.putIfAbsent(u.name(), u);
                add(locations, exactKeys, Location.prefix("/", u.name()), false);
            }
        }
        return new NginxConfig(cfg.name(), cfg.listen(), List.of(), List.copyOf(upstreams.values()),
            List.copyOf(locations.values()));
    }

    /**
     * Whether the controller serves {@code ing}: no class at all, or its class when no
     * IngressClass of that name names another controller.
     */
    static boolean serves(IngressControllerConfig cfg, List<IngressClass> classes, Ingress ing) {
        String c = ing.spec() == null ? null : ing.spec().ingressClassName();
        if (c == null || c.isEmpty()) {
            return true;
        }
        if (!c.equals(cfg.ingressClass())) {
            return false;
        }
        return classes.stream().filter(k -> c.equals(k.metadata().name()))
            .allMatch(k -> cfg.controllerClass().equals(k.controller()));
    }

    static boolean isCanary(Ingress ing) {
        return "true".equals(ing.metadata().annotations().get(Ingress.CANARY));
    }

    /** {@code canary-weight}, 0 when absent or not a number, at most 100. */
    static int canaryWeight(Ingress ing) {
        try {
            int w = Integer.parseInt(ing.metadata().annotations().getOrDefault(Ingress.CANARY_WEIGHT, "0").trim());
            return Math.max(0, Math.min(100, w));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Adds a location unless an older one holds its key; but "= /foo" from an Exact path beats
     * the "= /foo" a Prefix path /foo makes, whatever their order ({@code exactKeys}: the keys
     * an Exact path holds).
     */
    private static void add(Map<String, Location> locations, Set<String> exactKeys, Location l, boolean fromExact) {
        String key = l.serverName() + " " + l.match().modifier() + l.path();
        if (!locations.containsKey(key) || (fromExact && l.match() == LocationMatch.EXACT && !exactKeys.contains(key))) {
            locations.put(key, l);
            if (fromExact) {
                exactKeys.add(key);
            }
        }
    }

    private interface PathVisitor {
        void visit(String host, HTTPIngressPath path);
    }

    private static void forEachPath(Ingress ing, PathVisitor v) {
        if (ing.spec() == null) {
            return;
        }
        for (IngressRule r : ing.spec().rules()) {
            if (r.http() == null) {
                continue;
            }
            String host = r.host() == null || r.host().isEmpty() ? null : r.host();
            for (HTTPIngressPath p : r.http().paths()) {
                v.visit(host, p);
            }
        }
    }

    /**
     * A canary Ingress's backend for one host and path, with its rules. ingress-nginx's order:
     * the header first ({@code always} or the {@code canary-by-header-value} to the canary,
     * {@code never} to the main backend, any other value ignored), then the cookie
     * ({@code always}, {@code never}, others ignored), then the weight.
     */
    private record Canary(String namespace, IngressBackend backend, int weight, String header, String headerValue,
                          String cookie) {
        boolean hasRules() {
            return header != null || cookie != null;
        }

        List<Route> routes(String main, String canary) {
            List<Route> r = new ArrayList<>();
            if (header != null) {
                if (headerValue != null) {
                    r.add(Route.when(canary, RequestMatch.header(header, headerValue)));
                } else {
                    r.add(Route.when(canary, RequestMatch.header(header, "always")));
                    r.add(Route.when(main, RequestMatch.header(header, "never")));
                }
            }
            if (cookie != null) {
                r.add(Route.when(canary, RequestMatch.cookie(cookie, "always")));
                r.add(Route.when(main, RequestMatch.cookie(cookie, "never")));
            }
            return r;
        }
    }

    /** A header or cookie name, or null when absent or not an HTTP token (the rule is then ignored). */
    private static String token(String s) {
        String t = blankToNull(s);
        return t != null && t.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+") ? t : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Upstream upstreamFor(Backends b, String ns, IngressBackend backend, Canary canary) {
        String name = b.upstreamName(ns, backend);
        List<UpstreamServer> main = b.servers(ns, backend);
        if (canary == null || canary.weight() == 0) {
            return new Upstream(name, main, null);
        }
        List<UpstreamServer> extra = b.servers(canary.namespace(), canary.backend());
        String combined = name + "-canary-" + b.upstreamName(canary.namespace(), canary.backend());
        if (extra.isEmpty()) {
            return new Upstream(combined, main, null);
        }
        if (canary.weight() == 100 || main.isEmpty()) {
            return new Upstream(combined, canary.weight() == 100 ? extra : main, null);
        }
        // Each side's share is its weight over its server count: main (100-w)*M each, canary w*N each.
        int mainWeight = (100 - canary.weight()) * extra.size();
        int canaryWeight = canary.weight() * main.size();
        int g = gcd(mainWeight, canaryWeight);
        List<UpstreamServer> servers = new ArrayList<>();
        main.forEach(s -> servers.add(s.withWeight(mainWeight / g)));
        for (UpstreamServer s : extra) {
            if (servers.stream().noneMatch(x -> x.endpoint().equals(s.endpoint()))) {
                servers.add(s.withWeight(canaryWeight / g));
            }
        }
        return new Upstream(combined, servers, null);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The Services and EndpointSlices an Ingress backend resolves through. */
    private static final class Backends {
        private final ServiceEndpoints endpoints;

        Backends(UpstreamMode mode, List<Service> services, List<EndpointSlice> slices) {
            this.endpoints = new ServiceEndpoints(mode, services, slices);
        }

        /** ingress-nginx's upstream name: {@code NAMESPACE-SERVICE-PORT}. */
        String upstreamName(String ns, IngressBackend b) {
            Ingress.ServiceBackendPort p = b.service().port();
            String port = p.number() != null && p.number() != 0 ? p.number().toString() : p.name();
            return ns + "-" + b.service().name() + "-" + port;
        }

        List<UpstreamServer> servers(String ns, IngressBackend b) {
            Ingress.ServiceBackendPort want = b.service().port();
            return endpoints.servers(ns, b.service().name(), want.number(), want.name());
        }
    }
}
