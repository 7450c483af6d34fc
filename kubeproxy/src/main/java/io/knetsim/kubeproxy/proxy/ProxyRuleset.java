package io.knetsim.kubeproxy.proxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ruleset kube-proxy's nftables mode writes, in its own {@code table ip kube-proxy}, as
 * the text of one {@code nft -f} transaction: the whole table on a full sync ({@link #build}),
 * only what changed for some services on a partial sync ({@link #partial}):
 *
 * <pre>
 *  nat-prerouting / nat-output (dstnat) ─▶ services:
 *      ip daddr . meta l4proto . th dport vmap @service-ips      one lookup, whatever the number of services
 *      ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports
 *  service-HASH-ns/svc/tcp/port:   clients outside the pod network: jump mark-for-masquerade
 *      ClientIP affinity: ip saddr @affinity-EP goto endpoint-EP     (a client seen within the timeout)
 *      numgen random mod N vmap { 0 : goto endpoint-..., ... }
 *  endpoint-HASH-ns/svc/tcp/port__ip/port:  hairpin (ip saddr = the endpoint) marks;
 *      ClientIP affinity: update @affinity-EP { ip saddr }; dnat to ip:port
 *  set affinity-HASH-...__ip/port { type ipv4_addr; flags dynamic,timeout; timeout Ns; }  one per endpoint
 *  external-HASH-...:  node-port traffic; Cluster: mark, goto service-...; Local: pods and the node
 *      itself (fib saddr type local, marked) go to service-..., others to this node's endpoints only
 *  filter-input / filter-forward / filter-output (priority -110), ct state new:
 *      service-endpoints-check: ip daddr . meta l4proto . th dport vmap @no-endpoint-services  (goto reject-chain)
 *      nodeport-endpoints-check, cluster-ips-check (a ClusterIP on a port no service has: reject)
 *  nat-postrouting (srcnat) ─▶ masquerading: packets marked 0x4000 are masqueraded
 * </pre>
 *
 * The masquerade bit is kube-proxy's own: {@code mark-for-masquerade} ors it into the mark
 * ({@code mark set mark or 0x4000}), {@code masquerading} returns when it is clear
 * ({@code mark and 0x4000 == 0 return}), clears it ({@code mark set mark xor 0x4000}) and
 * masquerades; other bits of the mark pass through untouched. {@code nft list} shows them as
 * {@code meta mark set meta mark | 0x00004000}, {@code meta mark & 0x00004000 == 0x00000000 return}
 * and {@code meta mark set meta mark ^ 0x00004000}.
 *
 * <p>Differences from the real rules, where knetsim has no equivalent: no {@code comment}s;
 * {@code masquerade} without {@code fully-random} (knetsim's conntrack keeps the source port
 * unless another flow holds it, and has no random port allocation); ClientIP affinity sets are
 * rebuilt on a full sync (the table is replaced), and {@link KubeProxy} puts their clients back
 * with the expiry they had.
 */
public final class ProxyRuleset {
    public static final String TABLE = "kube-proxy";
    /** kube-proxy's masquerade bit ({@code --masquerade-bit 14}), as kube-proxy writes it in its rules. */
    public static final String MASQ_MARK = "0x4000";

    private ProxyRuleset() {
    }

    /** The full transaction for {@code ports} on the node {@code config} describes. */
    public static String build(List<ServicePortInfo> ports, KubeProxyConfig config) {
        return build(ports, config, new ServiceMaps());
    }

    /** As {@link #build(List, KubeProxyConfig)}, recording in {@code maps} the elements it writes. */
    static String build(List<ServicePortInfo> ports, KubeProxyConfig config, ServiceMaps maps) {
        java.util.Set<String> clusterIps = new java.util.LinkedHashSet<>(); // a service's ports share its IP
        List<String> serviceIps = new ArrayList<>();
        List<String> serviceNodePorts = new ArrayList<>();
        List<String> noEndpointServices = new ArrayList<>();
        List<String> noEndpointNodePorts = new ArrayList<>();
        StringBuilder chains = new StringBuilder();
        StringBuilder affinitySets = new StringBuilder();
        for (ServicePortInfo sp : ports) {
            ServicePortRules r = rulesOf(sp, config);
            maps.add(sp, r);
            clusterIps.add(r.clusterIp());
            serviceIps.addAll(r.serviceIps());
            serviceNodePorts.addAll(r.serviceNodePorts());
            noEndpointServices.addAll(r.noEndpointServices());
            noEndpointNodePorts.addAll(r.noEndpointNodePorts());
            r.chains().forEach((name, body) -> chains.append("\tchain ").append(name).append(" {\n").append(body)
                .append("\t}\n"));
            r.sets().forEach((name, body) -> affinitySets.append("\tset ").append(name).append(" {\n").append(body)
                .append("\t}\n"));
        }
        StringBuilder t = new StringBuilder();
        t.append("add table ip ").append(TABLE).append('\n');
        t.append("delete table ip ").append(TABLE).append('\n');
        t.append("table ip ").append(TABLE).append(" {\n");
        set(t, "cluster-ips", "ipv4_addr", List.copyOf(clusterIps));
        set(t, "nodeport-ips", "ipv4_addr", config.nodePortAddresses());
        set(t, "no-endpoint-nodeports", "inet_proto . inet_service : verdict", noEndpointNodePorts);
        set(t, "no-endpoint-services", "ipv4_addr . inet_proto . inet_service : verdict", noEndpointServices);
        set(t, "service-ips", "ipv4_addr . inet_proto . inet_service : verdict", serviceIps);
        set(t, "service-nodeports", "inet_proto . inet_service : verdict", serviceNodePorts);
        t.append(affinitySets);
        t.append("""
            	chain filter-input {
            		type filter hook input priority -110; policy accept;
            		ct state new jump nodeport-endpoints-check
            		ct state new jump service-endpoints-check
            	}
            	chain filter-forward {
            		type filter hook forward priority -110; policy accept;
            		ct state new jump service-endpoints-check
            		ct state new jump cluster-ips-check
            	}
            	chain filter-output {
            		type filter hook output priority -110; policy accept;
            		ct state new jump service-endpoints-check
            	}
            	chain filter-output-post-dnat {
            		type filter hook output priority -90; policy accept;
            		ct state new jump cluster-ips-check
            	}
            	chain nat-output {
            		type nat hook output priority -100; policy accept;
            		jump services
            	}
            	chain nat-postrouting {
            		type nat hook postrouting priority srcnat; policy accept;
            		jump masquerading
            	}
            	chain nat-prerouting {
            		type nat hook prerouting priority dstnat; policy accept;
            		jump services
            	}
            	chain cluster-ips-check {
            		ip daddr @cluster-ips reject
            %2$s	}
            	chain mark-for-masquerade {
            		mark set mark or %1$s
            	}
            	chain masquerading {
            		mark and %1$s == 0 return
            		mark set mark xor %1$s
            		masquerade
            	}
            	chain nodeport-endpoints-check {
            		ip daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports
            	}
            	chain reject-chain {
            		reject
            	}
            	chain service-endpoints-check {
            		ip daddr . meta l4proto . th dport vmap @no-endpoint-services
            	}
            	chain services {
            		ip daddr . meta l4proto . th dport vmap @service-ips
            		ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports
            	}
            """.formatted(MASQ_MARK, config.serviceCidr() == null ? ""
            : "\t\tip daddr " + config.serviceCidr() + " drop\n"));
        t.append(chains);
        t.append("}\n");
        return t.toString();
    }

    /**
     * What one service port puts in the table: its elements of the shared sets and maps, its
     * chains (name to body, in the order a full sync writes them) and its ClientIP affinity sets.
     */
    static ServicePortRules rulesOf(ServicePortInfo sp, KubeProxyConfig config) {
        String podNet = config.clusterCidr() == null ? null : config.clusterCidr().toString();
        List<String> serviceIps = new ArrayList<>();
        List<String> serviceNodePorts = new ArrayList<>();
        List<String> noEndpointServices = new ArrayList<>();
        List<String> noEndpointNodePorts = new ArrayList<>();
        Map<String, String> chains = new LinkedHashMap<>();
        Map<String, String> sets = new LinkedHashMap<>();
        String key = sp.clusterIP() + " . " + sp.protocol() + " . " + sp.port();
        String npKey = sp.protocol() + " . " + sp.nodePort();
        if (sp.endpoints().isEmpty()) {
            noEndpointServices.add(key + " : goto reject-chain");
            if (sp.nodePort() != 0) {
                noEndpointNodePorts.add(npKey + " : goto reject-chain");
            }
            return new ServicePortRules(sp.clusterIP(), serviceIps, serviceNodePorts, noEndpointServices,
                noEndpointNodePorts, chains, sets);
        }
        serviceIps.add(key + " : goto " + sp.serviceChain());
        StringBuilder svc = new StringBuilder();
        if (podNet != null) {
            svc.append("\t\tip daddr ").append(sp.clusterIP()).append(' ').append(sp.protocol()).append(" dport ")
                .append(sp.port()).append(" ip saddr != ").append(podNet).append(" jump mark-for-masquerade\n");
        }
        chains.put(sp.serviceChain(), svc.append(dispatch(sp, sp.endpoints())).toString());
        for (ServicePortInfo.EndpointInfo e : sp.endpoints()) {
            StringBuilder ep = new StringBuilder("\t\tip saddr ").append(e.ip()).append(" jump mark-for-masquerade\n");
            if (sp.affinityTimeout() > 0) {
                ep.append("\t\tupdate @").append(affinitySet(sp, e)).append(" { ip saddr }\n");
                sets.put(affinitySet(sp, e), "\t\ttype ipv4_addr\n\t\tflags dynamic,timeout\n\t\ttimeout "
                    + sp.affinityTimeout() + "s\n");
            }
            ep.append("\t\tmeta l4proto ").append(sp.protocol()).append(" dnat to ").append(e.ip()).append(':')
                .append(e.port()).append('\n');
            chains.put(sp.endpointChain(e), ep.toString());
        }
        if (sp.nodePort() != 0) {
            List<ServicePortInfo.EndpointInfo> local = sp.endpoints().stream()
                .filter(e -> Objects.equals(e.nodeName(), config.nodeName())).toList();
            serviceNodePorts.add(npKey + " : goto " + sp.externalChain());
            StringBuilder ext = new StringBuilder();
            if (sp.localExternal()) {
                // pods and the node itself reach every endpoint (the node masqueraded); only
                // traffic from outside is kept on this node's endpoints, unmasqueraded
                if (podNet != null) {
                    ext.append("\t\tip saddr ").append(podNet).append(" goto ").append(sp.serviceChain()).append('\n');
                }
                ext.append("\t\tfib saddr type local jump mark-for-masquerade\n")
                    .append("\t\tfib saddr type local goto ").append(sp.serviceChain()).append('\n');
                if (local.isEmpty()) {
                    // nothing more: the packet reaches filter-input, whose nodeport check drops it
                    noEndpointNodePorts.add(npKey + " : drop");
                    chains.put(sp.externalChain(), ext.toString());
                } else {
                    chains.put(sp.externalChain(), ext.append("\t\tgoto ").append(sp.localChain()).append('\n')
                        .toString());
                    chains.put(sp.localChain(), dispatch(sp, local));
                }
            } else {
                chains.put(sp.externalChain(), ext.append("\t\tjump mark-for-masquerade\n\t\tgoto ")
                    .append(sp.serviceChain()).append('\n').toString());
            }
        }
        return new ServicePortRules(sp.clusterIP(), serviceIps, serviceNodePorts, noEndpointServices,
            noEndpointNodePorts, chains, sets);
    }

    /**
     * A partial sync: the one transaction that turns the rules of {@code before} (the ports the
     * changed services had at the last sync) into those of {@code after} (their ports now),
     * leaving every other chain, set and element of the table untouched, as kube-proxy's
     * partial sync does. In order: new affinity sets and empty new chains are added, then
     * {@code elements} (the {@code delete element} and {@code add element} commands of the
     * shared sets and maps, from {@link ServiceMaps}), changed chains and chains that go away are
     * flushed (so no rule refers to what is deleted next), the rules of new and changed chains
     * are added, and chains and affinity sets no longer needed are deleted. Chains whose rules
     * are the same are not touched (their counters go on). Returns "" when nothing changes, or
     * null when an affinity set changes its declaration (its timeout): only a full sync can
     * redeclare a set.
     */
    public static String partial(List<ServicePortInfo> before, List<ServicePortInfo> after, String elements,
        KubeProxyConfig config) {
        ServicePortRules was = merge(before, config);
        ServicePortRules now = merge(after, config);
        for (Map.Entry<String, String> e : now.sets().entrySet()) {
            String old = was.sets().get(e.getKey());
            if (old != null && !old.equals(e.getValue())) {
                return null;
            }
        }
        String at = " ip " + TABLE + " ";
        StringBuilder t = new StringBuilder();
        now.sets().forEach((name, body) -> {
            if (!was.sets().containsKey(name)) {
                t.append("add set").append(at).append(name).append(" {\n").append(body).append("}\n");
            }
        });
        now.chains().keySet().forEach(name -> {
            if (!was.chains().containsKey(name)) {
                t.append("add chain").append(at).append(name).append('\n');
            }
        });
        t.append(elements);
        was.chains().forEach((name, body) -> {
            if (!body.equals(now.chains().get(name))) {
                t.append("flush chain").append(at).append(name).append('\n');
            }
        });
        now.chains().forEach((name, body) -> {
            if (!body.equals(was.chains().get(name))) {
                for (String rule : body.split("\n")) {
                    t.append("add rule").append(at).append(name).append(' ').append(rule.strip()).append('\n');
                }
            }
        });
        was.chains().keySet().forEach(name -> {
            if (!now.chains().containsKey(name)) {
                t.append("delete chain").append(at).append(name).append('\n');
            }
        });
        was.sets().keySet().forEach(name -> {
            if (!now.sets().containsKey(name)) {
                t.append("delete set").append(at).append(name).append('\n');
            }
        });
        return t.toString();
    }

    /** The chains and affinity sets of several ports together (their elements left out). */
    private static ServicePortRules merge(List<ServicePortInfo> ports, KubeProxyConfig config) {
        Map<String, String> chains = new LinkedHashMap<>();
        Map<String, String> sets = new LinkedHashMap<>();
        for (ServicePortInfo sp : ports) {
            ServicePortRules r = rulesOf(sp, config);
            chains.putAll(r.chains());
            sets.putAll(r.sets());
        }
        return new ServicePortRules("", List.of(), List.of(), List.of(), List.of(), chains, sets);
    }

    /**
     * The rules that pick an endpoint, each line tab-indented: with ClientIP affinity first a
     * rule per endpoint for the clients it remembers, then a random choice.
     */
    private static String dispatch(ServicePortInfo sp, List<ServicePortInfo.EndpointInfo> eps) {
        StringBuilder out = new StringBuilder();
        if (sp.affinityTimeout() > 0) {
            for (ServicePortInfo.EndpointInfo e : eps) {
                out.append("\t\tip saddr @").append(affinitySet(sp, e)).append(" goto ").append(sp.endpointChain(e))
                    .append('\n');
            }
        }
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < eps.size(); i++) {
            m.append(i == 0 ? "" : ", ").append(i).append(" : goto ").append(sp.endpointChain(eps.get(i)));
        }
        return out.append("\t\tnumgen random mod ").append(eps.size()).append(" vmap { ").append(m).append(" }\n")
            .toString();
    }

    /** {@code affinity-HASH-ns/svc/proto/port__ip/port}: the endpoint chain's name with another prefix. */
    static String affinitySet(ServicePortInfo sp, ServicePortInfo.EndpointInfo e) {
        return "affinity-" + sp.endpointChain(e).substring("endpoint-".length());
    }

    private static void set(StringBuilder t, String name, String type, List<String> elements) {
        t.append('\t').append(type.contains(":") ? "map " : "set ").append(name).append(" {\n\t\ttype ").append(type)
            .append('\n');
        if (!elements.isEmpty()) {
            t.append("\t\telements = { ").append(String.join(", ", elements)).append(" }\n");
        }
        t.append("\t}\n");
    }
}
