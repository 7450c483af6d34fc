package io.knetsim.skupper.config;

import java.util.List;
import java.util.Objects;

/**
 * One cluster's site, as the original knetsim labs' generator sees it: the cluster's name
 * (which becomes the router id), the address of its first worker (where the router runs and
 * listens for inter-router links) and the clusters its router links to.
 *
 * @param cluster the cluster name, e.g. {@code C1}
 * @param firstWorkerAddress the first worker's underlay address, e.g. {@code 10.0.0.8}
 * @param remotes the clusters this site's router connects to, e.g. {@code [C0]}
 */
public record SiteSpec(String cluster, String firstWorkerAddress, List<String> remotes) {
    /** Copies the remotes. */
    public SiteSpec {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(firstWorkerAddress, "firstWorkerAddress");
        remotes = List.copyOf(remotes);
    }
}
