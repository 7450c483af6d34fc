package io.knetsim.skupper.routing;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One router's routes to the other routers it can reach, as {@link RouterGraph#compute}
 * found them: for each, the next hop, the total cost and the path. The router itself is
 * reachable at cost 0 but has no route entry. Immutable.
 *
 * <pre>
 *   A's table in A ─1─ B ─1─ C:   B  next hop B  cost 1  [A, B]
 *                                 C  next hop B  cost 2  [A, B, C]
 * </pre>
 */
public final class RouteTable {
    private final String self;
    private final SortedMap<String, Route> routes;

    RouteTable(String self, Map<String, Route> routes) {
        this.self = Objects.requireNonNull(self, "self");
        this.routes = Collections.unmodifiableSortedMap(new TreeMap<>(routes));
    }

    /** The router this table belongs to. */
    public String self() {
        return self;
    }

    /** The routes to every reachable router other than this one, sorted by destination id. */
    public SortedMap<String, Route> routes() {
        return routes;
    }

    /** The route to a router, if it is reachable and not this router. */
    public Optional<Route> route(String destination) {
        return Optional.ofNullable(routes.get(destination));
    }

    /** True for this router and every router with a route. */
    public boolean reaches(String router) {
        return router.equals(self) || routes.containsKey(router);
    }

    /** The neighbour to send to for a destination, if it is reachable and not this router. */
    public Optional<String> nextHop(String destination) {
        return route(destination).map(Route::nextHop);
    }

    /** The total cost to a router: 0 for this router, empty when unreachable. */
    public OptionalLong cost(String router) {
        if (router.equals(self)) {
            return OptionalLong.of(0);
        }
        Route r = routes.get(router);
        return r == null ? OptionalLong.empty() : OptionalLong.of(r.cost());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteTable t && self.equals(t.self) && routes.equals(t.routes);
    }

    @Override
    public int hashCode() {
        return self.hashCode() * 31 + routes.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("routes of " + self + ":");
        routes.values().forEach(r -> sb.append("\n  ").append(r.destination()).append(" via ").append(r.nextHop())
            .append(" cost ").append(r.cost()).append(' ').append(r.path()));
        return sb.toString();
    }
}
