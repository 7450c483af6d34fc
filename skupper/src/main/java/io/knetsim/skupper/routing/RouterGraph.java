package io.knetsim.skupper.routing;

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
 * Shortest paths come from JGraphT's Dijkstra. Among paths of equal cost the tie-break is
 * deterministic: a router sends towards the neighbour with the lowest id (in
 * {@link String#compareTo} order) that lies on some least-cost path, and a route's path is the
 * chain of such next hops, so it is the path traffic takes when every router forwards by its
 * own table. Costs are whole numbers of at least 1, as in skupper-router; a link's cost is
 * the larger of its two ends' configured costs ({@link InterRouterCost}).
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
     * @throws IllegalArgumentException when {@code self} is not in the graph
     */
    public RouteTable compute(String self) {
        if (!graph.containsVertex(self)) {
            throw new IllegalArgumentException("router " + self + " is not in the graph");
        }
        DijkstraShortestPath<String, DefaultWeightedEdge> dijkstra = new DijkstraShortestPath<>(graph);
        Map<String, SingleSourcePaths<String, DefaultWeightedEdge>> from = new HashMap<>();
        Map<String, SortedMap<String, Integer>> adjacency = new HashMap<>();
        SingleSourcePaths<String, DefaultWeightedEdge> mine = from.computeIfAbsent(self, dijkstra::getPaths);
        Map<String, Route> routes = new LinkedHashMap<>();
        for (String dest : routers()) {
            double total = mine.getWeight(dest);
            if (dest.equals(self) || Double.isInfinite(total)) {
                continue;
            }
            List<String> path = new java.util.ArrayList<>();
            path.add(self);
            String at = self;
            while (!at.equals(dest)) {
                at = nextHop(at, dest, dijkstra, from, adjacency);
                path.add(at);
            }
            routes.put(dest, new Route(dest, path.get(1), Math.round(total), path));
        }
        return new RouteTable(self, routes);
    }

    /** The lowest-id neighbour of {@code at} on a least-cost path to {@code dest}. */
    private String nextHop(String at, String dest, DijkstraShortestPath<String, DefaultWeightedEdge> dijkstra,
                           Map<String, SingleSourcePaths<String, DefaultWeightedEdge>> from,
                           Map<String, SortedMap<String, Integer>> adjacency) {
        long best = Math.round(from.computeIfAbsent(at, dijkstra::getPaths).getWeight(dest));
        for (Map.Entry<String, Integer> n : adjacency.computeIfAbsent(at, this::neighbours).entrySet()) {
            double rest = from.computeIfAbsent(n.getKey(), dijkstra::getPaths).getWeight(dest);
            if (!Double.isInfinite(rest) && n.getValue() + Math.round(rest) == best) {
                return n.getKey();
            }
        }
        throw new IllegalStateException("no next hop from " + at + " to " + dest);
    }
}
