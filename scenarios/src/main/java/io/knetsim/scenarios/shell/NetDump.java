package io.knetsim.scenarios.shell;

import io.knetsim.api.Pod;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.dev.Veth;
import io.knetsim.net.link.Link;
import io.knetsim.scenarios.cluster.Cluster;
import io.knetsim.scenarios.cluster.ClusterWorld;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shell's {@code net} and {@code nodes}, printed as Mininet's CLI prints them
 * ({@code dumpNodeConnections}): one line per node, its name, then for each interface
 * {@code " IFACE:"} followed by the interface at the other end of its link, or by a space when
 * the interface has no point-to-point peer (a bridge, a VXLAN device, a NIC without a cable):
 *
 * <pre>
 *   C0w1 C0w1-eth0:s0-C0w1 C0w1-flannel.100:  C0w1-cni0:  C0w1-veth1a2b3c4d:C0/c1-eth0
 *   C0/c1 C0/c1-eth0:C0w1-veth1a2b3c4d
 *   s0 s0-br0:  s0-C0e1:C0e1-eth0 ...
 * </pre>
 *
 * Interfaces are written {@code NODE-IFACE}, Mininet's naming ({@code h1-eth0}), since our
 * interfaces keep their Linux names ({@code eth0} on every host). Hosts come first, then pods
 * ({@code CLUSTER/POD}, or {@code CLUSTER/NAMESPACE/POD} outside {@code default}, the shell's
 * short form for a pod), then switches, as Mininet lists hosts before switches. Loopbacks are
 * left out: a Mininet host's {@code lo} is not among its interfaces (its switches show {@code lo}
 * only because they run in the root namespace; ours run in a namespace of their own).
 */
final class NetDump {
    private final Map<String, NetNamespace> nodes;
    private final ClusterWorld clusters;
    private final Map<NetNamespace, String> labels = new IdentityHashMap<>();

    /**
     * @param nodes    the shell's nodes by name
     * @param clusters the world's clusters (for pod names), or null
     */
    NetDump(Map<String, NetNamespace> nodes, ClusterWorld clusters) {
        this.nodes = nodes;
        this.clusters = clusters;
    }

    /** Mininet's {@code nodes}: {@code available nodes are: \n} and the sorted names. */
    String nodes() {
        List<String> names = new ArrayList<>(nodes.keySet());
        names.sort(Comparator.naturalOrder());
        return "available nodes are: \n" + String.join(" ", names) + "\n";
    }

    /** Mininet's {@code net}. */
    String net() {
        labels.clear();
        List<NetNamespace> hosts = new ArrayList<>();
        List<NetNamespace> switches = new ArrayList<>();
        for (NetNamespace ns : nodes.values()) {
            labels.put(ns, ns.name());
            (isSwitch(ns) ? switches : hosts).add(ns);
        }
        List<NetNamespace> pods = pods();
        StringBuilder sb = new StringBuilder();
        for (List<NetNamespace> group : List.of(hosts, pods, switches)) {
            for (NetNamespace ns : group) {
                sb.append(label(ns));
                for (NetDevice d : ns.devices()) {
                    if (d == ns.loopback()) {
                        continue;
                    }
                    sb.append(' ').append(name(d)).append(':');
                    NetDevice peer = peerOf(d);
                    sb.append(peer == null ? " " : name(peer));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** Running pods, cluster by cluster, by namespace and name; labels them. */
    private List<NetNamespace> pods() {
        List<NetNamespace> out = new ArrayList<>();
        if (clusters == null) {
            return out;
        }
        for (Cluster c : clusters.clusters()) {
            List<Pod> list = new ArrayList<>(c.api().list(Pod.class));
            list.sort(Comparator.comparing((Pod p) -> !p.metadata().namespace().equals("default"))
                .thenComparing(p -> p.metadata().namespace()).thenComparing(p -> p.metadata().name()));
            for (Pod p : list) {
                NetNamespace ns = c.podNamespace(p.metadata().namespace(), p.metadata().name());
                if (ns != null && !labels.containsKey(ns)) {
                    String ns0 = p.metadata().namespace();
                    labels.put(ns, c.name() + "/" + (ns0.equals("default") ? "" : ns0 + "/") + p.metadata().name());
                    out.add(ns);
                }
            }
        }
        return out;
    }

    /** A switch: a node with a bridge whose every NIC is one of its ports (as the underlay's {@code s0}). */
    static boolean isSwitch(NetNamespace ns) {
        boolean bridge = false;
        boolean port = false;
        for (NetDevice d : ns.devices()) {
            if (d instanceof Bridge) {
                bridge = true;
            } else if (d instanceof EthernetNic) {
                if (!(d.master() instanceof Bridge)) {
                    return false;
                }
                port = true;
            }
        }
        return bridge && port;
    }

    private String label(NetNamespace ns) {
        String l = labels.get(ns);
        return l != null ? l : ns.name(); // a namespace made with `ip netns add`: HOST:NAME
    }

    private String name(NetDevice d) {
        return label(d.namespace()) + "-" + d.name();
    }

    private static NetDevice peerOf(NetDevice d) {
        if (d instanceof Veth v) {
            return v.peer();
        }
        if (d instanceof EthernetNic n) {
            Link l = n.link();
            return l == null ? null : l.peerOf(n);
        }
        return null;
    }
}
