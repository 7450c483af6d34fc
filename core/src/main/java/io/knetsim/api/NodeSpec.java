package io.knetsim.api;

import java.util.List;

/**
 * A node's {@code spec}: the pod subnet allocated to it ({@code podCIDR} and the dual-stack
 * list {@code podCIDRs}) and whether new pods may be scheduled on it ({@code unschedulable},
 * set by {@code kubectl cordon}).
 */
public record NodeSpec(String podCIDR, List<String> podCIDRs, Boolean unschedulable) {
    public NodeSpec {
        podCIDRs = podCIDRs == null ? List.of() : List.copyOf(podCIDRs);
    }

    /** A spec with one pod CIDR, listed in both fields as the node IPAM controller sets them. */
    public static NodeSpec withPodCidr(String cidr) {
        return new NodeSpec(cidr, List.of(cidr), null);
    }
}
