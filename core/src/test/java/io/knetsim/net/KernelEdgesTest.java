package io.knetsim.net;

import static io.knetsim.net.Fixtures.run;
import static io.knetsim.net.topo.Topo.cable;
import static io.knetsim.net.topo.Topo.nic;
import static io.knetsim.net.topo.Topo.veth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.addr.MacAddress;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.Veth;
import io.knetsim.net.dev.VxlanDevice;
import io.knetsim.net.ipv4.UdpListener;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.packet.SkBuff;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kernel behaviours at the edges: loops, learning tunnels, down devices, bad settings. */
class KernelEdgesTest {
    private final World world = new World(8);

    /**
     * Two bridges joined by two veth pairs form a loop: a broadcast goes round until the hop
     * guard drops it with {@code loop}, instead of overflowing the stack.
     */
    @Test
    void aBridgeLoopEndsInCountedLoopDrops() {
        NetNamespace ns = world.createNamespace("loop");
        Bridge b1 = new Bridge(ns, "br1");
        Bridge b2 = new Bridge(ns, "br2");
        b1.setUp(true);
        b2.setUp(true);
        Veth[] l1 = veth(ns, "l1a", null, ns, "l1b", null);
        Veth[] l2 = veth(ns, "l2a", null, ns, "l2b", null);
        b1.addPort(l1[0]);
        b2.addPort(l1[1]);
        b1.addPort(l2[0]);
        b2.addPort(l2[1]);
        ns.addAddress(b1, Cidr.parse("10.5.0.1/24"));

        run(ns, "ping -c 1 -W 1 10.5.0.9");

        assertThat(ns.drops().get(DropReason.LOOP)).isPositive();
    }

    /**
     * Three VTEPs with learning on and a default (all-zeros) FDB entry naming both others:
     * an ARP broadcast is replicated to each, and replies teach where the MACs live.
     *
     * <pre>
     *   h1 10.0.0.1 ---- sw ---- 10.0.0.2 h2
     *                     |
     *                  10.0.0.3 h3          vxlan0 on each: 192.168.9.N/24, VNI 42
     * </pre>
     */
    @Test
    void vxlanHeadEndReplicationAndLearning() {
        NetNamespace sw = world.createNamespace("sw");
        Bridge swBr = new Bridge(sw, "br0");
        swBr.setUp(true);
        List<NetNamespace> hosts = new ArrayList<>();
        List<VxlanDevice> vx = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            NetNamespace h = world.createNamespace("h" + i);
            var eth = nic(h, "eth0", "10.0.0." + i + "/24");
            var port = new io.knetsim.net.dev.EthernetNic(sw, "p" + i);
            port.setUp(true);
            swBr.addPort(port);
            cable(eth, port, LinkConfig.DEFAULT);
            VxlanDevice v = new VxlanDevice(h, "vxlan0", 42, null, eth, 4789, true);
            h.addAddress(v, Cidr.parse("192.168.9." + i + "/24"));
            v.setUp(true);
            hosts.add(h);
            vx.add(v);
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (i != j) {
                    vx.get(i).addFdb(MacAddress.ZERO, Ipv4Address.parse("10.0.0." + (j + 1)), true);
                }
            }
        }

        assertThat(run(hosts.get(0), "ping -c 1 192.168.9.2").stdout()).contains("1 received");

        // h3 got the replicated ARP broadcast and learned h1's MAC behind 10.0.0.1
        assertThat(hosts.get(2).device("vxlan0").stats().rxPackets).isEqualTo(1);
        assertThat(vx.get(2).fdb().lookup(vx.get(0).mac()).remotes()).containsExactly(Ipv4Address.parse("10.0.0.1").bits());
        assertThat(vx.get(0).fdb().lookup(vx.get(1).mac()).remotes()).containsExactly(Ipv4Address.parse("10.0.0.2").bits());
        assertThat(vx.get(0).mtu()).isEqualTo(1450);
    }

    @Test
    void downDevicesLoseTheirRoutesAndDropWithAReason() {
        NetNamespace a = world.createNamespace("a");
        NetNamespace b = world.createNamespace("b");
        Veth[] p = veth(a, "va", "10.0.0.1/24", b, "vb", "10.0.0.2/24");
        assertThat(a.routes().lookup(Ipv4Address.parse("10.0.0.2").bits())).isNotNull();
        p[0].setUp(false);
        assertThat(a.routes().lookup(Ipv4Address.parse("10.0.0.2").bits())).isNull();
        p[0].setUp(true);
        assertThat(a.routes().lookup(Ipv4Address.parse("10.0.0.2").bits())).isNotNull();

        p[1].setUp(false);
        SkBuff frame = SkBuff.allocate(64, 60);
        frame.put(60);
        p[1].receive(frame);
        assertThat(p[1].stats().drops.get(DropReason.DEV_DOWN)).isEqualTo(1);
    }

    @Test
    void aUdpDatagramToAClosedPortBringsBackPortUnreachable() {
        NetNamespace a = world.createNamespace("a");
        NetNamespace b = world.createNamespace("b");
        veth(a, "va", "10.0.0.1/24", b, "vb", "10.0.0.2/24");
        List<String> errors = new ArrayList<>();
        a.udp().bind(5000, new UdpListener() {
            @Override
            public void receive(SkBuff skb, int src, int sport, int dst, int dport) {
            }

            @Override
            public void icmpError(int from, int type, int code, int info, int dst, int dport) {
                errors.add(Ipv4Address.format(from) + " " + type + "/" + code + " for " + Ipv4Address.format(dst) + ":" + dport);
            }
        });
        a.udp().send(0, 5000, Ipv4Address.parse("10.0.0.2").bits(), 53, new byte[10]);
        world.sim().runUntilIdle();
        assertThat(errors).containsExactly("10.0.0.2 3/3 for 10.0.0.2:53");
        assertThat(b.drops().get(DropReason.NO_SOCKET)).isEqualTo(1);
    }

    @Test
    void packetsWaitingForArpOverflowTheQueueOldestFirst() {
        NetNamespace a = world.createNamespace("a");
        var eth = nic(a, "eth0", "10.0.0.1/24");
        int dst = Ipv4Address.parse("10.0.0.50").bits();
        // 300 datagrams of 1000 bytes: 212,992 bytes of queue hold 140 of them (1020 + 512 each)
        for (int i = 0; i < 300; i++) {
            a.udp().send(0, 5000, dst, 9, new byte[1000 - 8 - 20 + 8]);
        }
        assertThat(eth.stats().drops.get(DropReason.NEIGH_QUEUEFULL)).isEqualTo(300 - 212_992 / (1008 + 512));
        world.sim().runUntilIdle();
        assertThat(eth.stats().drops.get(DropReason.NEIGH_FAILED)).isEqualTo(212_992 / (1008 + 512));
    }

    @Test
    void hairpinOnSendsAFrameBackOutOfItsPort() {
        NetNamespace node = world.createNamespace("node");
        Bridge br = new Bridge(node, "br0");
        br.setUp(true);
        NetNamespace pod = world.createNamespace("pod");
        Veth[] v = veth(node, "veth0", null, pod, "eth0", "10.0.0.2/24");
        var port = br.addPort(v[0]);
        List<String> back = new ArrayList<>();
        pod.device("eth0").addTap((dev, skb, dir) -> back.add(dir.name()));
        // a frame from the pod to its own MAC: the bridge has learned the MAC behind the same port
        SkBuff frame = SkBuff.allocate(64, 60);
        frame.put(60);
        io.knetsim.packet.EthernetHeader.write(frame.buf(), frame.data(), v[1].mac(), v[1].mac(), 0x88B5);
        v[1].xmit(frame.copy());
        assertThat(v[0].stats().drops.get(DropReason.BRIDGE_SAME_PORT)).isEqualTo(1);

        port.setHairpin(true);
        back.clear();
        v[1].xmit(frame.copy());
        assertThat(back).containsExactly("OUT", "IN");
    }

    @Test
    void aBridgeFollowsItsPortsAndLetsGoOfDeletedOnes() {
        NetNamespace node = world.createNamespace("node");
        Bridge br = new Bridge(node, "br0");
        NetNamespace pod = world.createNamespace("pod");
        Veth[] v = veth(node, "veth0", null, pod, "eth0", null);
        br.addPort(v[0]);
        v[0].setMtu(1450);
        assertThat(br.mtu()).isEqualTo(1450);
        // deleting the pod's end deletes the pair; the host end leaves the bridge
        pod.deleteDevice(v[1]);
        assertThat(br.ports()).isEmpty();
        assertThat(node.device("veth0")).isNull();
        assertThat(br.fdb().lookup(v[0].mac())).isNull();
    }

    @Test
    void sysctlsKnowTheirKeysAndValues() {
        NetNamespace a = world.createNamespace("a");
        assertThat(a.sysctl().get("net.ipv4.ip_forward")).isEqualTo("0");
        a.sysctl().set("net/ipv4/ip_forward", "1");
        assertThat(a.sysctl().ipForward).isEqualTo(1);
        assertThatThrownBy(() -> a.sysctl().get("net.ipv4.nope"))
            .hasMessage("sysctl: cannot stat /proc/sys/net/ipv4/nope: No such file or directory");
        assertThatThrownBy(() -> a.sysctl().set("net.ipv4.conf.all.rp_filter", "3"))
            .hasMessage("sysctl: setting key \"net.ipv4.conf.all.rp_filter\": Invalid argument (value '3')");
        assertThat(a.sysctl().get("net.ipv4.conf.all.rp_filter")).isEqualTo("0");
        assertThat(a.sysctl().all()).containsEntry("net.ipv4.ip_local_port_range", "32768\t60999");
    }

    @Test
    void configurationErrorsChangeNothing() {
        NetNamespace a = world.createNamespace("a");
        var eth = nic(a, "eth0", "10.0.0.1/24");
        assertThatThrownBy(() -> a.addAddress(eth, Cidr.parse("10.0.0.1/24")))
            .hasMessage("Error: ipv4: Address already assigned.");
        assertThatThrownBy(() -> new io.knetsim.net.dev.EthernetNic(a, "eth0"))
            .hasMessage("RTNETLINK answers: File exists");
        assertThatThrownBy(() -> a.delAddress(eth, Cidr.parse("10.0.0.9/24")))
            .hasMessage("RTNETLINK answers: Cannot assign requested address");
        assertThatThrownBy(() -> world.createNamespace("a")).hasMessageContaining("File exists");
        assertThat(a.devices()).hasSize(2);
        assertThat(eth.addresses()).hasSize(1);
        assertThat(a.routes().size()).isEqualTo(1);
    }
}
