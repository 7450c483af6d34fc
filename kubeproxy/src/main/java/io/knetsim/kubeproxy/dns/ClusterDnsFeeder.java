package io.knetsim.kubeproxy.dns;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.api.ApiServer;
import io.knetsim.api.EndpointSlice;
import io.knetsim.api.Pod;
import io.knetsim.api.Service;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceSpec;
import io.knetsim.app.dns.ClusterDnsZone;
import io.knetsim.app.dns.ClusterDnsZone.Endpoint;
import io.knetsim.app.dns.ClusterDnsZone.PodEntry;
import io.knetsim.app.dns.ClusterDnsZone.ServiceEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The informers of CoreDNS's {@code kubernetes} plugin: it watches a cluster's Services,
 * EndpointSlices and Pods and keeps a {@link ClusterDnsZone} answering from them.
 *
 * <pre>
 *   API server ──watch Services, EndpointSlices, Pods──▶ ClusterDnsFeeder ──update(services, pods)──▶ ClusterDnsZone
 *                                                        (one rebuild per instant)         answered by CoreDnsApp's DnsServer
 * </pre>
 *
 * Each batch of changes rebuilds the zone's data from the API server's lists, at the same
 * simulated instant (events of one instant are coalesced into one rebuild). A rebuild costs
 * O(services + endpoint slices + pods); the zone swaps its data atomically, so a question is
 * answered from the data before or after a change, never a mix. A ClusterIP service gives its
 * ClusterIP; a headless one (ClusterIP {@code None}) its slices' endpoints, ready or not (the
 * zone answers only the ready ones), with the endpoint's dashed IP as host name; an
 * ExternalName service a CNAME. Pods with an IP give the verified pod records.
 */
public final class ClusterDnsFeeder {
    private final ApiServer api;
    private final ClusterDnsZone zone;
    private boolean scheduled;
    private long rebuilds;
    private String lastError;

    private ClusterDnsFeeder(ApiServer api, ClusterDnsZone zone) {
        this.api = api;
        this.zone = zone;
    }

    /** Fills {@code zone} from {@code api} now and keeps it up to date from then on. */
    public static ClusterDnsFeeder start(ApiServer api, ClusterDnsZone zone) {
        ClusterDnsFeeder f = new ClusterDnsFeeder(api, zone);
        f.rebuild();
        String rv = Long.toString(api.resourceVersion());
        api.watch(Service.class, null, null, rv, e -> f.changed());
        api.watch(EndpointSlice.class, null, null, rv, e -> f.changed());
        api.watch(Pod.class, null, null, rv, e -> f.changed());
        return f;
    }

    /** The zone this feeder keeps up to date. */
    public ClusterDnsZone zone() {
        return zone;
    }

    /** Rebuilds done so far (the first at start). */
    public long rebuilds() {
        return rebuilds;
    }

    /** Why the last rebuild was refused by the zone (a name that is not a DNS label), or null. */
    public String lastError() {
        return lastError;
    }

    private void changed() {
        if (!scheduled) {
            scheduled = true;
            api.sim().after(0, () -> {
                scheduled = false;
                rebuild();
            });
        }
    }

    /** Replaces the zone's data with the API server's current Services, EndpointSlices and Pods. */
    public void rebuild() {
        List<Service> services = new ArrayList<>(api.list(Service.class));
        services.sort(Comparator.comparing((Service s) -> s.metadata().namespace())
            .thenComparing(s -> s.metadata().name()));
        Map<String, List<Endpoint>> endpoints = new LinkedHashMap<>();
        List<EndpointSlice> slices = new ArrayList<>(api.list(EndpointSlice.class));
        slices.sort(Comparator.comparing((EndpointSlice s) -> s.metadata().namespace())
            .thenComparing(s -> s.metadata().name()));
        for (EndpointSlice s : slices) {
            if (s.serviceName() == null || !"IPv4".equals(s.addressType())) {
                continue;
            }
            List<Endpoint> list = endpoints.computeIfAbsent(s.metadata().namespace() + "/" + s.serviceName(),
                k -> new ArrayList<>());
            for (EndpointSlice.Endpoint e : s.endpoints()) {
                for (String a : e.addresses()) {
                    list.add(new Endpoint(Ipv4Address.parse(a), null, e.isReady()));
                }
            }
        }
        List<ServiceEntry> entries = new ArrayList<>();
        for (Service s : services) {
            entries.add(entry(s, endpoints.getOrDefault(s.metadata().namespace() + "/" + s.metadata().name(),
                List.of())));
        }
        List<PodEntry> pods = new ArrayList<>();
        for (Pod p : api.list(Pod.class)) {
            String ip = p.status() == null ? null : p.status().podIP();
            if (ip != null && !ip.isEmpty()) {
                pods.add(new PodEntry(p.metadata().name(), p.metadata().namespace(), Ipv4Address.parse(ip)));
            }
        }
        try {
            zone.update(entries, pods);
            rebuilds++;
            lastError = null;
        } catch (IllegalArgumentException e) {
            lastError = e.getMessage();
        }
    }

    private static ServiceEntry entry(Service s, List<Endpoint> endpoints) {
        String name = s.metadata().name();
        String ns = s.metadata().namespace();
        ServiceSpec spec = s.spec();
        if (ServiceSpec.EXTERNAL_NAME.equals(spec.type())) {
            return ServiceEntry.externalName(name, ns, spec.externalName());
        }
        List<ClusterDnsZone.ServicePort> ports = new ArrayList<>();
        for (ServicePort p : spec.ports()) {
            ports.add(new ClusterDnsZone.ServicePort(p.name(), p.protocol() == null ? "TCP" : p.protocol(),
                p.port()));
        }
        String ip = spec.clusterIP();
        if (ip == null || ip.isEmpty() || ServiceSpec.NONE.equals(ip)) {
            return ServiceEntry.headless(name, ns, endpoints, ports);
        }
        return ServiceEntry.clusterIp(name, ns, Ipv4Address.parse(ip), ports);
    }
}
