package io.knetsim.cni.flanneld;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A flannel backend: how packets reach another worker's subnet. flanneld asks it to
 * {@linkplain #prepare prepare} (make its devices, before the lease, because the lease carries
 * the backend's data), to {@linkplain #configureLocal configure} the worker for its own lease,
 * and then to add and remove the path to each remote lease as leases come and go.
 */
public interface Backend {
    /** The {@code BackendType} written into leases: {@code vxlan}, {@code host-gw}. */
    String type();

    /** Makes the backend's devices; returns the {@code BackendData} of this worker's lease (or null). */
    ObjectNode prepare();

    /** The MTU pods get: the external interface's, less any encapsulation. */
    int mtu();

    /** Configures this worker for its own lease. */
    void configureLocal(Lease own);

    /** Programs the path to another worker's subnet. */
    void addRemote(Lease lease);

    /** Removes the path to a subnet whose lease went away. */
    void removeRemote(Lease lease);
}
