package io.knetsim.skupper.routing;

import java.util.List;
import java.util.Objects;

/**
 * The way from one router to another: the neighbour to hand traffic to, the total cost, and
 * the routers the traffic crosses when each forwards by its own table.
 *
 * @param destination the router reached
 * @param nextHop the neighbour of the source to send to (the destination itself when adjacent)
 * @param cost the sum of the link costs along the path
 * @param path the routers from source to destination, both included
 */
public record Route(String destination, String nextHop, long cost, List<String> path) {
    /** Copies the path. */
    public Route {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(nextHop, "nextHop");
        path = List.copyOf(path);
    }
}
