package io.knetsim.scenarios.scenario;

import java.util.List;

/**
 * One site of a scenario's skupper router network, as the original labs' site list had it: a
 * router on the first worker of {@code cluster}, with an inter-router connector to the first
 * worker of each remote cluster (port 55671); {@link io.knetsim.scenarios.cluster.RouterNetwork}
 * starts it.
 *
 * <pre>
 *   routers: {sites: [{cluster: C0}, {cluster: C1, remotes: [C0]}]}
 *   RouterSite.of("C0"), RouterSite.of("C1", "C0")
 * </pre>
 *
 * @param remotes names of the clusters this site's router connects to; each must be a site
 */
public record RouterSite(String cluster, List<String> remotes) {
    public RouterSite {
        remotes = remotes == null ? null : List.copyOf(remotes);
    }

    public static RouterSite of(String cluster, String... remotes) {
        return new RouterSite(cluster, List.of(remotes));
    }
}
