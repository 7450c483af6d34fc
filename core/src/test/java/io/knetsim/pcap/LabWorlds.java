package io.knetsim.pcap;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.Neighbour;
import io.knetsim.net.World;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.dev.Veth;
import io.knetsim.net.dev.VxlanDevice;
import io.knetsim.net.link.Link;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.route.Route;
import io.knetsim.net.route.RouteType;

/**
 * The small worlds the capture and tcpdump labs use.
 *
 * <pre>
 *  twoHosts:     h1 [eth0 10.0.0.1/24] ------ 50 us ------ [eth0 10.0.0.2/24] h2
 *
 *  flannel:      podA [eth0 11.10.1.2/24]                      podB [eth0 11.10.2.2/24]
 *                      |  veth                                        |  veth
 *                hostA [cni0 11.10.1.1/24]                    hostB [cni0 11.10.2.1/24]
 *                      [flannel.100 11.10.1.0/32, VNI 100, 8472]      [flannel.100 11.10.2.0/32]
 *                      [eth0 10.0.0.3/24] ------- 50 us ------- [eth0 10.0.0.4/24]
 *
 *  routed:       h1 [eth0 10.0.1.1/24] --- [eth0 10.0.1.254/24] r [eth1 10.0.2.254/24] --- [eth0 10.0.2.1/24] h2
 *                (default routes via r; the right-hand link's MTU is a parameter)
 * </pre>
 */
public final class LabWorlds {
    private LabWorlds() {
    }

    /** Two hosts on one cable. */
    public record TwoHosts(World world, NetNamespace h1, NetNamespace h2, EthernetNic eth1, EthernetNic eth2) {
        public int ip1() {
            return Ipv4Address.parse("10.0.0.1").bits();
        }

        public int ip2() {
            return Ipv4Address.parse("10.0.0.2").bits();
        }
    }

    public static TwoHosts twoHosts(long seed) {
        World w = new World(seed);
        NetNamespace h1 = w.createNamespace("h1");
        NetNamespace h2 = w.createNamespace("h2");
        EthernetNic e1 = new EthernetNic(h1, "eth0");
        EthernetNic e2 = new EthernetNic(h2, "eth0");
        Link.connect(e1, e2, LinkConfig.DEFAULT);
        e1.setUp(true);
        e2.setUp(true);
        h1.addAddress(e1, Cidr.parse("10.0.0.1/24"));
        h2.addAddress(e2, Cidr.parse("10.0.0.2/24"));
        return new TwoHosts(w, h1, h2, e1, e2);
    }

    /** One flannel node: host namespace, its devices and its pod. */
    public record Node(NetNamespace host, EthernetNic eth0, VxlanDevice flannel, Bridge cni0, NetNamespace pod,
                       NetDevice podEth0, Ipv4Address podIp) {
    }

    /** Two flannel nodes with one pod each. */
    public record Flannel(World world, Node a, Node b) {
    }

    public static Flannel flannel(long seed) {
        return flannel(seed, 8472);
    }

    /** The flannel pair with another VXLAN port (4789 is the IANA one). */
    public static Flannel flannel(long seed, int vxlanPort) {
        World w = new World(seed);
        NetNamespace ha = w.createNamespace("hostA");
        NetNamespace hb = w.createNamespace("hostB");
        EthernetNic ea = new EthernetNic(ha, "eth0");
        EthernetNic eb = new EthernetNic(hb, "eth0");
        Link.connect(ea, eb, LinkConfig.DEFAULT);
        ea.setUp(true);
        eb.setUp(true);
        ha.addAddress(ea, Cidr.parse("10.0.0.3/24"));
        hb.addAddress(eb, Cidr.parse("10.0.0.4/24"));
        VxlanDevice va = new VxlanDevice(ha, "flannel.100", 100, Ipv4Address.parse("10.0.0.3"), ea, vxlanPort, false);
        VxlanDevice vb = new VxlanDevice(hb, "flannel.100", 100, Ipv4Address.parse("10.0.0.4"), eb, vxlanPort, false);
        Node a = node(w, ha, ea, va, 1);
        Node b = node(w, hb, eb, vb, 2);
        peer(a, b, "10.0.0.4");
        peer(b, a, "10.0.0.3");
        return new Flannel(w, a, b);
    }

    private static Node node(World w, NetNamespace host, EthernetNic eth0, VxlanDevice vx, int n) {
        vx.setUp(true);
        host.addAddress(vx, Cidr.parse("11.10." + n + ".0/32"));
        Bridge cni0 = new Bridge(host, "cni0");
        NetNamespace pod = w.createNamespace("pod" + (char) ('A' + n - 1));
        Veth[] pair = Veth.createPair(host, "veth" + n, pod, "eth0", 1450);
        cni0.addPort(pair[0]);
        cni0.setUp(true);
        pair[0].setUp(true);
        pair[1].setUp(true);
        host.addAddress(cni0, Cidr.parse("11.10." + n + ".1/24"));
        pod.addAddress(pair[1], Cidr.parse("11.10." + n + ".2/24"));
        pod.routes().add(new Route(Cidr.parse("0.0.0.0/0"), RouteType.UNICAST, Ipv4Address.parse("11.10." + n + ".1"),
            pair[1], 0, Ipv4Address.ANY, Route.Scope.UNIVERSE, Route.PROTO_BOOT, false));
        host.sysctl().ipForward = 1;
        return new Node(host, eth0, vx, cni0, pod, pair[1], Ipv4Address.parse("11.10." + n + ".2"));
    }

    /** What flanneld programs on {@code self} for the subnet of {@code other}. */
    private static void peer(Node self, Node other, String otherUnderlay) {
        Ipv4Address otherVtep = other.flannel().addresses().get(0).address();
        String subnet = otherVtep.toString().substring(0, otherVtep.toString().lastIndexOf('.')) + ".0/24";
        self.host().routes().add(new Route(Cidr.parse(subnet), RouteType.UNICAST, otherVtep, self.flannel(), 0,
            Ipv4Address.ANY, Route.Scope.UNIVERSE, Route.PROTO_BOOT, true));
        self.host().neighbours().set(self.flannel(), otherVtep, other.flannel().macAddress(), Neighbour.State.PERMANENT);
        self.flannel().addFdb(other.flannel().macAddress(), Ipv4Address.parse(otherUnderlay), false);
    }

    /** Two hosts on two subnets with a router between them. */
    public record Routed(World world, NetNamespace h1, NetNamespace r, NetNamespace h2, EthernetNic h1Eth,
                         EthernetNic rLeft, EthernetNic rRight, EthernetNic h2Eth) {
    }

    public static Routed routed(long seed, int rightMtu) {
        World w = new World(seed);
        NetNamespace h1 = w.createNamespace("h1");
        NetNamespace r = w.createNamespace("r");
        NetNamespace h2 = w.createNamespace("h2");
        EthernetNic a = new EthernetNic(h1, "eth0");
        EthernetNic rl = new EthernetNic(r, "eth0");
        EthernetNic rr = new EthernetNic(r, "eth1", rightMtu);
        EthernetNic b = new EthernetNic(h2, "eth0", rightMtu);
        Link.connect(a, rl, LinkConfig.DEFAULT);
        Link.connect(rr, b, LinkConfig.DEFAULT);
        for (EthernetNic n : new EthernetNic[] {a, rl, rr, b}) {
            n.setUp(true);
        }
        h1.addAddress(a, Cidr.parse("10.0.1.1/24"));
        r.addAddress(rl, Cidr.parse("10.0.1.254/24"));
        r.addAddress(rr, Cidr.parse("10.0.2.254/24"));
        h2.addAddress(b, Cidr.parse("10.0.2.1/24"));
        h1.routes().add(defaultVia("10.0.1.254", a));
        h2.routes().add(defaultVia("10.0.2.254", b));
        r.sysctl().ipForward = 1;
        return new Routed(w, h1, r, h2, a, rl, rr, b);
    }

    private static Route defaultVia(String gw, NetDevice dev) {
        return new Route(Cidr.parse("0.0.0.0/0"), RouteType.UNICAST, Ipv4Address.parse(gw), dev, 0, Ipv4Address.ANY,
            Route.Scope.UNIVERSE, Route.PROTO_BOOT, false);
    }

    /** Sends a UDP datagram of {@code payload} zero bytes with the given TTL and DF. */
    public static void udp(NetNamespace from, int sport, String dst, int dport, int payload, int ttl, boolean df) {
        io.knetsim.packet.SkBuff skb = io.knetsim.packet.SkBuff.allocate(io.knetsim.packet.SkBuff.DEFAULT_HEADROOM,
            payload);
        skb.put(payload);
        from.udp().send(skb, 0, sport, Ipv4Address.parse(dst).bits(), dport, ttl, 0, df, true);
    }

    /** Sends one echo request like {@code ping -c 1 -s 56}, DF set as iputils does. */
    public static void ping(NetNamespace from, String dst, int id, int seq) {
        int d = Ipv4Address.parse(dst).bits();
        byte[] payload = new byte[56];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (0x10 + i);
        }
        from.icmp().sendEcho(from.ip().route(d, 0, null), d, id, seq, payload, 64, 0, true);
    }
}
