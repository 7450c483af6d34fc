package io.knetsim.kubeproxy.proxy;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.api.ApiServer;
import io.knetsim.api.EndpointSlice;
import io.knetsim.api.Service;
import io.knetsim.net.NetNamespace;
import io.knetsim.netfilter.conntrack.ConntrackEntry;
import io.knetsim.netfilter.nft.Family;
import io.knetsim.netfilter.nft.NftSet;
import io.knetsim.netfilter.nft.Table;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.tool.nft.NftScript;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kube-proxy in nftables mode on one node: it watches Services and EndpointSlices and, a
 * {@linkplain KubeProxyConfig#propagationDelay() propagation delay} after each change, rewrites
 * {@code table ip kube-proxy} in the node's ruleset ({@link ProxyRuleset}) in one transaction.
 *
 * <pre>
 *   API server ──watch Services, EndpointSlices──▶ KubeProxy(node) ──after the delay──▶ nft -f (table ip kube-proxy)
 *                                                       └─ UDP: conntrack -D of flows to endpoints that went away
 * </pre>
 *
 * Until the rules change, packets keep going to the endpoints of the last sync (a dead pod's
 * connections fail), as in a real cluster. ClientIP affinity sets keep their clients across
 * syncs (the table is rewritten; their elements are put back with the expiry they had). After a sync, UDP conntrack entries whose DNAT
 * points at an endpoint that is no longer a service's endpoint are deleted, as kube-proxy does
 * (UDP has no connection to fail, so the flow would otherwise stick to the dead endpoint).
 */
public final class KubeProxy {
    private final ApiServer api;
    private final NetNamespace node;
    private final KubeProxyConfig config;
    private boolean scheduled;
    private long syncs;
    private long failedSyncs;
    private String lastError;
    private Map<String, Set<String>> udpEndpoints = Map.of();

    private KubeProxy(ApiServer api, NetNamespace node, KubeProxyConfig config) {
        this.api = api;
        this.node = node;
        this.config = config;
    }

    /**
     * Starts kube-proxy on {@code node}: an initial sync at once, then one a propagation delay
     * after each batch of changes. Service and EndpointSlice must be registered with {@code api}.
     */
    public static KubeProxy start(ApiServer api, NetNamespace node, KubeProxyConfig config) {
        KubeProxy p = new KubeProxy(api, node, config);
        p.sync();
        api.watch(Service.class, null, null, Long.toString(api.resourceVersion()), e -> p.changed());
        api.watch(EndpointSlice.class, null, null, Long.toString(api.resourceVersion()), e -> p.changed());
        return p;
    }

    public NetNamespace node() {
        return node;
    }

    public KubeProxyConfig config() {
        return config;
    }

    /** Syncs done so far (the first at start). */
    public long syncs() {
        return syncs;
    }

    /** Syncs nft refused (the rules of the last good sync stay, as kube-proxy's do). */
    public long failedSyncs() {
        return failedSyncs;
    }

    /** nft's report of the last refused sync, or null. */
    public String lastError() {
        return lastError;
    }

    private void changed() {
        if (!scheduled) {
            scheduled = true;
            api.sim().after(config.propagationDelay(), () -> {
                scheduled = false;
                sync();
            });
        }
    }

    /** Rewrites the node's {@code table ip kube-proxy} from the API server's current objects. */
    public void sync() {
        List<ServicePortInfo> ports = ServicePorts.of(api.list(Service.class), api.list(EndpointSlice.class));
        Map<String, Map<Object, Long>> affinity = affinityClients();
        try {
            NftScript.apply(node.nftables(), "kube-proxy", ProxyRuleset.build(ports, config));
        } catch (IllegalArgumentException e) {
            failedSyncs++;
            lastError = e.getMessage();
            return;
        }
        syncs++;
        // the table was replaced whole; kube-proxy's affinity sets outlive its syncs, so the
        // clients each endpoint's set remembered go back with the expiry they had
        Table t = node.nftables().table(Family.IP, ProxyRuleset.TABLE);
        for (Map.Entry<String, Map<Object, Long>> e : affinity.entrySet()) {
            NftSet s = t.set(e.getKey());
            if (s != null) {
                s.restoreExpiries(e.getValue());
            }
        }
        Map<String, Set<String>> now = new HashMap<>();
        for (ServicePortInfo sp : ports) {
            if (sp.protocol().equals("udp")) {
                Set<String> eps = new HashSet<>();
                sp.endpoints().forEach(e -> eps.add(e.ip()));
                now.put(sp.clusterIP() + ":" + sp.port(), eps);
            }
        }
        for (Map.Entry<String, Set<String>> was : udpEndpoints.entrySet()) {
            Set<String> still = now.getOrDefault(was.getKey(), Set.of());
            for (String gone : was.getValue()) {
                if (!still.contains(gone)) {
                    flushUdp(was.getKey(), gone);
                }
            }
        }
        udpEndpoints = now;
    }

    /** The live clients of each {@code affinity-*} set of the current table. */
    private Map<String, Map<Object, Long>> affinityClients() {
        Map<String, Map<Object, Long>> out = new HashMap<>();
        Table t = node.nftables().table(Family.IP, ProxyRuleset.TABLE);
        if (t != null) {
            for (NftSet s : t.sets()) {
                if (s.name().startsWith("affinity-")) {
                    out.put(s.name(), s.expiries());
                }
            }
        }
        return out;
    }

    /** {@code conntrack -D -p udp --orig-dst SVCIP --dst-nat ENDPOINT}. */
    private void flushUdp(String servicePort, String endpoint) {
        int colon = servicePort.indexOf(':');
        int vip = Ipv4Address.parse(servicePort.substring(0, colon)).bits();
        int port = Integer.parseInt(servicePort.substring(colon + 1));
        int ep = Ipv4Address.parse(endpoint).bits();
        node.nftables().conntrack().delete((ConntrackEntry e) -> e.original().proto() == Ipv4Header.PROTO_UDP
            && e.original().dst() == vip && e.original().dport() == port && e.dnat() != null && e.dnat().addr() == ep);
    }
}
