package io.knetsim.net;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.addr.MacAddress;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.dev.Veth;
import io.knetsim.net.dev.VxlanDevice;
import io.knetsim.net.link.Link;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.route.Route;
import io.knetsim.net.route.RouteType;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;

/** Building blocks for test worlds, in the words of {@code ip}. */
public final class Fixtures {
    private Fixtures() {
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

    /** Runs a command line in {@code ns} with the core tools. */
    public static Invocation run(NetNamespace ns, String line) {
        return new ToolRunner(CoreTools.registry(), Path.of(".")).run(ns, line);
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

    /**
     * Two flannel-style workers on one underlay link, each with a {@code cni0} bridge, a
     * {@code flannel.100} VXLAN device and one pod.
     *
     * <pre>
     *   podA 11.10.1.2                                       podB 11.10.2.2
     *     |eth0                                                 |eth0
     *   cni0 11.10.1.1/24                                      cni0 11.10.2.1/24
     *   flannel.100 11.10.1.0/32 --vni 100, udp 8472--      flannel.100 11.10.2.0/32
     *   eth0 10.0.0.3/24 ==================================== eth0 10.0.0.4/24
     *        hostA                                                hostB
     * </pre>
     */
    public static final class TwoWorkers {
        public final World world;
        public final NetNamespace hostA;
        public final NetNamespace hostB;
        public final NetNamespace podA;
        public final NetNamespace podB;
        public final EthernetNic ethA;
        public final EthernetNic ethB;
        public final VxlanDevice vxA;
        public final VxlanDevice vxB;

        public TwoWorkers(long seed, LinkConfig underlay) {
            world = new World(seed);
            hostA = host(world, "hostA");
            hostB = host(world, "hostB");
            ethA = nic(hostA, "eth0", "10.0.0.3/24");
            ethB = nic(hostB, "eth0", "10.0.0.4/24");
            cable(ethA, ethB, underlay);
            vxA = worker(hostA, ethA, "10.0.0.3", "11.10.1");
            vxB = worker(hostB, ethB, "10.0.0.4", "11.10.2");
            peer(hostA, vxA, vxB, "11.10.2", "10.0.0.4");
            peer(hostB, vxB, vxA, "11.10.1", "10.0.0.3");
            podA = pod(world, "podA", (Bridge) hostA.device("cni0"), "vethA", "11.10.1.2/24", "11.10.1.1", 1450);
            podB = pod(world, "podB", (Bridge) hostB.device("cni0"), "vethB", "11.10.2.2/24", "11.10.2.1", 1450);
        }

        private static VxlanDevice worker(NetNamespace h, EthernetNic eth, String local, String net) {
            VxlanDevice vx = new VxlanDevice(h, "flannel.100", 100, Ipv4Address.parse(local), eth, 8472, false);
            h.addAddress(vx, Cidr.parse(net + ".0/32"));
            vx.setUp(true);
            Bridge br = new Bridge(h, "cni0");
            h.addAddress(br, Cidr.parse(net + ".1/24"));
            br.setUp(true);
            return vx;
        }

        /** What flanneld programs for a remote lease: route, permanent neighbour, FDB entry. */
        private static void peer(NetNamespace h, VxlanDevice local, VxlanDevice remote, String net, String remoteIp) {
            routeOnlink(h, net + ".0/24", net + ".0", local);
            h.neighbours().set(local, Ipv4Address.parse(net + ".0"), new MacAddress(remote.mac()),
                Neighbour.State.PERMANENT);
            local.addFdb(new MacAddress(remote.mac()), Ipv4Address.parse(remoteIp), false);
        }
    }
}
