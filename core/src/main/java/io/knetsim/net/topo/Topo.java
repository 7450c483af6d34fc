package io.knetsim.net.topo;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.dev.Veth;
import io.knetsim.net.link.Link;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.route.Route;
import io.knetsim.net.route.RouteType;

/**
 * Building blocks for worlds, each named after the {@code ip} command it stands for, so a
 * topology written with them reads like the shell session that would build it on Linux.
 */
public final class Topo {
    private Topo() {
    }

    /** A router-ish host: a namespace with forwarding on. */
    public static NetNamespace host(World w, String name) {
        NetNamespace ns = w.createNamespace(name);
        ns.sysctl().ipForward = 1;
        return ns;
    }

    /** {@code ip addr add CIDR dev NAME; ip link set NAME up} on a new NIC. */
    public static EthernetNic nic(NetNamespace ns, String name, String cidr) {
        EthernetNic n = new EthernetNic(ns, name);
        ns.addAddress(n, Cidr.parse(cidr));
        n.setUp(true);
        return n;
    }

    public static Link cable(EthernetNic a, EthernetNic b, LinkConfig cfg) {
        return Link.connect(a, b, cfg);
    }

    /** A veth pair with an address on each end, both up. */
    public static Veth[] veth(NetNamespace a, String nameA, String cidrA, NetNamespace b, String nameB, String cidrB) {
        return veth(a, nameA, cidrA, b, nameB, cidrB, 1500);
    }

    public static Veth[] veth(NetNamespace a, String nameA, String cidrA, NetNamespace b, String nameB, String cidrB,
                              int mtu) {
        Veth[] p = Veth.createPair(a, nameA, b, nameB, mtu);
        if (cidrA != null) {
            a.addAddress(p[0], Cidr.parse(cidrA));
        }
        if (cidrB != null) {
            b.addAddress(p[1], Cidr.parse(cidrB));
        }
        p[0].setUp(true);
        p[1].setUp(true);
        return p;
    }

    /** {@code ip route add DST via GW dev DEV}. */
    public static void routeVia(NetNamespace ns, String dst, String gw, NetDevice dev) {
        ns.routes().add(new Route(Cidr.parse(dst).network(), RouteType.UNICAST, Ipv4Address.parse(gw), dev, 0,
            Ipv4Address.ANY, Route.Scope.UNIVERSE, Route.PROTO_BOOT, false));
    }

    /** {@code ip route add DST via GW dev DEV onlink}. */
    public static void routeOnlink(NetNamespace ns, String dst, String gw, NetDevice dev) {
        ns.routes().add(new Route(Cidr.parse(dst).network(), RouteType.UNICAST, Ipv4Address.parse(gw), dev, 0,
            Ipv4Address.ANY, Route.Scope.UNIVERSE, Route.PROTO_BOOT, true));
    }

    /**
     * A pod: a namespace joined to {@code bridge} by a veth, with {@code cidr} on its eth0 and a
     * default route via {@code gateway}, as the CNI bridge plugin would leave it.
     */
    public static NetNamespace pod(World w, String name, Bridge bridge, String hostVeth, String cidr, String gateway) {
        return pod(w, name, bridge, hostVeth, cidr, gateway, 1500);
    }

    public static NetNamespace pod(World w, String name, Bridge bridge, String hostVeth, String cidr, String gateway,
                                   int mtu) {
        NetNamespace pod = w.createNamespace(name);
        Veth[] v = veth(bridge.namespace(), hostVeth, null, pod, "eth0", cidr, mtu);
        bridge.addPort(v[0]);
        routeVia(pod, "0.0.0.0/0", gateway, v[1]);
        return pod;
    }
}
