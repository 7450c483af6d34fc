package io.knetsim.cni.flanneld;

import java.util.List;

/**
 * Where leases live, as flannel's {@code subnet.Manager}: flanneld asks it for the network
 * configuration, to acquire and renew this worker's lease, and to watch everyone's leases.
 * Calls are asynchronous; each answers once, on the simulator's clock, with a value or an error
 * text (for example etcd's {@code 100: Key not found (/coreos.com/network/config) [3]}).
 */
public interface SubnetManager {
    /** The answer to one call: a value, or an error text. */
    @FunctionalInterface
    interface Callback<T> {
        void done(T value, String error);
    }

    /** One change to the set of leases. */
    record LeaseEvent(Type type, Lease lease) {
        public enum Type { ADDED, REMOVED }
    }

    /**
     * What a watch returns: either a whole snapshot (the first call, or after the history was
     * lost) or events since the cursor; and the cursor to pass next time.
     */
    record LeaseWatchResult(List<Lease> snapshot, List<LeaseEvent> events, long cursor) {
    }

    /** Reads and parses the network configuration. */
    void getNetworkConfig(Callback<FlannelConfig> cb);

    /** Acquires a lease for a worker: reuses its existing one, or allocates a free subnet. */
    void acquireLease(FlannelConfig cfg, LeaseAttrs attrs, Callback<Lease> cb);

    /** Extends a lease by the lease TTL. */
    void renewLease(Lease lease, Callback<Lease> cb);

    /** Watches all leases from a cursor; a negative cursor asks for a snapshot. */
    void watchLeases(long cursor, Callback<LeaseWatchResult> cb);
}
