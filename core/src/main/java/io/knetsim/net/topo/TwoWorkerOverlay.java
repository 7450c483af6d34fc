package io.knetsim.net.topo;

import static io.knetsim.net.topo.Topo.cable;
import static io.knetsim.net.topo.Topo.host;
import static io.knetsim.net.topo.Topo.nic;
import static io.knetsim.net.topo.Topo.pod;
import static io.knetsim.net.topo.Topo.routeOnlink;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.addr.MacAddress;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.Neighbour;
import io.knetsim.net.World;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.dev.VxlanDevice;
import io.knetsim.net.link.LinkConfig;

/**
 * Two flannel-style workers on one underlay link, each with a {@code cni0} bridge, a
 * {@code flannel.100} VXLAN device and one pod: the data path a flannel VXLAN cluster has,
 * wired by hand with exactly the routes, permanent neighbours and FDB entries flanneld
 * programs for a remote lease. Tests, {@code ./knetsim run}'s small world and the forwarding
 * benchmark share it.
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
public final class TwoWorkerOverlay {
    public final World world;
    public final NetNamespace hostA;
    public final NetNamespace hostB;
    public final NetNamespace podA;
    public final NetNamespace podB;
    public final EthernetNic ethA;
    public final EthernetNic ethB;
    public final VxlanDevice vxA;
    public final VxlanDevice vxB;

    public TwoWorkerOverlay(long seed, LinkConfig underlay) {
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
