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
import io.knetsim.sim.SimTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * kube-proxy in nftables mode on one node: it watches Services and EndpointSlices and, a
 * {@linkplain KubeProxyConfig#propagationDelay() propagation delay} after each change, brings
 * {@code table ip kube-proxy} in the node's ruleset ({@link ProxyRuleset}) up to date in one
 * transaction.
 *
 * <pre>
 *   API server ──watch Services, EndpointSlices──▶ KubeProxy(node) ──after the delay──▶ nft -f (table ip kube-proxy)
 *                  (marks the Service changed)          └─ UDP: conntrack -D of flows to endpoints that went away
 * </pre>
 *
 * As kube-proxy's {@code syncProxyRules}, a sync is <b>full</b> at start-up, after a sync nft
 * refused, and when the last full sync is {@value #FULL_SYNC_PERIOD_SECONDS} s old (the table is
 * written whole, replacing the old one), and otherwise <b>partial</b>: only the Services whose
 * Service or EndpointSlices changed since the last sync are looked at, and one transaction
 * adds, flushes and rewrites or deletes just their chains and adds or deletes just their
 * elements of the shared sets and maps ({@link ProxyRuleset#partial}); the rest of the table,
 * with its counters and its affinity sets' clients, is not touched.
 *
 * Until the rules change, packets keep going to the endpoints of the last sync (a dead pod's
 * connections fail), as in a real cluster. ClientIP affinity sets keep their clients across
 * syncs (a full sync rewrites the table; their elements are put back with the expiry they had). After a sync, UDP conntrack entries whose DNAT
 * points at an endpoint that is no longer a service's endpoint are deleted, as kube-proxy does
 * (UDP has no connection to fail, so the flow would otherwise stick to the dead endpoint).
 */
public final class KubeProxy {
    /** kube-proxy's {@code FullSyncPeriod}: a partial sync becomes full when the last full one is this old. */
    public static final long FULL_SYNC_PERIOD_SECONDS = 3600;

    private final ApiServer api;
    private final NetNamespace node;
    private final KubeProxyConfig config;
    private boolean scheduled;
    private long syncs;
    private long fullSyncs;
    private long failedSyncs;
    private String lastError;
    private boolean needFullSync = true;
    private long lastFullSync;
    /** Services (namespace/name) whose Service or EndpointSlices changed since the last sync. */
    private final Set<String> changed = new HashSet<>();
    /** The ports of each Service (namespace/name) as the table has them, from the last good sync. */
    private Map<String, List<ServicePortInfo>> programmed = Map.of();
    /** The elements of the shared sets and maps, per Service, from the last good sync. */
    private ServiceMaps maps = new ServiceMaps();

    private KubeProxy(ApiServer api, NetNamespace node, KubeProxyConfig config) {
        this.api = api;
        this.node = node;
        this.config = config;
    }

    /**
     * Starts kube-proxy on {@code node}: an initial (full) sync at once, then one a propagation
     * delay after each batch of changes. Service and EndpointSlice must be registered with {@code api}.
     */
    public static KubeProxy start(ApiServer api, NetNamespace node, KubeProxyConfig config) {
        KubeProxy p = new KubeProxy(api, node, config);
        p.sync();
        api.watch(Service.class, null, null, Long.toString(api.resourceVersion()),
            e -> p.changed(e.object().metadata().namespace() + "/" + e.object().metadata().name()));
        api.watch(EndpointSlice.class, null, null, Long.toString(api.resourceVersion()), e -> {
            if (e.object().serviceName() != null) {
                p.changed(e.object().metadata().namespace() + "/" + e.object().serviceName());
            }
        });
        return p;
    }

    public NetNamespace node() {
        return node;
    }

    public KubeProxyConfig config() {
        return config;
    }

    /** Syncs done so far, full and partial (the first, at start, is full). */
    public long syncs() {
        return syncs;
    }

    /** Full syncs done so far (the table written whole). */
    public long fullSyncs() {
        return fullSyncs;
    }

    /** Syncs nft refused (the rules of the last good sync stay, as kube-proxy's do; the next sync is full). */
    public long failedSyncs() {
        return failedSyncs;
    }

    /** nft's report of the last refused sync, or null. */
    public String lastError() {
        return lastError;
    }

    private void changed(String service) {
        changed.add(service);
        if (!scheduled) {
            scheduled = true;
            api.sim().after(config.propagationDelay(), () -> {
                scheduled = false;
                sync();
            });
        }
    }

    /**
     * Brings the node's {@code table ip kube-proxy} up to date with the API server's current
     * objects: a full sync when one is due (start-up, after a refused sync, every
     * {@value #FULL_SYNC_PERIOD_SECONDS} s), else a partial sync of the Services changed since
     * the last sync.
     */
    public void sync() {
        if (needFullSync || api.sim().now() - lastFullSync >= SimTime.seconds(FULL_SYNC_PERIOD_SECONDS)) {
            fullSync();
        } else {
            partialSync();
        }
    }

    /** Rewrites the node's whole {@code table ip kube-proxy} from the API server's current objects. */
    public void fullSync() {
        List<ServicePortInfo> ports = ServicePorts.of(api.list(Service.class), api.list(EndpointSlice.class));
        Map<String, Map<Object, Long>> affinity = affinityClients();
        changed.clear();
        ServiceMaps written = new ServiceMaps();
        if (!apply(ProxyRuleset.build(ports, config, written))) {
            return;
        }
        maps = written;
        fullSyncs++;
        lastFullSync = api.sim().now();
        // the table was replaced whole; kube-proxy's affinity sets outlive its syncs, so the
        // clients each endpoint's set remembered go back with the expiry they had
        Table t = node.nftables().table(Family.IP, ProxyRuleset.TABLE);
        for (Map.Entry<String, Map<Object, Long>> e : affinity.entrySet()) {
            NftSet s = t.set(e.getKey());
            if (s != null) {
                s.restoreExpiries(e.getValue());
            }
        }
        Map<String, List<ServicePortInfo>> now = byService(ports);
        flushUdp(programmed, now);
        programmed = now;
    }

    /** Writes only what changed for the Services marked changed since the last sync. */
    private void partialSync() {
        Set<String> keys = Set.copyOf(changed);
        changed.clear();
        List<Service> services = api.list(Service.class).stream()
            .filter(s -> keys.contains(s.metadata().namespace() + "/" + s.metadata().name())).toList();
        List<EndpointSlice> slices = api.list(EndpointSlice.class).stream()
            .filter(s -> s.serviceName() != null && keys.contains(s.metadata().namespace() + "/" + s.serviceName()))
            .toList();
        Map<String, List<ServicePortInfo>> now = byService(ServicePorts.of(services, slices));
        List<ServicePortInfo> before = new ArrayList<>();
        List<ServicePortInfo> after = new ArrayList<>();
        Map<String, List<ServicePortInfo>> was = new HashMap<>();
        for (String k : new TreeSet<>(keys)) {
            List<ServicePortInfo> old = programmed.getOrDefault(k, List.of());
            List<ServicePortInfo> cur = now.getOrDefault(k, List.of());
            if (!old.equals(cur)) {
                before.addAll(old);
                after.addAll(cur);
                was.put(k, old);
            }
        }
        if (was.isEmpty()) {
            syncs++;
            return;
        }
        Map<String, Map<String, List<String>>> elements = new HashMap<>();
        for (String k : was.keySet()) {
            int slash = k.indexOf('/');
            elements.put(ServiceMaps.key(k.substring(0, slash), k.substring(slash + 1)),
                ServiceMaps.elementsOf(now.getOrDefault(k, List.of()), config));
        }
        String tx = ProxyRuleset.partial(before, after, maps.diff(elements), config);
        if (tx == null) {
            fullSync();
            return;
        }
        if (!apply(tx)) {
            return;
        }
        Map<String, List<ServicePortInfo>> next = new HashMap<>(programmed);
        Map<String, List<ServicePortInfo>> changedNow = new HashMap<>();
        for (String k : was.keySet()) {
            List<ServicePortInfo> cur = now.getOrDefault(k, List.of());
            if (cur.isEmpty()) {
                next.remove(k);
            } else {
                next.put(k, cur);
                changedNow.put(k, cur);
            }
        }
        programmed = next;
        maps.put(elements);
        flushUdp(was, changedNow);
    }

    /** Applies one transaction; on a refusal counts it and makes the next sync full. */
    private boolean apply(String transaction) {
        try {
            NftScript.apply(node.nftables(), "kube-proxy", transaction);
        } catch (IllegalArgumentException e) {
            failedSyncs++;
            lastError = e.getMessage();
            needFullSync = true;
            return false;
        }
        syncs++;
        needFullSync = false;
        return true;
    }

    private static Map<String, List<ServicePortInfo>> byService(List<ServicePortInfo> ports) {
        Map<String, List<ServicePortInfo>> out = new HashMap<>();
        for (ServicePortInfo sp : ports) {
            out.computeIfAbsent(sp.namespace() + "/" + sp.name(), k -> new ArrayList<>()).add(sp);
        }
        return out;
    }

    /**
     * {@code conntrack -D} of the UDP flows to endpoints that the services of {@code before} had
     * and those of {@code after} no longer have.
     */
    private void flushUdp(Map<String, List<ServicePortInfo>> before, Map<String, List<ServicePortInfo>> after) {
        Map<String, Set<String>> now = udpEndpoints(after);
        for (Map.Entry<String, Set<String>> was : udpEndpoints(before).entrySet()) {
            Set<String> still = now.getOrDefault(was.getKey(), Set.of());
            for (String gone : was.getValue()) {
                if (!still.contains(gone)) {
                    flushUdp(was.getKey(), gone);
                }
            }
        }
    }

    /** clusterIP:port of each UDP service port to its endpoints' IPs. */
    private static Map<String, Set<String>> udpEndpoints(Map<String, List<ServicePortInfo>> ports) {
        Map<String, Set<String>> out = new HashMap<>();
        for (List<ServicePortInfo> l : ports.values()) {
            for (ServicePortInfo sp : l) {
                if (sp.protocol().equals("udp")) {
                    Set<String> eps = out.computeIfAbsent(sp.clusterIP() + ":" + sp.port(), k -> new HashSet<>());
                    sp.endpoints().forEach(e -> eps.add(e.ip()));
                }
            }
        }
        return out;
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
