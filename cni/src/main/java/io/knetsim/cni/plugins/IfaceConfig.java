package io.knetsim.cni.plugins;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.cni.CniError;
import io.knetsim.cni.CniResult;
import io.knetsim.cni.PluginCall;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.route.Route;
import io.knetsim.net.route.RouteType;
import io.knetsim.sim.SimRandom;

/**
 * What the plugins library ({@code pkg/ipam}, {@code pkg/ip}) does for every plugin: put a
 * result's addresses and routes on the container's interface ({@code ipam.ConfigureIface}),
 * and name host-side veths ({@code ip.RandomVethName}).
 */
final class IfaceConfig {
    private IfaceConfig() {
    }

    /**
     * {@code ipam.ConfigureIface}: brings {@code dev} up, adds every IP of {@code result} whose
     * interface index is {@code ifIndex}, then every route, via the route's {@code gw} or else the
     * IP's gateway (on-link when there is none). Each change is journalled.
     */
    static void configure(PluginCall call, NetDevice dev, int ifIndex, CniResult result) throws CniError {
        NetNamespace ns = dev.namespace();
        Ipv4Address gw = null;
        for (CniResult.IpConfig ip : result.ips()) {
            if (ip.iface() != null && ip.iface() != ifIndex) {
                continue;
            }
            Cidr a = ip.address();
            ns.addAddress(dev, a);
            call.onRollback(() -> {
                if (dev.namespace() == ns && dev.addresses().stream().anyMatch(x -> x.cidr().equals(a))) {
                    ns.delAddress(dev, a);
                }
            });
            if (gw == null) {
                gw = ip.gateway();
            }
        }
        dev.setUp(true);
        for (CniResult.RouteEntry r : result.routes()) {
            Ipv4Address via = r.gw() != null ? r.gw() : gw;
            addRoute(call, ns, new Route(r.dst().network(), RouteType.UNICAST, via == null ? Ipv4Address.ANY : via, dev,
                0, Ipv4Address.ANY, via == null ? Route.Scope.LINK : Route.Scope.UNIVERSE, Route.PROTO_BOOT, false));
        }
    }

    /** {@code ip route add}, journalled; a route that exists already is an error as netlink gives it. */
    static void addRoute(PluginCall call, NetNamespace ns, Route r) {
        ns.routes().add(r);
        call.onRollback(() -> ns.routes().removeIf(x -> x.equals(r)));
    }

    /**
     * {@code ip.RandomVethName}: {@code veth} and 8 hex digits, here drawn from the seeded random
     * source for this container and interface, so the same run names the same veths; a name in
     * use is drawn again.
     */
    static String hostVethName(NetNamespace host, String containerId, String ifName) {
        SimRandom r = host.sim().random("cni/veth/" + host.name() + "/" + containerId + "/" + ifName);
        while (true) {
            String hex = Integer.toHexString(r.nextInt()); // String.format("veth%08x", ...) without the parser
            String name = "veth" + "00000000".substring(hex.length()) + hex;
            if (host.device(name) == null) {
                return name;
            }
        }
    }

    /** DEL's {@code ip link del IFNAME} in the container, when the namespace and the link are still there. */
    static void deleteContainerLink(PluginCall call) {
        io.knetsim.net.NetNamespace cont = call.container();
        if (cont != null) {
            io.knetsim.net.NetDevice d = cont.device(call.runtime().ifName());
            if (d != null) {
                cont.deleteDevice(d);
            }
        }
    }

    /** CHECK's look at the container: the link exists and holds every address of {@code prev}. */
    static io.knetsim.net.NetDevice checkContainerLink(PluginCall call, io.knetsim.cni.CniResult prev)
        throws io.knetsim.cni.CniError {
        io.knetsim.net.NetDevice d = call.requireContainer().device(call.runtime().ifName());
        if (d == null) {
            throw new io.knetsim.cni.CniError(io.knetsim.cni.CniError.INTERNAL, "Link not found: "
                + call.runtime().ifName());
        }
        for (io.knetsim.cni.CniResult.IpConfig ip : prev.ips()) {
            if (d.addresses().stream().noneMatch(a -> a.cidr().equals(ip.address()))) {
                throw new io.knetsim.cni.CniError(io.knetsim.cni.CniError.INTERNAL, "Failed to match addr "
                    + ip.address() + " on interface " + call.runtime().ifName());
            }
        }
        return d;
    }
}
