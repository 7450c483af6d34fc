package io.knetsim.cni.flanneld;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;

/**
 * flannel's host-gw backend: no encapsulation; each remote subnet is routed via the remote
 * worker's address on the external interface ({@code ip route replace 11.10.32.0/20 via 10.0.0.4
 * dev eth0}), so every worker must share one L2 segment. Pods keep the full interface MTU.
 */
public final class HostGwBackend implements Backend {
    private final NetNamespace host;
    private final NetDevice extIface;

    public HostGwBackend(NetNamespace host, NetDevice extIface) {
        this.host = host;
        this.extIface = extIface;
    }

    @Override
    public String type() {
        return "host-gw";
    }

    @Override
    public ObjectNode prepare() {
        return null;
    }

    @Override
    public int mtu() {
        return extIface.mtu();
    }

    @Override
    public void configureLocal(Lease own) {
        // host-gw needs nothing on the worker itself: the bridge plugin routes the local subnet
    }

    @Override
    public void addRemote(Lease lease) {
        if ("host-gw".equals(lease.attrs().backendType())) {
            RouteOps.replace(host, lease.subnet(), lease.attrs().publicIp(), extIface, false);
        }
    }

    @Override
    public void removeRemote(Lease lease) {
        if ("host-gw".equals(lease.attrs().backendType())) {
            Ipv4Address gw = lease.attrs().publicIp();
            RouteOps.delete(host, lease.subnet(), gw);
        }
    }
}
