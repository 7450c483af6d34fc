package io.knetsim.scenarios.cluster;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Container;
import io.knetsim.api.ContainerPort;
import io.knetsim.api.Deployment;
import io.knetsim.api.IntOrString;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.PodSpec;
import io.knetsim.api.Service;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceSpec;
import io.knetsim.app.dns.ClusterDnsZone;
import io.knetsim.app.image.ImageCatalog;
import io.knetsim.cni.kubelet.Kubelet;
import io.knetsim.kubeproxy.dns.ClusterDnsFeeder;
import io.knetsim.kubeproxy.dns.CoreDnsApp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kubeadm's CoreDNS addon: the objects {@code kubeadm init} creates for the cluster DNS, and the
 * wiring that makes them answer.
 *
 * <pre>
 *   Service kube-system/kube-dns  10.96.0.10  dns 53/UDP, dns-tcp 53/TCP, metrics 9153/TCP
 *     labels k8s-app=kube-dns, kubernetes.io/name=CoreDNS      selector k8s-app=kube-dns
 *   Deployment kube-system/coredns  2 x registry.k8s.io/coredns/coredns:v1.11.1 (k8s-app=kube-dns)
 *     each pod: DnsServer :53 ◀── ClusterDnsZone ◀── ClusterDnsFeeder ◀── watch Services, EndpointSlices, Pods
 *   every kubelet: --cluster-dns=10.96.0.10 --cluster-domain=cluster.local (ClusterFirst resolv.conf)
 *   zone: cluster.local and in-addr.arpa, TTL 30, pods insecure (kubeadm's Corefile)
 * </pre>
 */
public final class ClusterDns {
    /** kubeadm's DNS service address: the tenth address of the service CIDR 10.96.0.0/12. */
    public static final String SERVICE_IP = Kubelet.DEFAULT_CLUSTER_DNS;
    /** The CoreDNS image kubeadm deploys. */
    public static final String IMAGE = CoreDnsApp.IMAGE;
    /** The label of the CoreDNS pods and the service's selector. */
    public static final Map<String, String> LABELS = Map.of("k8s-app", "kube-dns");
    /** CoreDNS replicas, as kubeadm deploys them. */
    public static final int REPLICAS = 2;

    private ClusterDns() {
    }

    /**
     * Registers the CoreDNS image in {@code images}, points the kubelets at 10.96.0.10 and
     * cluster.local, creates the {@code kube-dns} Service and the {@code coredns} Deployment, and
     * starts the feeder of the zone the CoreDNS pods answer from.
     */
    public static ClusterDnsFeeder deploy(ApiServer api, ImageCatalog images, List<Kubelet> kubelets) {
        // kubeadm's Corefile: kubernetes cluster.local in-addr.arpa ip6.arpa { pods insecure ... ttl 30 }
        ClusterDnsZone zone = new ClusterDnsZone(Kubelet.DEFAULT_CLUSTER_DOMAIN, ClusterDnsZone.DEFAULT_TTL,
            ClusterDnsZone.PodRecords.INSECURE);
        images.register(IMAGE, new CoreDnsApp(zone));
        kubelets.forEach(Kubelet::clusterDns);
        Map<String, String> svcLabels = new LinkedHashMap<>();
        svcLabels.put("k8s-app", "kube-dns");
        svcLabels.put("kubernetes.io/cluster-service", "true");
        svcLabels.put("kubernetes.io/name", "CoreDNS");
        ServiceSpec spec = ServiceSpec.clusterIP(LABELS,
            new ServicePort("dns", "UDP", 53, IntOrString.of(53), null),
            new ServicePort("dns-tcp", "TCP", 53, IntOrString.of(53), null),
            new ServicePort("metrics", "TCP", 9153, IntOrString.of(9153), null)).withClusterIP(SERVICE_IP);
        api.create(Service.of(ObjectMeta.of("kube-system", "kube-dns", svcLabels), spec));
        Container coredns = new Container("coredns", IMAGE, null, List.of("-conf", "/etc/coredns/Corefile"),
            List.of(new ContainerPort("dns", null, 53, "UDP"), new ContainerPort("dns-tcp", null, 53, "TCP"),
                new ContainerPort("metrics", null, 9153, "TCP")), null);
        api.create(Deployment.of("kube-system", "coredns", REPLICAS, LABELS, PodSpec.of(coredns)));
        return ClusterDnsFeeder.start(api, zone);
    }
}
