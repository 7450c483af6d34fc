package io.knetsim.scenarios.scenario;

import io.knetsim.skupper.config.SiteSpec;
import java.util.Arrays;
import java.util.List;

/**
 * One site of a scenario's skupper router network, as the original labs' site list had it: a
 * router on the first worker of {@code cluster}, with an inter-router connector to the first
 * worker of each remote cluster (port 55671), of the remote's cost;
 * {@link io.knetsim.scenarios.cluster.RouterNetwork} starts it.
 *
 * <pre>
 *   routers: {sites: [{cluster: C0}, {cluster: C1, remotes: [C0]}]}
 *   RouterSite.of("C0"), RouterSite.of("C1", "C0")
 *
 *   remotes: [B, {cluster: C, cost: 5}]
 *   RouterSite.of("A", RouterRemote.of("B"), RouterRemote.of("C", 5))
 * </pre>
 *
 * @param remotes the links of this site's router, each to a cluster that must be a site
 */
public record RouterSite(String cluster, List<RouterRemote> remotes) {
    public RouterSite {
        remotes = remotes == null ? null : List.copyOf(remotes);
    }

    /** A site with no links of its own (others may link to it). */
    public static RouterSite of(String cluster) {
        return new RouterSite(cluster, List.of());
    }

    /** A site linking to each of {@code remotes} at cost 1. */
    public static RouterSite of(String cluster, String... remotes) {
        return new RouterSite(cluster, Arrays.stream(remotes).map(RouterRemote::of).toList());
    }

    /** A site with links of the given costs. */
    public static RouterSite of(String cluster, RouterRemote... remotes) {
        return new RouterSite(cluster, List.of(remotes));
    }

    /** What the labs' generator makes of this (checked) site, its router on {@code firstWorkerAddress}. */
    SiteSpec spec(String firstWorkerAddress) {
        return SiteSpec.of(cluster, firstWorkerAddress,
            remotes.stream().map(r -> SiteSpec.Remote.of(r.cluster(), r.cost())).toList());
    }
}
