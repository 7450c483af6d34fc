package io.knetsim.kubeproxy.dns;

import io.knetsim.app.dns.ClusterDnsZone;
import io.knetsim.app.dns.DnsServer;
import io.knetsim.app.dns.DnsZone;
import io.knetsim.app.dns.InMemoryZone;
import io.knetsim.app.image.AppContext;
import io.knetsim.app.image.AppHandle;
import io.knetsim.app.image.SimulatedApp;
import java.util.List;

/**
 * {@code registry.k8s.io/coredns/coredns}: CoreDNS with kubeadm's Corefile, as far as knetsim
 * models it. Each container starts a {@link DnsServer} on UDP and TCP port 53 of its pod,
 * answering {@code cluster.local} and {@code in-addr.arpa} from the cluster's
 * {@link ClusterDnsZone} (kept up to date by a {@link ClusterDnsFeeder}; the replicas share
 * it, as replicas watching the same API server hold the same data).
 *
 * <pre>
 *   .:53 {
 *       kubernetes cluster.local in-addr.arpa { ... }                                 -&gt; ClusterDnsZone
 *       forward . /etc/resolv.conf                                                         -&gt; NXDOMAIN (no internet)
 *   }
 * </pre>
 *
 * knetsim has no internet to forward to: every other name is answered NXDOMAIN from an empty
 * root zone (with its SOA), as an upstream resolver would for a name that does not exist, so
 * a search list ends with "Name or service not known" rather than REFUSED.
 */
public final class CoreDnsApp implements SimulatedApp {
    /** The image kubeadm 1.29 deploys. */
    public static final String IMAGE = "registry.k8s.io/coredns/coredns:v1.11.1";

    private final ClusterDnsZone zone;

    /** CoreDNS answering from {@code zone}. */
    public CoreDnsApp(ClusterDnsZone zone) {
        this.zone = zone;
    }

    @Override
    public AppHandle start(AppContext ctx) {
        List<DnsZone> zones = List.of(zone, new InMemoryZone(List.of(""), zone.ttl(), 1));
        DnsServer server = new DnsServer(ctx.netns(), zones).start();
        return server::stop;
    }
}
