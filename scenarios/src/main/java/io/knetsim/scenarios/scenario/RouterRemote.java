package io.knetsim.scenarios.scenario;

/**
 * One inter-router link of a {@link RouterSite}: the remote cluster, whose site's router the
 * connector reaches on its first worker port 55671, and the link's cost (the connector's
 * {@code cost}; routers prefer the path of least total cost). {@link ScenarioCheck} checks
 * both, so a mistake is reported at its field.
 *
 * <pre>
 *   remotes: [B, {cluster: C, cost: 5}]       RouterRemote.of("B"), RouterRemote.of("C", 5)
 * </pre>
 *
 * @param cluster the remote site's cluster
 * @param cost the link's cost, at least 1 (1 when a plain name is written)
 */
public record RouterRemote(String cluster, int cost) {
    /** The cost of a link written as a plain cluster name. */
    public static final int DEFAULT_COST = 1;

    /** A link of the default cost 1. */
    public static RouterRemote of(String cluster) {
        return new RouterRemote(cluster, DEFAULT_COST);
    }

    /** A link of the given cost. */
    public static RouterRemote of(String cluster, int cost) {
        return new RouterRemote(cluster, cost);
    }
}
