package io.knetsim.cni.flanneld;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Cidr;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.PacketTap;
import io.knetsim.net.World;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.Topo;
import io.knetsim.packet.EthernetHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.UdpHeader;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What each backend programs for a remote lease, and that pods then reach each other.
 *
 * <pre>
 *   podA 11.10.16.2/20 -- cni0 11.10.16.1 [hostA eth0 10.0.0.3] ===== [hostB eth0 10.0.0.4] cni0 11.10.32.1 -- podB 11.10.32.2/20
 *                         lease 11.10.16.0/20                                 lease 11.10.32.0/20
 * </pre>
 */
class BackendDataPathTest {
    private final World world = new World(5);
    private final NetNamespace hostA = Topo.host(world, "hostA");
    private final NetNamespace hostB = Topo.host(world, "hostB");
    private final EthernetNic ethA = Topo.nic(hostA, "eth0", "10.0.0.3/24");
    private final EthernetNic ethB = Topo.nic(hostB, "eth0", "10.0.0.4/24");
    private final ToolRunner sh = new ToolRunner(CoreTools.registry(), Path.of("."));
    private final Cidr subnetA = Cidr.parse("11.10.16.0/20");
    private final Cidr subnetB = Cidr.parse("11.10.32.0/20");

    {
        Topo.cable(ethA, ethB, LinkConfig.DEFAULT);
    }

    private NetNamespace pod(NetNamespace host, String name, String cidr, String gw, int mtu) {
        Bridge br = new Bridge(host, "cni0");
        host.addAddress(br, Cidr.parse(gw + "/20"));
        br.setUp(true);
        return Topo.pod(world, name, br, "veth" + name, cidr, gw, mtu);
    }

    private Lease[] program(FlannelConfig cfg, Backend a, Backend b) {
        Lease la = new Lease(subnetA, new LeaseAttrs(ethA.primaryAddress().address(), a.type(), a.prepare()), 0);
        Lease lb = new Lease(subnetB, new LeaseAttrs(ethB.primaryAddress().address(), b.type(), b.prepare()), 0);
        a.configureLocal(la);
        b.configureLocal(lb);
        a.addRemote(lb);
        b.addRemote(la);
        return new Lease[] {la, lb};
    }

    private String out(NetNamespace ns, String line) {
        Invocation inv = sh.run(ns, line);
        assertThat(inv.stderr()).isEmpty();
        return inv.stdout();
    }

    @Test
    void vxlanProgramsRouteNeighbourAndFdbAndPodsPingWithTtl62() throws Exception {
        FlannelConfig cfg = FlannelConfig.parse(FlannelConfigTest.DEFAULT_WORLD);
        VxlanBackend a = new VxlanBackend(cfg, hostA, ethA, ethA.primaryAddress().address());
        VxlanBackend b = new VxlanBackend(cfg, hostB, ethB, ethB.primaryAddress().address());
        Lease[] leases = program(cfg, a, b);
        NetNamespace podA = pod(hostA, "podA", "11.10.16.2/20", "11.10.16.1", a.mtu());
        pod(hostB, "podB", "11.10.32.2/20", "11.10.32.1", b.mtu());

        String macB = leases[1].attrs().backendData().path("VtepMAC").asText();
        assertThat(a.mtu()).isEqualTo(1450);
        assertThat(out(hostA, "ip route show dev flannel.100")).isEqualTo("11.10.32.0/20 via 11.10.32.0 onlink \n");
        assertThat(out(hostA, "ip neigh show dev flannel.100")).isEqualTo("11.10.32.0 lladdr " + macB + " PERMANENT \n");
        assertThat(out(hostA, "bridge fdb show dev flannel.100")).isEqualTo(macB + " dst 10.0.0.4 self permanent\n");
        assertThat(out(hostA, "ip -br addr show dev flannel.100")).contains("11.10.16.0/32");

        List<byte[]> wire = capture(ethA);
        assertThat(out(podA, "ping -c 2 11.10.32.2")).contains("64 bytes from 11.10.32.2: icmp_seq=1 ttl=62",
            "2 packets transmitted, 2 received, 0% packet loss");
        byte[] f = wire.get(0);
        assertThat(Ipv4Header.protocol(f, EthernetHeader.LENGTH)).isEqualTo(Ipv4Header.PROTO_UDP);
        assertThat(UdpHeader.dstPort(f, EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH)).isEqualTo(8472);

        a.removeRemote(leases[1]);
        assertThat(out(hostA, "ip route show dev flannel.100")).isEmpty();
        assertThat(out(hostA, "ip neigh show dev flannel.100")).isEmpty();
        assertThat(out(hostA, "bridge fdb show dev flannel.100")).isEmpty();
        assertThat(sh.run(podA, "ping -c 1 -W 1 11.10.32.2").stdout()).contains("1 packets transmitted, 0 received");
    }

    @Test
    void hostGwRoutesViaTheRemoteWorkerWithoutEncapsulation() throws Exception {
        FlannelConfig cfg = FlannelConfig.parse("{\"Network\":\"11.0.0.0/8\",\"SubnetLen\":20,"
            + "\"Backend\":{\"Type\":\"host-gw\"}}");
        HostGwBackend a = new HostGwBackend(hostA, ethA);
        HostGwBackend b = new HostGwBackend(hostB, ethB);
        Lease[] leases = program(cfg, a, b);
        NetNamespace podA = pod(hostA, "podA", "11.10.16.2/20", "11.10.16.1", a.mtu());
        pod(hostB, "podB", "11.10.32.2/20", "11.10.32.1", b.mtu());

        assertThat(a.mtu()).isEqualTo(1500);
        assertThat(leases[0].attrs().toJson()).isEqualTo(
            "{\"PublicIP\":\"10.0.0.3\",\"PublicIPv6\":null,\"BackendType\":\"host-gw\",\"BackendData\":null}");
        assertThat(out(hostA, "ip route show 11.10.32.0/20")).isEqualTo("11.10.32.0/20 via 10.0.0.4 dev eth0 \n");
        List<byte[]> wire = capture(ethA);
        assertThat(out(podA, "ping -c 1 11.10.32.2")).contains("64 bytes from 11.10.32.2: icmp_seq=1 ttl=62");
        byte[] f = wire.get(0);
        assertThat(Ipv4Header.protocol(f, EthernetHeader.LENGTH)).isEqualTo(Ipv4Header.PROTO_ICMP);
        assertThat(Ipv4Header.Repr.parse(f, EthernetHeader.LENGTH).src()).hasToString("11.10.16.2");

        a.removeRemote(leases[1]);
        assertThat(out(hostA, "ip route show 11.10.32.0/20")).isEmpty();
    }

    private static List<byte[]> capture(EthernetNic nic) {
        List<byte[]> frames = new ArrayList<>();
        nic.addTap((dev, skb, dir) -> {
            byte[] b = skb.toByteArray();
            if (dir == PacketTap.Direction.OUT && EthernetHeader.etherType(b, 0) == EthernetHeader.TYPE_IPV4) {
                frames.add(b);
            }
        });
        return frames;
    }
}
