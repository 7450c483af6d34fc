package io.knetsim.cni.flanneld;

import io.knetsim.addr.Cidr;
import java.util.List;

/**
 * The raw lease store under flannel's prefix ({@code /coreos.com/network}), as flannel's
 * etcd registry: the config key and one key per lease under {@code subnets/}. Calls answer
 * once, on the simulator's clock, with a value or a {@link RegistryError}.
 */
public interface SubnetRegistry {
    /** A failed call: etcd's error code (e.g. 100 key not found, 105 exists, 401 index cleared) or -1. */
    record RegistryError(int code, String message) {
        public static final int KEY_NOT_FOUND = 100;
        public static final int TEST_FAILED = 101;
        public static final int NODE_EXIST = 105;
        public static final int EVENT_INDEX_CLEARED = 401;
        public static final int TRANSPORT = -1;

        @Override
        public String toString() {
            return message;
        }
    }

    /** The answer to one call. */
    @FunctionalInterface
    interface Reply<T> {
        void done(T value, RegistryError error);
    }

    /** All leases and the store index they were read at. */
    record Subnets(List<Lease> leases, long index) {
    }

    /** One change under {@code subnets/} and the index after it. */
    record Change(SubnetManager.LeaseEvent event, long index) {
    }

    void getNetworkConfig(Reply<String> reply);

    void getSubnets(Reply<Subnets> reply);

    /** Creates a lease key that must not exist; answers its expiration. */
    void createSubnet(Cidr subnet, LeaseAttrs attrs, long ttl, Reply<Long> reply);

    /** Rewrites a lease key (TTL 0 means none); {@code prevIndex} 0 means unconditionally. */
    void updateSubnet(Cidr subnet, LeaseAttrs attrs, long ttl, long prevIndex, Reply<Long> reply);

    void deleteSubnet(Cidr subnet, Reply<Void> reply);

    /** Waits for the next change after {@code since}. */
    void watchSubnets(long since, Reply<Change> reply);
}
