package io.knetsim.skupper.config;

import java.util.List;
import java.util.Objects;

/**
 * One cluster's site, as the original knetsim labs' generator sees it: the cluster's name
 * (which becomes the router id), the address of its first worker (where the router runs and
 * listens for inter-router links) and the clusters its router links to, each link with its
 * cost (the connector's {@code cost}, 1 unless given).
 *
 * <pre>
 *   new SiteSpec("C1", "10.0.0.8", List.of("C0"))                     C1 ──1──▶ C0
 *   SiteSpec.of("A", "10.0.0.3", List.of(Remote.of("B"), Remote.of("C", 5)))
 *                                                                     A ──1──▶ B,  A ──5──▶ C
 * </pre>
 *
 * (A class rather than a record so that both the plain-names constructor and the
 * {@link Remote} list can be given: the two lists have the same erasure.)
 */
public final class SiteSpec {
    private final String cluster;
    private final String firstWorkerAddress;
    private final List<Remote> remotes;

    /**
     * A site whose links all cost 1.
     *
     * @param cluster the cluster name, e.g. {@code C1}
     * @param firstWorkerAddress the first worker's underlay address, e.g. {@code 10.0.0.8}
     * @param remotes the clusters this site's router connects to, e.g. {@code [C0]}
     */
    public SiteSpec(String cluster, String firstWorkerAddress, List<String> remotes) {
        this(cluster, firstWorkerAddress, remotes.stream().map(Remote::of).toArray(Remote[]::new));
    }

    private SiteSpec(String cluster, String firstWorkerAddress, Remote[] remotes) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.firstWorkerAddress = Objects.requireNonNull(firstWorkerAddress, "firstWorkerAddress");
        this.remotes = List.of(remotes);
    }

    /**
     * A site whose links have the given costs.
     *
     * @param remotes the clusters this site's router connects to, each with the link's cost
     */
    public static SiteSpec of(String cluster, String firstWorkerAddress, List<Remote> remotes) {
        return new SiteSpec(cluster, firstWorkerAddress, remotes.toArray(Remote[]::new));
    }

    /** The cluster name, which is the router id. */
    public String cluster() {
        return cluster;
    }

    /** The first worker's underlay address, where the router listens for inter-router links. */
    public String firstWorkerAddress() {
        return firstWorkerAddress;
    }

    /** The clusters this site's router connects to, in order, each with its link's cost. */
    public List<Remote> remotes() {
        return remotes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SiteSpec s && cluster.equals(s.cluster) && firstWorkerAddress.equals(s.firstWorkerAddress)
            && remotes.equals(s.remotes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cluster, firstWorkerAddress, remotes);
    }

    @Override
    public String toString() {
        return "SiteSpec[cluster=" + cluster + ", firstWorkerAddress=" + firstWorkerAddress + ", remotes=" + remotes
            + "]";
    }

    /**
     * A link from a site to another cluster's site: the connector named after {@code cluster},
     * with {@code cost} (at least 1, as skupper-router requires of a connector's cost).
     */
    public record Remote(String cluster, int cost) {
        /** Refuses a missing cluster name and a cost below 1. */
        public Remote {
            Objects.requireNonNull(cluster, "cluster");
            if (cost < 1) {
                throw new IllegalArgumentException("remote " + cluster + ": invalid cost " + cost
                    + ": expected an integer from 1 to " + Integer.MAX_VALUE);
            }
        }

        /** A link of cost 1, the default. */
        public static Remote of(String cluster) {
            return new Remote(cluster, 1);
        }

        /** A link of the given cost. */
        public static Remote of(String cluster, int cost) {
            return new Remote(cluster, cost);
        }
    }
}
