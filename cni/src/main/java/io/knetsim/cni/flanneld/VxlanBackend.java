package io.knetsim.cni.flanneld;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.addr.MacAddress;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.Neighbour;
import io.knetsim.net.dev.VxlanDevice;

/**
 * flannel's VXLAN backend. It makes {@code flannel.<VNI>} (VNI default 1, UDP port default 8472,
 * no learning, MTU of the external interface less 50), gives it the lease's network address as
 * a /32, and for each remote lease programs exactly what flannel programs:
 *
 * <pre>
 *   ip neigh replace 11.10.32.0 lladdr VTEP_MAC dev flannel.100 nud permanent
 *   bridge fdb replace VTEP_MAC dev flannel.100 dst 10.0.0.4 self permanent
 *   ip route replace 11.10.32.0/20 via 11.10.32.0 dev flannel.100 onlink
 * </pre>
 *
 * With {@code DirectRouting}, a remote worker on the same underlay subnet gets a plain route
 * via its address instead, as host-gw would.
 */
public final class VxlanBackend implements Backend {
    private final NetNamespace host;
    private final NetDevice extIface;
    private final Ipv4Address publicIp;
    private final int vni;
    private final int port;
    private final boolean directRouting;
    private VxlanDevice dev;

    public VxlanBackend(FlannelConfig cfg, NetNamespace host, NetDevice extIface, Ipv4Address publicIp) {
        this.host = host;
        this.extIface = extIface;
        this.publicIp = publicIp;
        this.vni = cfg.backendInt("VNI", 1);
        int p = cfg.backendInt("Port", 0);
        this.port = p == 0 ? 8472 : p;
        this.directRouting = cfg.backend().path("DirectRouting").asBoolean(false);
    }

    @Override
    public String type() {
        return "vxlan";
    }

    /** The device's name, {@code flannel.<VNI>}. */
    public String deviceName() {
        return "flannel." + vni;
    }

    public VxlanDevice device() {
        return dev;
    }

    @Override
    public ObjectNode prepare() {
        NetDevice existing = host.device(deviceName());
        if (existing instanceof VxlanDevice v) {
            dev = v;
        } else {
            if (existing != null) {
                host.deleteDevice(existing);
            }
            dev = new VxlanDevice(host, deviceName(), vni, publicIp, extIface, port, false);
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("VNI", vni);
        data.put("VtepMAC", new MacAddress(dev.mac()).toString());
        return data;
    }

    @Override
    public int mtu() {
        return dev.mtu();
    }

    @Override
    public void configureLocal(Lease own) {
        Cidr addr = Cidr.of(own.subnet().network().address(), 32);
        if (dev.addresses().stream().noneMatch(a -> a.cidr().equals(addr))) {
            host.addAddress(dev, addr);
        }
        dev.setUp(true);
    }

    @Override
    public void addRemote(Lease lease) {
        if (!"vxlan".equals(lease.attrs().backendType()) || lease.attrs().backendData() == null) {
            return; // flannel ignores leases of other backends
        }
        Cidr subnet = lease.subnet();
        Ipv4Address remote = lease.attrs().publicIp();
        if (directRouting && onSameSubnet(remote)) {
            RouteOps.replace(host, subnet, remote, extIface, false);
            return;
        }
        MacAddress vtep = MacAddress.parse(lease.attrs().backendData().path("VtepMAC").asText());
        Ipv4Address gw = subnet.network().address();
        host.neighbours().set(dev, gw, vtep, Neighbour.State.PERMANENT);
        dev.delFdb(vtep);
        dev.addFdb(vtep, remote, false);
        RouteOps.replace(host, subnet, gw, dev, true);
    }

    @Override
    public void removeRemote(Lease lease) {
        if (!"vxlan".equals(lease.attrs().backendType())) {
            return;
        }
        Cidr subnet = lease.subnet();
        Ipv4Address gw = subnet.network().address();
        if (directRouting && onSameSubnet(lease.attrs().publicIp())) {
            RouteOps.delete(host, subnet, lease.attrs().publicIp());
            return;
        }
        RouteOps.delete(host, subnet, gw);
        host.neighbours().delete(dev, gw);
        if (lease.attrs().backendData() != null) {
            dev.delFdb(MacAddress.parse(lease.attrs().backendData().path("VtepMAC").asText()));
        }
    }

    private boolean onSameSubnet(Ipv4Address remote) {
        return extIface.addresses().stream().anyMatch(a -> a.cidr().network().contains(remote));
    }
}
