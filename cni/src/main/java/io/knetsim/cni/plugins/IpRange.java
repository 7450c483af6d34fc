package io.knetsim.cni.plugins;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;

/**
 * One range of host-local ({@code allocator.Range}): a subnet with the first and last address
 * it may hand out and the gateway it reports. Defaults as the plugin's {@code Canonicalize}:
 * start is the subnet's first host, end its last before broadcast, gateway its first host.
 *
 * <pre>
 *   10.244.1.0/24:  network .0 | gateway .1 | .1 ... .254 (rangeStart..rangeEnd) | broadcast .255
 * </pre>
 */
record IpRange(Cidr subnet, Ipv4Address rangeStart, Ipv4Address rangeEnd, Ipv4Address gateway) {

    boolean contains(Ipv4Address a) {
        return Integer.compareUnsigned(a.bits(), rangeStart.bits()) >= 0
            && Integer.compareUnsigned(a.bits(), rangeEnd.bits()) <= 0;
    }

    boolean overlaps(IpRange o) {
        return contains(o.rangeStart) || contains(o.rangeEnd) || o.contains(rangeStart) || o.contains(rangeEnd);
    }

    /** {@code Range.String()}: {@code 10.244.1.1-10.244.1.254}. */
    @Override
    public String toString() {
        return rangeStart + "-" + rangeEnd;
    }
}
