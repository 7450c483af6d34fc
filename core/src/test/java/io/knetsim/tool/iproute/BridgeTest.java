package io.knetsim.tool.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.addr.MacAddress;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.dev.VxlanDevice;
import io.knetsim.sim.SimTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code bridge fdb} and {@code bridge link} on a node whose bridge has learned its pods'
 * MACs, and whose flannel device has the entries flannel writes.
 *
 * <pre>
 *   pod1 [eth0 10.244.1.2/24]--vethpod1--+
 *                                        cni0 10.244.1.1/24   node [eth0 10.0.0.3/8] ---- [eth0 10.0.0.4/8] node2
 *   pod2 [eth0 10.244.1.3/24]--vethpod2--+                         [flannel.100 11.10.16.0/32, vni 100]
 * </pre>
 */
class BridgeTest {
    private final Shell sh = new Shell();
    private World w;
    private NetNamespace node;
    private NetNamespace pod1;

    @BeforeEach
    void build() {
        w = Labs.nodeWithPods();
        node = w.namespace("node");
        pod1 = w.namespace("pod1");
    }

    /** pod1 sends pod2 a datagram: the ARP exchange teaches cni0 where both pods are. */
    private void pod1TalksToPod2() {
        pod1.udp().send(0, 5000, Ipv4Address.parse("10.244.1.3").bits(), 5000, new byte[10]);
        w.sim().runFor(SimTime.seconds(1));
    }

    @Test
    void listsLearnedEntriesThePortsOwnMacsAndTheBridgesOwnMac() {
        pod1TalksToPod2();
        assertThat(sh.out(node, "bridge fdb show")).isEqualTo("""
            22:c3:57:46:44:f7 dev cni0 vlan 1 master cni0 permanent
            22:c3:57:46:44:f7 dev cni0 master cni0 permanent
            72:9a:1e:ad:3d:2c dev vethpod1 master cni0\s
            da:9a:27:d9:b4:a1 dev vethpod1 vlan 1 master cni0 permanent
            da:9a:27:d9:b4:a1 dev vethpod1 master cni0 permanent
            6a:24:88:2c:6c:2e dev vethpod2 master cni0\s
            9a:ad:fa:52:e8:55 dev vethpod2 vlan 1 master cni0 permanent
            9a:ad:fa:52:e8:55 dev vethpod2 master cni0 permanent
            """);
        assertThat(sh.out(node, "bridge fdb show dev vethpod1")).isEqualTo("""
            72:9a:1e:ad:3d:2c master cni0\s
            da:9a:27:d9:b4:a1 vlan 1 master cni0 permanent
            da:9a:27:d9:b4:a1 master cni0 permanent
            """);
        assertThat(sh.out(node, "bridge fdb show br cni0")).isEqualTo(sh.out(node, "bridge fdb"));
        assertThat(sh.out(node, "bridge fdb show br eth0")).isEmpty();
    }

    @Test
    void learnedEntriesAgeOutAfterFiveMinutes() {
        pod1TalksToPod2();
        // pod2 confirms pod1's address about 6 s later (STALE, DELAY, a unicast probe); 300 s after that, gone
        w.sim().runFor(SimTime.seconds(290));
        assertThat(sh.out(node, "bridge fdb show brport vethpod1")).startsWith("72:9a:1e:ad:3d:2c master cni0 \n");
        w.sim().runFor(SimTime.seconds(20));
        assertThat(sh.out(node, "bridge fdb show brport vethpod1")).isEqualTo("""
            da:9a:27:d9:b4:a1 vlan 1 master cni0 permanent
            da:9a:27:d9:b4:a1 master cni0 permanent
            """);
    }

    @Test
    void staticAndLocalEntriesCanBeAddedToAPortAndDeleted() {
        sh.ok(node, "bridge fdb add 02:00:00:00:00:01 dev vethpod1 master static");
        sh.ok(node, "bridge fdb add 02:00:00:00:00:02 dev vethpod2 master");
        assertThat(sh.out(node, "bridge fdb show dev vethpod1")).startsWith("02:00:00:00:00:01 master cni0 static\n");
        assertThat(sh.out(node, "bridge fdb show dev vethpod2")).isEqualTo("""
            02:00:00:00:00:02 master cni0 permanent
            9a:ad:fa:52:e8:55 vlan 1 master cni0 permanent
            9a:ad:fa:52:e8:55 master cni0 permanent
            """);
        sh.fails(node, "bridge fdb add 02:00:00:00:00:01 dev vethpod2 master", "RTNETLINK answers: File exists\n", 255);
        sh.ok(node, "bridge fdb del 02:00:00:00:00:01 dev vethpod1 master");
        sh.fails(node, "bridge fdb del 02:00:00:00:00:01 dev vethpod1 master",
            "RTNETLINK answers: No such file or directory\n", 255);
        assertThat(sh.out(node, "bridge fdb show dev vethpod1")).doesNotContain("02:00:00:00:00:01");
    }

    @Test
    void vxlanEntriesAreListedOncePerRemote() {
        VxlanDevice vx = (VxlanDevice) node.device("flannel.100");
        vx.addFdb(MacAddress.parse("0a:58:0b:0a:20:00"), Ipv4Address.parse("10.0.0.4"), false);
        sh.ok(node, "bridge fdb append 00:00:00:00:00:00 dev flannel.100 dst 10.0.0.4");
        sh.ok(node, "bridge fdb append 00:00:00:00:00:00 dev flannel.100 dst 10.0.0.5");
        sh.ok(node, "bridge fdb add 0e:00:00:00:00:09 dev flannel.100 dst 10.0.0.9 self permanent");
        assertThat(sh.out(node, "bridge fdb show dev flannel.100")).isEqualTo("""
            00:00:00:00:00:00 dst 10.0.0.4 self permanent
            00:00:00:00:00:00 dst 10.0.0.5 self permanent
            0a:58:0b:0a:20:00 dst 10.0.0.4 self permanent
            0e:00:00:00:00:09 dst 10.0.0.9 self permanent
            """);
        assertThat(sh.out(node, "bridge fdb")).endsWith("""
            00:00:00:00:00:00 dev flannel.100 dst 10.0.0.4 self permanent
            00:00:00:00:00:00 dev flannel.100 dst 10.0.0.5 self permanent
            0a:58:0b:0a:20:00 dev flannel.100 dst 10.0.0.4 self permanent
            0e:00:00:00:00:09 dev flannel.100 dst 10.0.0.9 self permanent
            """);
        sh.ok(node, "bridge fdb replace 0e:00:00:00:00:09 dev flannel.100 dst 10.0.0.4");
        sh.ok(node, "bridge fdb del 00:00:00:00:00:00 dev flannel.100 dst 10.0.0.4");
        sh.ok(node, "bridge fdb delete 0a:58:0b:0a:20:00 dev flannel.100");
        assertThat(sh.out(node, "bridge fdb show dev flannel.100")).isEqualTo("""
            00:00:00:00:00:00 dst 10.0.0.5 self permanent
            0e:00:00:00:00:09 dst 10.0.0.4 self permanent
            """);
    }

    @Test
    void badFdbRequestsAreRefusedAndChangeNothing() {
        sh.ok(node, "bridge fdb add 0e:00:00:00:00:09 dev flannel.100 dst 10.0.0.9");
        sh.fails(node, "bridge fdb add 0e:00:00:00:00:09 dev flannel.100 dst 10.0.0.4",
            "RTNETLINK answers: File exists\n", 255);
        sh.fails(node, "bridge fdb add 0e:00:00:00:00:08 dev flannel.100", "RTNETLINK answers: Invalid argument\n", 255);
        sh.fails(node, "bridge fdb del 0e:00:00:00:00:09 dev flannel.100 dst 10.0.0.7",
            "RTNETLINK answers: No such file or directory\n", 255);
        sh.fails(node, "bridge fdb add 0e:00:00:00:00:08 dev eth9 dst 10.0.0.4", "Cannot find device \"eth9\"\n", 255);
        sh.fails(node, "bridge fdb add 0e:00:00:00:00:08 dst 10.0.0.4", "Device and address are required arguments.\n",
            255);
        sh.fails(node, "bridge fdb add 0e:00:00:00:08 dev flannel.100 dst 10.0.0.4",
            "Invalid mac address 0e:00:00:00:08\n", 255);
        sh.fails(node, "bridge fdb add 0e:00:00:00:00:08 dev eth0 master", "RTNETLINK answers: Operation not supported\n",
            255);
        sh.fails(node, "bridge fdb show dev eth9", "Cannot find device \"eth9\"\n", 255);
        sh.fails(node, "bridge fdb show br br9", "Cannot find bridge device \"br9\"\n", 255);
        sh.fails(node, "bridge fdb frob", "Command \"frob\" is unknown, try \"bridge fdb help\".\n", 255);
        sh.fails(node, "bridge frob", "Object \"frob\" is unknown, try \"bridge help\".\n", 255);
    }

    @Test
    void linkListsThePortsAndSetsTheirFlags() {
        assertThat(sh.out(node, "bridge link")).isEqualTo("""
            4: vethpod1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master cni0 state forwarding priority 32 cost 2\s
            5: vethpod2@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master cni0 state forwarding priority 32 cost 2\s
            """);
        sh.ok(node, "bridge link set dev vethpod1 hairpin on learning off");
        sh.ok(pod1, "ip link set eth0 down");
        assertThat(sh.out(node, "bridge -d link show dev vethpod1")).isEqualTo("""
            4: vethpod1@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 master cni0 state disabled priority 32 cost 2\s
                hairpin on guard off root_block off fastleave off learning off flood on mcast_flood on \
            neigh_suppress off vlan_tunnel off isolated off\s
            """);
        sh.fails(node, "bridge link set dev vethpod1 hairpin maybe",
            "Error: argument of \"hairpin\" must be \"on\" or \"off\"\n", 255);
        sh.fails(node, "bridge link set dev eth0 hairpin on", "RTNETLINK answers: Operation not supported\n", 255);
        sh.fails(node, "bridge link set dev eth9 hairpin on", "Cannot find bridge device \"eth9\"\n", 255);
        sh.fails(node, "bridge link set hairpin on", "Device is a required argument.\n", 255);
    }

    @Test
    void hairpinOnIsSetOnTheModelsBridgePort() {
        sh.ok(node, "bridge link set dev vethpod1 hairpin on");
        assertThat(((io.knetsim.net.dev.Bridge) node.device("cni0")).port(node.device("vethpod1")).hairpin()).isTrue();
    }
}
