package io.knetsim.skupper.routing;

/**
 * The cost of one inter-router link. Both ends configure a cost (the {@code cost} of the
 * connector on one side and of the listener on the other, default 1); each end sends its own
 * in the AMQP open frame's properties under {@code qd.inter-router-cost} (only when above 1),
 * and each end then uses the larger of the local and the remote cost for the connection, as
 * skupper-router (and qpid-dispatch before it) does. Both ends therefore agree on the link's
 * cost, and either side can make a link expensive.
 */
public final class InterRouterCost {
    /** The open-frame property that carries a router's configured cost. */
    public static final String OPEN_PROPERTY = "qd.inter-router-cost";

    private InterRouterCost() {
    }

    /**
     * The link's cost from the two ends' configured costs.
     *
     * @throws IllegalArgumentException when either cost is below 1 (the schema's minimum)
     */
    public static int of(int localCost, int remoteCost) {
        if (localCost < 1 || remoteCost < 1) {
            throw new IllegalArgumentException("inter-router costs are at least 1: " + localCost + ", " + remoteCost);
        }
        return Math.max(localCost, remoteCost);
    }
}
