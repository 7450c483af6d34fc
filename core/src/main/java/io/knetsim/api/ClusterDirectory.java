package io.knetsim.api;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which cluster each host of a world belongs to: the kubeconfig of every node at once. A
 * cluster registers its {@link ApiServer}, the URL clients would reach it at, its hosts
 * (workers and etcd hosts) and, optionally, how to find a running pod's network namespace
 * (what {@code kubectl exec} needs from the kubelets). {@code kubectl} run on a host asks
 * {@link #forHost} for its cluster.
 * <pre>
 *   World ──service──▶ ClusterDirectory
 *                        ├─ C0: api, https://10.1.0.1:6443, hosts C0e1 C0e2 C0w1 C0w2 C0w3, exec
 *                        └─ C1: api, https://10.1.1.1:6443, hosts C1e1 ...
 * </pre>
 */
public final class ClusterDirectory {
    /** Finds a running pod's network namespace, as a kubelet knows it; null when it does not run. */
    @FunctionalInterface
    public interface PodExec {
        NetNamespace podNamespace(String namespace, String name);
    }

    /**
     * One registered cluster.
     *
     * @param api    its API server
     * @param server the URL of the API server, as {@code kubectl cluster-info} prints it
     * @param hosts  the hosts whose kubectl talks to this API server
     * @param exec   finds pods' namespaces for {@code kubectl exec}, or null when exec is not possible
     */
    public record Member(ApiServer api, String server, List<NetNamespace> hosts, PodExec exec) {
        public Member {
            hosts = List.copyOf(hosts);
        }
    }

    private final List<Member> members = new ArrayList<>();
    private final Map<NetNamespace, Member> byHost = new IdentityHashMap<>();

    /** The directory of {@code world}, made empty on first use. */
    public static ClusterDirectory of(World world) {
        return world.service(ClusterDirectory.class, ClusterDirectory::new);
    }

    /**
     * Registers a cluster; a host may belong to one cluster only
     * ({@link IllegalArgumentException} otherwise, and nothing is registered).
     */
    public Member register(ApiServer api, String server, Collection<NetNamespace> hosts, PodExec exec) {
        for (NetNamespace h : hosts) {
            Member m = byHost.get(h);
            if (m != null) {
                throw new IllegalArgumentException("host " + h.name() + " already belongs to cluster "
                    + m.api().clusterName());
            }
        }
        Member m = new Member(api, server, List.copyOf(hosts), exec);
        members.add(m);
        for (NetNamespace h : hosts) {
            byHost.put(h, m);
        }
        return m;
    }

    /** The cluster {@code host} belongs to, if any. */
    public Optional<Member> forHost(NetNamespace host) {
        return Optional.ofNullable(byHost.get(host));
    }

    /** Every registered cluster, in registration order. */
    public List<Member> members() {
        return List.copyOf(members);
    }
}
