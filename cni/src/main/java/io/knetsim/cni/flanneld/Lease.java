package io.knetsim.cni.flanneld;

import io.knetsim.addr.Cidr;

/**
 * One worker's subnet lease: the subnet, the worker's attributes, and when it expires (simulated
 * nanoseconds; {@link Long#MAX_VALUE} for a reservation without TTL).
 */
public record Lease(Cidr subnet, LeaseAttrs attrs, long expiration) {
    /** The etcd key suffix flannel uses: {@code 11.10.16.0-20}. */
    public String key() {
        return keyOf(subnet);
    }

    public static String keyOf(Cidr subnet) {
        return subnet.address() + "-" + subnet.prefixLength();
    }

    /** Parses a key suffix such as {@code 11.10.16.0-20}, or returns null. */
    public static Cidr parseKey(String key) {
        int dash = key.lastIndexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            return Cidr.parse(key.substring(0, dash) + "/" + key.substring(dash + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
