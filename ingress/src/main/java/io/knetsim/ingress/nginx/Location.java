package io.knetsim.ingress.nginx;

import io.knetsim.sim.SimTime;
import java.util.List;

/**
 * A {@code location [=] PATH { proxy_pass http://UPSTREAM; ... }} block. {@code upstream} names
 * an {@link Upstream} of the configuration or is an {@code ADDRESS:PORT} (nginx makes an implicit
 * one-server group of it, as the original labs' {@code proxy_pass http://100.64.11.1:8000;}).
 * proxy_pass has no URI part, so the request URI goes upstream unchanged: {@code /svc1/x} is
 * asked for as {@code /svc1/x}. Timeouts default to nginx's 60 s ({@code proxy_connect_timeout},
 * {@code proxy_read_timeout}, the latter between two reads of the response).
 *
 * <p>{@code serverName} puts the location in the {@code server} block of that
 * {@code server_name} (an exact name or {@code *.example.com}); null puts it in the default
 * server, which takes requests for every other host. The configuration renders one block per name.
 *
 * <p>{@code routes} send requests by their headers or cookies to other upstreams, the first
 * {@link Route} that fits winning; the others go to {@code upstream}. A location with routes may
 * have no upstream of its own: a request no route takes then gets 404 (the Gateway API's answer
 * when no match of a route fits).
 */
public record Location(LocationMatch match, String path, String upstream, LimitReq limitReq,
                       long connectTimeout, long readTimeout, String serverName, List<Route> routes) {
    /** nginx's default {@code proxy_connect_timeout} and {@code proxy_read_timeout}. */
    public static final long DEFAULT_TIMEOUT = SimTime.seconds(60);

    public Location {
        if (match == null) {
            throw new IllegalArgumentException("location: match is required");
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("location: invalid path \"" + path + "\" (expected a path starting with /)");
        }
        if (path.chars().anyMatch(c -> c <= ' ' || c == ';' || c == '{' || c == '}')) {
            throw new IllegalArgumentException("location " + path + ": the path may not contain spaces, ';', '{' or '}'");
        }
        routes = routes == null ? List.of() : List.copyOf(routes);
        if ((upstream == null || upstream.isEmpty()) && routes.isEmpty()) {
            throw new IllegalArgumentException("location " + path + ": proxy_pass upstream is required");
        }
        if (upstream != null && upstream.isEmpty()) {
            upstream = null;
        }
        if (connectTimeout < SimTime.MS || readTimeout < SimTime.MS) {
            throw new IllegalArgumentException("location " + path + ": timeouts must be at least 1ms");
        }
        if (serverName != null && !serverName.matches("(\\*\\.)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            throw new IllegalArgumentException("location " + path + ": invalid server_name \"" + serverName
                + "\" (expected a host name or *.domain)");
        }
    }

    /** A location without routes. */
    public Location(LocationMatch match, String path, String upstream, LimitReq limitReq, long connectTimeout,
                    long readTimeout, String serverName) {
        this(match, path, upstream, limitReq, connectTimeout, readTimeout, serverName, List.of());
    }

    /** {@code location PATH { proxy_pass http://UPSTREAM; }}. */
    public static Location prefix(String path, String upstream) {
        return new Location(LocationMatch.PREFIX, path, upstream, null, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, null);
    }

    /** {@code location = PATH { proxy_pass http://UPSTREAM; }}. */
    public static Location exact(String path, String upstream) {
        return new Location(LocationMatch.EXACT, path, upstream, null, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, null);
    }

    public Location withLimitReq(LimitReq l) {
        return new Location(match, path, upstream, l, connectTimeout, readTimeout, serverName, routes);
    }

    /** {@code proxy_read_timeout}. */
    public Location withReadTimeout(long t) {
        return new Location(match, path, upstream, limitReq, connectTimeout, t, serverName, routes);
    }

    /** {@code proxy_connect_timeout}. */
    public Location withConnectTimeout(long t) {
        return new Location(match, path, upstream, limitReq, t, readTimeout, serverName, routes);
    }

    /** The same location with {@code r} as its routes. */
    public Location withRoutes(List<Route> r) {
        return new Location(match, path, upstream, limitReq, connectTimeout, readTimeout, serverName, r);
    }

    /** The same location proxying to {@code u} when no route takes a request (null: 404). */
    public Location withUpstream(String u) {
        return new Location(match, path, u, limitReq, connectTimeout, readTimeout, serverName, routes);
    }

    /** The upstream {@code req} goes to: the first route that fits, else {@link #upstream} (null: 404). */
    public String upstreamFor(io.knetsim.app.http.HttpRequest req) {
        for (Route r : routes) {
            if (r.test(req)) {
                return r.upstream();
            }
        }
        return upstream;
    }

    /** Every upstream this location can send to: its own, then its routes'. */
    public List<String> allUpstreamNames() {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        if (upstream != null) {
            out.add(upstream);
        }
        routes.forEach(r -> out.add(r.upstream()));
        return List.copyOf(out);
    }

    /** The same location in the {@code server} block of {@code name} (null: the default server). */
    public Location withServerName(String name) {
        return new Location(match, path, upstream, limitReq, connectTimeout, readTimeout, name, routes);
    }
}
