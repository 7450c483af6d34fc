package io.knetsim.net;

import io.knetsim.net.topo.Topo;
import static io.knetsim.net.topo.Topo.pod;
import static io.knetsim.net.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Cidr;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.FdbEntry;
import io.knetsim.netfilter.NfHook;
import io.knetsim.netfilter.Verdict;
import io.knetsim.sim.SimTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Lab: three pods on one node's bridge.
 *
 * <pre>
 *                node: cni0 10.244.1.1/24
 *          vethA /        | vethB       \ vethC
 *      pa .2          pb .3            pc .4
 * </pre>
 */
class BridgeTest {
    private final World world = new World(5);
    private final NetNamespace node = Topo.host(world, "node");
    private final Bridge cni0 = new Bridge(node, "cni0");
    private final NetNamespace pa;
    private final NetNamespace pb;
    private final NetNamespace pc;

    BridgeTest() {
        node.addAddress(cni0, Cidr.parse("10.244.1.1/24"));
        cni0.setUp(true);
        pa = pod(world, "pa", cni0, "vethA", "10.244.1.2/24", "10.244.1.1");
        pb = pod(world, "pb", cni0, "vethB", "10.244.1.3/24", "10.244.1.1");
        pc = pod(world, "pc", cni0, "vethC", "10.244.1.4/24", "10.244.1.1");
    }

    @Test
    void podsOnOneBridgeReachEachOtherAndTheBridgeLearnsWhereTheyAre() {
        assertThat(run(pa, "ping -c 1 10.244.1.3").stdout()).contains("ttl=64");
        assertThat(cni0.fdb().lookup(pa.device("eth0").mac()).port()).isSameAs(node.device("vethA"));
        assertThat(cni0.fdb().lookup(pb.device("eth0").mac()).port()).isSameAs(node.device("vethB"));
        // the ARP broadcast was flooded to pc as well; the unicast echo was not
        assertThat(pc.device("eth0").stats().rxPackets).isEqualTo(1);
    }

    @Test
    void theBridgeIsTheGatewayAddress() {
        assertThat(run(pa, "ping -c 1 10.244.1.1").stdout()).contains("64 bytes from 10.244.1.1: icmp_seq=1 ttl=64");
        assertThat(cni0.stats().rxPackets).isEqualTo(2); // ARP request and echo request passed up
    }

    @Test
    void learnedEntriesAgeOut() {
        run(pa, "ping -c 1 10.244.1.3");
        long mac = pa.device("eth0").mac();
        FdbEntry e = cni0.fdb().lookup(mac);
        assertThat(e).isNotNull();
        // pb confirms its neighbour entry for pa with a unicast ARP probe 5 s after the reply,
        // and that frame refreshes the entry; 300 s after it, the entry is gone
        world.sim().runFor(SimTime.seconds(304));
        assertThat(cni0.fdb().lookup(mac)).isNotNull();
        world.sim().runFor(SimTime.seconds(2));
        assertThat(cni0.fdb().lookup(mac)).isNull();
    }

    @Test
    void bridgedIpv4PassesTheHooksOnlyWithBridgeNfCallIptables() {
        AtomicInteger forwardHooks = new AtomicInteger();
        node.hooks().register(NfHook.FORWARD, 0, (hook, skb, in, out) -> {
            forwardHooks.incrementAndGet();
            return Verdict.ACCEPT;
        });
        run(pa, "ping -c 1 10.244.1.3");
        assertThat(forwardHooks.get()).isZero();

        node.sysctl().set("net.bridge.bridge-nf-call-iptables", "1");
        run(pa, "ping -c 1 10.244.1.3");
        assertThat(forwardHooks.get()).as("request and reply").isEqualTo(2);
    }

    @Test
    void aDropInTheBridgedForwardHookIsCountedAsNfDrop() {
        node.sysctl().set("net.bridge.bridge-nf-call-iptables", "1");
        node.hooks().register(NfHook.FORWARD, 0, (hook, skb, in, out) -> Verdict.DROP);
        var ping = run(pa, "ping -c 1 -W 1 10.244.1.3");
        assertThat(ping.exitCode()).isEqualTo(1);
        assertThat(node.device("vethA").stats().drops.get(DropReason.NF_DROP)).isEqualTo(1);
    }

    @Test
    void hairpinOffDropsFramesThatWouldGoBackOutTheirPort() {
        run(pa, "ping -c 1 10.244.1.3");
        // pretend pb's MAC moved behind vethA without the bridge knowing: a frame from vethA to it
        var vethA = node.device("vethA");
        var frame = io.knetsim.packet.SkBuff.allocate(64, 60);
        frame.put(60);
        io.knetsim.packet.EthernetHeader.write(frame.buf(), frame.data(), pa.device("eth0").mac(),
            pa.device("eth0").mac(), 0x88B5);
        vethA.receive(frame);
        assertThat(vethA.stats().drops.get(DropReason.BRIDGE_SAME_PORT)).isEqualTo(1);
    }

    @Test
    void hooksRunInPriorityOrder() {
        StringBuilder order = new StringBuilder();
        node.hooks().register(NfHook.FORWARD, 10, (h, s, i, o) -> { order.append("b"); return Verdict.ACCEPT; });
        node.hooks().register(NfHook.FORWARD, -10, (h, s, i, o) -> { order.append("a"); return Verdict.ACCEPT; });
        node.sysctl().set("net.bridge.bridge-nf-call-iptables", "1");
        run(pa, "ping -c 1 10.244.1.3");
        assertThat(order.toString()).isEqualTo("abab");
    }
}
