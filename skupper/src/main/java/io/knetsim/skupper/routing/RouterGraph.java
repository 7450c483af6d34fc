package io.knetsim.skupper.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jgrapht.alg.interfaces.ShortestPathAlgorithm.SingleSourcePaths;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * The router network as one router knows it: routers (by id) joined by inter-router links,
 * each with one cost for both directions. Built from the router's own links and the link
 * state other routers advertise; {@link #compute} gives the router its routes.
 *
 * <pre>
 *        1         1
 *   A ─────── B ─────── C          compute("A"): B via B cost 1, C via B cost 2
 *    \                 /
 *     ─────── 5 ───────            (with the A–C link of cost 5 the cheaper way is still via B)
 * </pre>
 *
 * Shortest paths come from JGraphT's Dijkstra; among paths of equal cost the choice is
 * skupper-router's, and deterministic: see {@link #compute}. Costs are whole numbers of at
 * least 1, as in skupper-router; a link's cost is the larger of its two ends' configured
 * costs ({@link InterRouterCost}).
 *
 * <p>Mutable and not thread-safe; a simulated router owns its graph.
 */
public final class RouterGraph {
    private final SimpleWeightedGraph<String, DefaultWeightedEdge> graph =
        new SimpleWeightedGraph<>(DefaultWeightedEdge.class);

    /** Adds a router without links (no change if it is there). */
    public RouterGraph addRouter(String id) {
        graph.addVertex(Objects.requireNonNull(id, "id"));
        return this;
    }

    /**
     * Links two routers with a cost, adding them if needed; a link already there takes the
     * new cost.
     *
     * @throws IllegalArgumentException for a link from a router to itself or a cost below 1
     */
    public RouterGraph link(String a, String b, int cost) {
        if (a.equals(b)) {
            throw new IllegalArgumentException("a router cannot link to itself: " + a);
        }
        if (cost < 1) {
            throw new IllegalArgumentException("link " + a + "-" + b + ": cost must be at least 1, got " + cost);
        }
        addRouter(a);
        addRouter(b);
        DefaultWeightedEdge e = graph.getEdge(a, b);
        if (e == null) {
            e = graph.addEdge(a, b);
        }
        graph.setEdgeWeight(e, cost);
        return this;
    }

    /** Links two routers with the costs configured at each end: the link costs the larger. */
    public RouterGraph link(String a, int costAtA, String b, int costAtB) {
        return link(a, b, InterRouterCost.of(costAtA, costAtB));
    }

    /** Removes the link between two routers; false if there was none. */
    public boolean unlink(String a, String b) {
        return graph.containsVertex(a) && graph.containsVertex(b) && graph.removeEdge(a, b) != null;
    }

    /** Removes a router and its links; false if it was not there. */
    public boolean removeRouter(String id) {
        return graph.removeVertex(id);
    }

    /** Every router, sorted by id. */
    public SortedSet<String> routers() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(graph.vertexSet()));
    }

    /** A router's neighbours and the cost of the link to each, sorted by id (empty if unknown). */
    public SortedMap<String, Integer> neighbours(String id) {
        SortedMap<String, Integer> out = new TreeMap<>();
        if (graph.containsVertex(id)) {
            for (DefaultWeightedEdge e : graph.edgesOf(id)) {
                String other = graph.getEdgeSource(e).equals(id) ? graph.getEdgeTarget(e) : graph.getEdgeSource(e);
                out.put(other, (int) graph.getEdgeWeight(e));
            }
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** The cost of the link between two routers, if they are linked. */
    public OptionalInt cost(String a, String b) {
        DefaultWeightedEdge e = graph.containsVertex(a) && graph.containsVertex(b) ? graph.getEdge(a, b) : null;
        return e == null ? OptionalInt.empty() : OptionalInt.of((int) graph.getEdgeWeight(e));
    }

    /**
     * The routes from {@code self} to every router it can reach. Unreachable routers have no
     * route. The graph is read as it is now; call again after it changes.
     *
     * <p>The least costs come from JGraphT's Dijkstra. The path to each router is the one in
     * {@code self}'s shortest-path tree as skupper-router builds it: a router's predecessor is,
     * among its neighbours on a least-cost path, the one with the least cost from
     * {@code self}, and among those the lowest id ({@link String#compareTo}); skupper-router's
     * Dijkstra resolves equal-cost routers in id order and keeps the first predecessor found.
     * The next hop is the path's second router.
     *
     * @throws IllegalArgumentException when {@code self} is not in the graph
     */
    public RouteTable compute(String self) {
        if (!graph.containsVertex(self)) {
            throw new IllegalArgumentException("router " + self + " is not in the graph");
        }
        SingleSourcePaths<String, DefaultWeightedEdge> tree = new DijkstraShortestPath<>(graph).getPaths(self);
        Map<String, Long> cost = new HashMap<>();
        for (String r : graph.vertexSet()) {
            double w = tree.getWeight(r);
            if (!Double.isInfinite(w)) {
                cost.put(r, Math.round(w));
            }
        }
        Map<String, String> prev = new HashMap<>();
        for (Map.Entry<String, Long> dest : cost.entrySet()) {
            if (!dest.getKey().equals(self)) {
                prev.put(dest.getKey(), predecessor(dest.getKey(), dest.getValue(), cost));
            }
        }
        Map<String, Route> routes = new LinkedHashMap<>();
        for (String dest : new TreeSet<>(prev.keySet())) {
            List<String> path = new ArrayList<>();
            for (String at = dest; !at.equals(self); at = prev.get(at)) {
                path.add(at);
            }
            path.add(self);
            Collections.reverse(path);
            routes.put(dest, new Route(dest, path.get(1), cost.get(dest), path));
        }
        return new RouteTable(self, routes);
    }

    /** Among the neighbours on a least-cost path to {@code dest}: least cost from the root, then lowest id. */
    private String predecessor(String dest, long destCost, Map<String, Long> cost) {
        String best = null;
        long bestCost = Long.MAX_VALUE;
        for (Map.Entry<String, Integer> n : neighbours(dest).entrySet()) {
            Long c = cost.get(n.getKey());
            if (c != null && c + n.getValue() == destCost && c < bestCost) {
                best = n.getKey();
                bestCost = c;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no predecessor of " + dest);
        }
        return best;
    }
}
