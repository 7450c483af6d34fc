package io.knetsim.sim;

/**
 * Thrown when a run executes more events than its budget allows: a forwarding loop with no
 * TTL, a timer that re-arms itself forever. The message says where virtual time stood.
 */
public final class SimulationRunawayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SimulationRunawayException(String message) {
        super(message);
    }
}
