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
 */
public record KubeProxyConfig(String nodeName, Cidr clusterCidr, List<String> nodePortAddresses,
    long propagationDelay) {
    /** kube-proxy's default {@code --min-sync-period} for nftables: 1 s. */
    public static final long DEFAULT_PROPAGATION_DELAY = SimTime.seconds(1);

    public KubeProxyConfig {
        nodePortAddresses = List.copyOf(nodePortAddresses);
        if (propagationDelay < 0) {
            throw new IllegalArgumentException("propagationDelay: must not be negative, got " + propagationDelay);
        }
    }

    public KubeProxyConfig withPropagationDelay(long nanos) {
        return new KubeProxyConfig(nodeName, clusterCidr, nodePortAddresses, nanos);
    }
}
