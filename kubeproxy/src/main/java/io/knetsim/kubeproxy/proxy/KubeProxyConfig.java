package io.knetsim.kubeproxy.proxy;

import io.knetsim.addr.Cidr;
import io.knetsim.sim.SimTime;
import java.util.List;

/**
 * kube-proxy's flags that matter here.
 *
 * @param nodeName          the node it runs on ({@code --hostname-override}), for local endpoints
 * @param clusterCidr       the pods' network ({@code --cluster-cidr}): traffic to a ClusterIP from
 *                          outside it is masqueraded
 * @param nodePortAddresses the node's addresses that accept NodePort traffic
 * @param propagationDelay  how long after a change of Services or EndpointSlices the rules change
 *                          (watch latency plus {@code --min-sync-period}): endpoints of a dead
 *                          pod stay in the rules for that long, as in a real cluster
 * @param serviceCidr       the cluster's service range (the API server's
 *                          {@code --service-cluster-ip-range}); when given, new connections to
 *                          an address in it that is no service's ClusterIP are dropped, as
 *                          kube-proxy's {@code cluster-ips-check} does; null: not known
 */
public record KubeProxyConfig(String nodeName, Cidr clusterCidr, List<String> nodePortAddresses,
    long propagationDelay, Cidr serviceCidr) {
    /** kube-proxy's default {@code --min-sync-period} for nftables: 1 s. */
    public static final long DEFAULT_PROPAGATION_DELAY = SimTime.seconds(1);

    /** Without a service range (no drop for unallocated ClusterIPs). */
    public KubeProxyConfig(String nodeName, Cidr clusterCidr, List<String> nodePortAddresses, long propagationDelay) {
        this(nodeName, clusterCidr, nodePortAddresses, propagationDelay, null);
    }

    public KubeProxyConfig {
        nodePortAddresses = List.copyOf(nodePortAddresses);
        if (propagationDelay < 0) {
            throw new IllegalArgumentException("propagationDelay: must not be negative, got " + propagationDelay);
        }
    }

    public KubeProxyConfig withPropagationDelay(long nanos) {
        return new KubeProxyConfig(nodeName, clusterCidr, nodePortAddresses, nanos, serviceCidr);
    }

    public KubeProxyConfig withServiceCidr(Cidr cidr) {
        return new KubeProxyConfig(nodeName, clusterCidr, nodePortAddresses, propagationDelay, cidr);
    }
}
