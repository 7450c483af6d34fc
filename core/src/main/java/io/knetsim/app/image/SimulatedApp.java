package io.knetsim.app.image;

/**
 * What a container image runs in knetsim: an event-driven application started in the pod's
 * network namespace. Starting may fail (a bad argument, a port in use) with an
 * {@link IllegalArgumentException} or {@link IllegalStateException} whose message says why, as
 * a container that exits at once would.
 */
@FunctionalInterface
public interface SimulatedApp {
    AppHandle start(AppContext ctx);
}
