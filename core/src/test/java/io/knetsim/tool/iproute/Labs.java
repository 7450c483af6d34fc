package io.knetsim.tool.iproute;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.dev.Veth;
import io.knetsim.net.dev.VxlanDevice;
import io.knetsim.net.link.Link;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.route.Route;
import io.knetsim.net.route.RouteType;

/** The small worlds the tool tests look at. Every MAC follows from the seed, so outputs are exact. */
public final class Labs {
    public static final long SEED = 42;

    private Labs() {
    }

    /**
     * Two namespaces joined by a veth pair.
     *
     * <pre>
     *   h1 [veth0 10.0.0.1/24] ======= [eth0 10.0.0.2/24] h2
     * </pre>
     */
    public static World twoHosts() {
        World w = new World(SEED);
        NetNamespace h1 = w.createNamespace("h1");
        NetNamespace h2 = w.createNamespace("h2");
        Veth[] p = Veth.createPair(h1, "veth0", h2, "eth0", 1500);
        h1.addAddress(p[0], Cidr.parse("10.0.0.1/24"));
        h2.addAddress(p[1], Cidr.parse("10.0.0.2/24"));
        p[0].setUp(true);
        p[1].setUp(true);
        return w;
    }

    /**
     * A node with a bridge and two pods, cabled to a second node, with a flannel-style VXLAN device.
     *
     * <pre>
     *   pod1 [eth0 10.244.1.2/24]--vethpod1--+
     *                                        cni0 10.244.1.1/24   node [eth0 10.0.0.3/8] ---- [eth0 10.0.0.4/8] node2
     *   pod2 [eth0 10.244.1.3/24]--vethpod2--+                         [flannel.100 11.10.16.0/32, vni 100]
     * </pre>
     */
    public static World nodeWithPods() {
        World w = new World(SEED);
        NetNamespace node = w.createNamespace("node");
        NetNamespace node2 = w.createNamespace("node2");
        EthernetNic eth0 = new EthernetNic(node, "eth0");
        EthernetNic eth0b = new EthernetNic(node2, "eth0");
        Link.connect(eth0, eth0b, LinkConfig.DEFAULT);
        node.addAddress(eth0, Cidr.parse("10.0.0.3/8"));
        node2.addAddress(eth0b, Cidr.parse("10.0.0.4/8"));
        eth0.setUp(true);
        eth0b.setUp(true);
        node.sysctl().ipForward = 1;

        Bridge cni0 = new Bridge(node, "cni0");
        node.addAddress(cni0, Cidr.parse("10.244.1.1/24"));
        cni0.setUp(true);
        for (int i = 1; i <= 2; i++) {
            NetNamespace pod = w.createNamespace("pod" + i);
            Veth[] p = Veth.createPair(node, "vethpod" + i, pod, "eth0", 1500);
            cni0.addPort(p[0]);
            p[0].setUp(true);
            pod.addAddress(p[1], Cidr.parse("10.244.1." + (i + 1) + "/24"));
            p[1].setUp(true);
            pod.routes().add(new Route(Cidr.parse("0.0.0.0/0"), RouteType.UNICAST, Ipv4Address.parse("10.244.1.1"),
                p[1], 0, Ipv4Address.ANY, Route.Scope.UNIVERSE, Route.PROTO_BOOT, false));
        }

        VxlanDevice vx = new VxlanDevice(node, "flannel.100", 100, Ipv4Address.parse("10.0.0.3"), eth0, 8472, false);
        node.addAddress(vx, Cidr.parse("11.10.16.0/32"));
        vx.setUp(true);
        return w;
    }
}
