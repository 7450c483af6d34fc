package io.knetsim.scenarios.topology;

import io.knetsim.net.IfAddress;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.dev.FdbEntry;
import io.knetsim.net.dev.Veth;
import io.knetsim.net.dev.VxlanDevice;
import io.knetsim.net.link.Link;
import io.knetsim.net.link.LinkConfig;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jgrapht.Graph;
import org.jgrapht.graph.Pseudograph;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.dot.DOTExporter;

/**
 * The world as a graph (JGraphT): namespaces, bridges and VXLAN endpoints as vertices; cables,
 * veth pairs, membership and tunnels as edges. {@link #dot()} writes Graphviz DOT,
 * {@link #text()} a listing for the terminal.
 *
 * <pre>
 *   [hostA]--cable--[hostB]       podA --veth-- &lt;cni0&gt; --member-- [hostA]
 *   {flannel.100} ~~tunnel vni 100~~ {flannel.100}
 * </pre>
 */
public final class Topology {
    private final Graph<TopoNode, TopoEdge> graph = new Pseudograph<>(TopoEdge.class);
    private final Map<String, TopoNode> nodes = new LinkedHashMap<>();

    private Topology() {
    }

    /** Draws {@code world} as it is now. */
    public static Topology of(World world) {
        Topology t = new Topology();
        for (NetNamespace ns : world.namespaces()) {
            boolean host = ns.devices().stream().anyMatch(d -> d instanceof EthernetNic);
            t.vertex(ns.name(), host ? TopoNode.Kind.HOST : TopoNode.Kind.POD, ns.name() + addresses(ns));
        }
        for (NetNamespace ns : world.namespaces()) {
            for (NetDevice d : ns.devices()) {
                t.device(world, d);
            }
        }
        return t;
    }

    public Graph<TopoNode, TopoEdge> graph() {
        return graph;
    }

    private static String addresses(NetNamespace ns) {
        String a = ns.devices().stream().flatMap(d -> d.addresses().stream())
            .filter(x -> x.scope() == IfAddress.Scope.GLOBAL).map(x -> x.cidr().toString())
            .collect(Collectors.joining(" "));
        return a.isEmpty() ? "" : "\n" + a;
    }

    private TopoNode vertex(String id, TopoNode.Kind kind, String label) {
        return nodes.computeIfAbsent(id, k -> {
            TopoNode n = new TopoNode(id, kind, label);
            graph.addVertex(n);
            return n;
        });
    }

    /** Where a device attaches: its bridge if it is a port, else its namespace. */
    private TopoNode attachment(NetDevice d) {
        if (d.master() instanceof Bridge b) {
            return bridge(b);
        }
        return nodes.get(d.namespace().name());
    }

    private TopoNode bridge(Bridge b) {
        String id = b.namespace().name() + ":" + b.name();
        boolean known = nodes.containsKey(id);
        TopoNode n = vertex(id, TopoNode.Kind.BRIDGE, b.name());
        if (!known) {
            edge(nodes.get(b.namespace().name()), n, TopoEdge.Kind.MEMBER, id, b.namespace().name(), "bridge");
        }
        return n;
    }

    private void device(World world, NetDevice d) {
        String here = d.namespace().name() + ":" + d.name();
        if (d instanceof Bridge b) {
            bridge(b);
        } else if (d instanceof Veth v && v.peer() != null && here.compareTo(name(v.peer())) < 0) {
            edge(attachment(v), attachment(v.peer()), TopoEdge.Kind.VETH, here, name(v.peer()), "veth");
        } else if (d instanceof EthernetNic nic && nic.link() != null && nic.link().a() == nic) {
            Link l = nic.link();
            edge(attachment(l.a()), attachment(l.b()), TopoEdge.Kind.LINK, here, name(l.b()), describe(l.config()));
        } else if (d instanceof VxlanDevice vx) {
            tunnels(world, vx, here);
        }
    }

    private void tunnels(World world, VxlanDevice vx, String here) {
        TopoNode me = vertex(here, TopoNode.Kind.VTEP, vx.name());
        if (graph.edgesOf(me).isEmpty()) {
            edge(nodes.get(vx.namespace().name()), me, TopoEdge.Kind.MEMBER, here, vx.namespace().name(), "vxlan");
        }
        Set<Integer> remotes = new HashSet<>();
        for (FdbEntry e : vx.fdb().entries()) {
            for (int r : e.remotes()) {
                remotes.add(r);
            }
        }
        for (int r : remotes) {
            VxlanDevice peer = vtepAt(world, r, vx.vni());
            if (peer == null) {
                continue;
            }
            String there = name(peer);
            TopoNode other = vertex(there, TopoNode.Kind.VTEP, peer.name());
            if (here.compareTo(there) < 0 || graph.getAllEdges(me, other).isEmpty()) {
                if (graph.getAllEdges(me, other).stream().noneMatch(x -> x.kind() == TopoEdge.Kind.TUNNEL)) {
                    edge(me, other, TopoEdge.Kind.TUNNEL, here, there,
                        "vxlan vni " + vx.vni() + " udp/" + vx.dstPort());
                }
            }
        }
    }

    /** The VXLAN device with {@code vni} in the namespace that owns address {@code ip}. */
    private static VxlanDevice vtepAt(World world, int ip, int vni) {
        for (NetNamespace ns : world.namespaces()) {
            if (ns.localAddress(ip) != null) {
                for (NetDevice d : ns.devices()) {
                    if (d instanceof VxlanDevice v && v.vni() == vni) {
                        return v;
                    }
                }
            }
        }
        return null;
    }

    private void edge(TopoNode a, TopoNode b, TopoEdge.Kind kind, String from, String to, String label) {
        graph.addEdge(a, b, new TopoEdge(kind, from, to, label));
    }

    private static String name(NetDevice d) {
        return d.namespace().name() + ":" + d.name();
    }

    /** {@code cable 500us 100Mbit/s loss 1%}, omitting what is unset. */
    static String describe(LinkConfig c) {
        StringBuilder sb = new StringBuilder("cable");
        sb.append(' ').append(duration(c.delayNanos()));
        if (c.bitsPerSecond() > 0) {
            sb.append(' ').append(rate(c.bitsPerSecond()));
        }
        if (c.loss() > 0) {
            sb.append(" loss ").append(new java.math.BigDecimal(c.loss() * 100).stripTrailingZeros().toPlainString()).append('%');
        }
        return sb.toString();
    }

    private static String duration(long ns) {
        if (ns % 1_000_000 == 0) {
            return ns / 1_000_000 + "ms";
        }
        return ns % 1000 == 0 ? ns / 1000 + "us" : ns + "ns";
    }

    private static String rate(long bps) {
        if (bps % 1_000_000_000 == 0) {
            return bps / 1_000_000_000 + "Gbit/s";
        }
        return bps % 1_000_000 == 0 ? bps / 1_000_000 + "Mbit/s" : bps + "bit/s";
    }

    /** The listing {@code knetsim topology --format text} prints. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (TopoNode.Kind kind : new TopoNode.Kind[] {TopoNode.Kind.HOST, TopoNode.Kind.POD}) {
            sb.append(kind == TopoNode.Kind.HOST ? "hosts:\n" : "pods:\n");
            for (TopoNode n : nodes.values()) {
                if (n.kind() == kind) {
                    sb.append(String.format("  %-8s %s%n", n.id(), n.label().contains("\n")
                        ? n.label().substring(n.label().indexOf('\n') + 1) : "-"));
                }
            }
        }
        sb.append("connections:\n");
        for (TopoEdge e : graph.edgeSet()) {
            if (e.kind() != TopoEdge.Kind.MEMBER) {
                String arrow = e.kind() == TopoEdge.Kind.TUNNEL ? " ~~ " : " == ";
                sb.append(String.format("  %-22s%s%-22s %s%n", e.from(), arrow, e.to(), e.label()));
            }
        }
        sb.append("bridges:\n");
        for (TopoNode n : nodes.values()) {
            if (n.kind() == TopoNode.Kind.BRIDGE) {
                String ports = graph.edgesOf(n).stream().filter(e -> e.kind() == TopoEdge.Kind.VETH)
                    .map(e -> e.from().startsWith(n.id().substring(0, n.id().indexOf(':') + 1)) ? e.from() : e.to())
                    .map(p -> p.substring(p.indexOf(':') + 1)).sorted().collect(Collectors.joining(" "));
                sb.append("  ").append(n.id()).append(": ").append(ports.isEmpty() ? "(no ports)" : ports).append('\n');
            }
        }
        return sb.toString();
    }

    /** Graphviz DOT, written by JGraphT's exporter. */
    public String dot() {
        DOTExporter<TopoNode, TopoEdge> exporter = new DOTExporter<>(n -> "\"" + n.id() + "\"");
        exporter.setGraphIdProvider(() -> "knetsim");
        exporter.setVertexAttributeProvider(n -> {
            Map<String, org.jgrapht.nio.Attribute> m = new LinkedHashMap<>();
            m.put("label", DefaultAttribute.createAttribute(n.label().replace("\n", "\\n")));
            m.put("shape", DefaultAttribute.createAttribute(n.kind().shape()));
            return m;
        });
        exporter.setEdgeAttributeProvider(e -> {
            Map<String, org.jgrapht.nio.Attribute> m = new LinkedHashMap<>();
            if (e.kind() != TopoEdge.Kind.MEMBER) {
                m.put("label", DefaultAttribute.createAttribute(e.label()));
            }
            if (e.kind() == TopoEdge.Kind.TUNNEL) {
                m.put("style", DefaultAttribute.createAttribute("dashed"));
            }
            return m;
        });
        StringWriter w = new StringWriter();
        exporter.exportGraph(graph, w);
        return w.toString();
    }

    /** For tests and callers: the vertex for {@code id}. */
    public TopoNode node(String id) {
        return nodes.get(id);
    }
}
