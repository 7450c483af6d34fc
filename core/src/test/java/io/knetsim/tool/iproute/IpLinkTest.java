package io.knetsim.tool.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Invocation;
import org.junit.jupiter.api.Test;

/**
 * {@code ip link}: listing with statistics and details, creating veth pairs, bridges and
 * VXLAN devices, changing and deleting them.
 *
 * <pre>
 *   h1 [veth0 10.0.0.1/24] ======= [eth0 10.0.0.2/24] h2
 * </pre>
 */
class IpLinkTest {
    private final Shell sh = new Shell();
    private final World w = Labs.twoHosts();
    private final NetNamespace h1 = w.namespace("h1");
    private final NetNamespace h2 = w.namespace("h2");

    @Test
    void listsDevicesWithModeDefault() {
        assertThat(sh.out(h1, "ip link")).isEqualTo("""
            1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
                link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
            2: veth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
                link/ether ae:e6:92:09:2f:3b brd ff:ff:ff:ff:ff:ff link-netnsid 0
            """);
        assertThat(sh.out(h1, "ip l sh dev veth0")).isEqualTo(sh.out(h1, "ip link show veth0"));
        assertThat(sh.out(h2, "ip -br link")).isEqualTo("""
            lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP>\s
            eth0@if2         UP             8a:af:9f:2a:be:57 <BROADCAST,MULTICAST,UP,LOWER_UP>\s
            """);
    }

    @Test
    void statisticsCountTheFramesThatCrossedTheLink() {
        // one datagram to h2 (ARP first; h2 answers port unreachable) and one to a host that is not there
        h1.udp().send(0, 5000, Ipv4Address.parse("10.0.0.2").bits(), 5000, new byte[100]);
        h1.udp().send(0, 5000, Ipv4Address.parse("10.0.0.9").bits(), 5000, new byte[100]);
        w.sim().runFor(SimTime.seconds(5));
        assertThat(sh.out(h1, "ip -s link show veth0")).isEqualTo("""
            2: veth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
                link/ether ae:e6:92:09:2f:3b brd ff:ff:ff:ff:ff:ff link-netnsid 0
                RX:  bytes packets errors dropped  missed   mcast          \s
                       254       3      0       1       0       0\s
                TX:  bytes packets errors dropped carrier collsns          \s
                       352       6      0       1       0       0\s
            """);
        assertThat(sh.out(h2, "ip -stats link show eth0")).contains("""
                RX:  bytes packets errors dropped  missed   mcast          \s
                       352       6      0       1       0       0\s
                TX:  bytes packets errors dropped carrier collsns          \s
                       254       3      0       0       0       0\s
            """);
    }

    @Test
    void statisticsColumnsWidenForLargeCounters() {
        var s = h1.device("veth0").stats();
        s.rxBytes = 123_456_789_012L;
        s.rxPackets = 98_765_432L;
        assertThat(sh.out(h1, "ip -s -s link show veth0")).endsWith("""
                RX:    bytes  packets errors dropped  missed   mcast          \s
                123456789012 98765432      0       0       0       0\s
                TX:    bytes  packets errors dropped carrier collsns          \s
                           0        0      0       0       0       0\s
            """);
    }

    @Test
    void aVethPairInOneNamespaceNamesItsPeerAndShowsMdownWhileThePeerIsDown() {
        sh.ok(h1, "ip link add veth1 type veth peer name veth2");
        assertThat(sh.out(h1, "ip link show veth1") + sh.out(h1, "ip link show veth2")).isEqualTo("""
            3: veth1@veth2: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
                link/ether 32:8b:45:05:be:c9 brd ff:ff:ff:ff:ff:ff
            4: veth2@veth1: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
                link/ether 2e:78:c2:9d:db:26 brd ff:ff:ff:ff:ff:ff
            """);
        sh.ok(h1, "ip link set veth1 up");
        assertThat(sh.out(h1, "ip link show veth1") + sh.out(h1, "ip link show veth2")).isEqualTo("""
            3: veth1@veth2: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue state LOWERLAYERDOWN mode DEFAULT group default qlen 1000
                link/ether 32:8b:45:05:be:c9 brd ff:ff:ff:ff:ff:ff
            4: veth2@veth1: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
                link/ether 2e:78:c2:9d:db:26 brd ff:ff:ff:ff:ff:ff
            """);
        sh.ok(h1, "ip link set dev veth2 up");
        assertThat(sh.out(h1, "ip -br link show type veth")).isEqualTo("""
            veth0@if2        UP             ae:e6:92:09:2f:3b <BROADCAST,MULTICAST,UP,LOWER_UP>\s
            veth1@veth2      UP             32:8b:45:05:be:c9 <BROADCAST,MULTICAST,UP,LOWER_UP>\s
            veth2@veth1      UP             2e:78:c2:9d:db:26 <BROADCAST,MULTICAST,UP,LOWER_UP>\s
            """);
    }

    @Test
    void aPeerCreatedInAnotherNamespaceShowsIfindexAndNetnsid() {
        sh.ok(h1, "ip link add vethx type veth peer name eth1 netns h2");
        assertThat(sh.out(h1, "ip link show vethx")).isEqualTo("""
            3: vethx@if3: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
                link/ether d6:89:95:1e:99:5c brd ff:ff:ff:ff:ff:ff link-netnsid 0
            """);
        assertThat(sh.out(h2, "ip link show eth1")).isEqualTo("""
            3: eth1@if3: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
                link/ether d6:83:56:6e:92:48 brd ff:ff:ff:ff:ff:ff link-netnsid 0
            """);
    }

    @Test
    void namesLeftOutAreChosenAsTheKernelDoes() {
        sh.ok(h1, "ip link add type veth");
        sh.ok(h1, "ip link add type bridge");
        assertThat(sh.out(h1, "ip -br link")).isEqualTo("""
            lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP>\s
            veth0@if2        UP             ae:e6:92:09:2f:3b <BROADCAST,MULTICAST,UP,LOWER_UP>\s
            veth1@veth2      DOWN           32:8b:45:05:be:c9 <BROADCAST,MULTICAST,M-DOWN>\s
            veth2@veth1      DOWN           2e:78:c2:9d:db:26 <BROADCAST,MULTICAST,M-DOWN>\s
            bridge0          DOWN           ce:e0:f7:9a:2a:be <BROADCAST,MULTICAST>\s
            """);
    }

    @Test
    void noudpcsumTurnsTheOuterChecksumOff() {
        assertThat(sh.run(h1, "ip link add vx1 type vxlan id 43 dstport 4789 noudpcsum").exitCode()).isZero();
        assertThat(sh.out(h1, "ip -d link show vx1")).contains(" noudpcsum noudp6zerocsumtx ");
        assertThat(((io.knetsim.net.dev.VxlanDevice) h1.device("vx1")).udpChecksum()).isFalse();
    }

    @Test
    void aVxlanDeviceWithoutDstportGetsTheKernelDefaultAndIproute2sWarning() {
        Invocation inv = sh.run(h1, "ip link add vx0 type vxlan id 42 dev veth0");
        assertThat(inv.exitCode()).isZero();
        assertThat(inv.stderr()).isEqualTo("""
            vxlan: destination port not specified
            Will use Linux kernel default (non-standard value)
            Use 'dstport 4789' to get the IANA assigned value
            Use 'dstport 0' to get default and quiet this message
            """);
        assertThat(sh.out(h1, "ip -d link show vx0")).isEqualTo("""
            3: vx0: <BROADCAST,MULTICAST> mtu 1450 qdisc noop state DOWN mode DEFAULT group default\s
                link/ether e2:2e:eb:bc:95:ed brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535\s
                vxlan id 42 dev veth0 srcport 0 0 dstport 8472 ttl auto ageing 300 udpcsum noudp6zerocsumtx \
            noudp6zerocsumrx addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 \
            tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536\s
            """);
        sh.ok(h1, "ip link add vx1 type vxlan id 43 local 10.0.0.1 remote 10.0.0.2 dstport 4789 nolearning");
        assertThat(sh.out(h1, "ip -d link show vx1")).contains(
            "    vxlan id 43 local 10.0.0.1 srcport 0 0 dstport 4789 nolearning ttl auto ageing 300 ");
        assertThat(sh.out(h1, "bridge fdb show dev vx1")).isEqualTo("00:00:00:00:00:00 dst 10.0.0.2 self permanent\n");
    }

    @Test
    void detailsShowTheBridgeThePortAndTheVxlanDevice() {
        World n = Labs.nodeWithPods();
        NetNamespace node = n.namespace("node");
        assertThat(sh.out(node, "ip -d link show cni0")).isEqualTo("""
            3: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
                link/ether 22:c3:57:46:44:f7 brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535\s
                bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768 \
            vlan_filtering 0 vlan_protocol 802.1Q bridge_id 8000.22:c3:57:46:44:f7 designated_root \
            8000.22:c3:57:46:44:f7 root_port 0 root_path_cost 0 topology_change 0 topology_change_detected 0 \
            addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 65536 \
            tso_max_segs 65535 gro_max_size 65536\s
            """);
        assertThat(sh.out(node, "ip -details link show vethpod2")).isEqualTo("""
            5: vethpod2@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master cni0 state UP mode DEFAULT group default qlen 1000
                link/ether 9a:ad:fa:52:e8:55 brd ff:ff:ff:ff:ff:ff link-netnsid 1 promiscuity 1  allmulti 1 minmtu 68 maxmtu 65535\s
                veth\s
                bridge_slave state forwarding priority 32 cost 2 hairpin off guard off root_block off fastleave off \
            learning on flood on port_id 0x8002 port_no 0x2 designated_port 32770 designated_cost 0 designated_bridge \
            8000.22:c3:57:46:44:f7 designated_root 8000.22:c3:57:46:44:f7 addrgenmode eui64 numtxqueues 1 \
            numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 \
            gro_max_size 65536\s
            """);
        assertThat(sh.out(node, "ip -d link show flannel.100")).isEqualTo("""
            6: flannel.100: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default\s
                link/ether c6:08:db:7e:1d:5b brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535\s
                vxlan id 100 local 10.0.0.3 dev eth0 srcport 0 0 dstport 8472 nolearning ttl auto ageing 300 udpcsum \
            noudp6zerocsumtx noudp6zerocsumrx addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 \
            gso_max_segs 65535 tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536\s
            """);
        assertThat(sh.out(node, "ip link show master cni0")).isEqualTo("""
            4: vethpod1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master cni0 state UP mode DEFAULT group default qlen 1000
                link/ether da:9a:27:d9:b4:a1 brd ff:ff:ff:ff:ff:ff link-netnsid 0
            5: vethpod2@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master cni0 state UP mode DEFAULT group default qlen 1000
                link/ether 9a:ad:fa:52:e8:55 brd ff:ff:ff:ff:ff:ff link-netnsid 1
            """);
    }

    @Test
    void setChangesMtuAddressNameAndState() {
        sh.ok(h1, "ip link set veth0 down");
        sh.ok(h1, "ip link set dev veth0 mtu 1400 address 02:00:00:00:00:01 name pod0");
        sh.ok(h1, "ip link set pod0 up");
        assertThat(sh.out(h1, "ip link show pod0")).isEqualTo("""
            2: pod0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1400 qdisc noqueue state UP mode DEFAULT group default qlen 1000
                link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff link-netnsid 0
            """);
        // the address went with the device; its connected route came back when it went up
        assertThat(sh.out(h1, "ip route")).isEqualTo("10.0.0.0/24 dev pod0 proto kernel scope link src 10.0.0.1 \n");
        assertThat(sh.out(h2, "ip link show eth0")).startsWith("2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP>");
    }

    @Test
    void downTakesTheCarrierFromThePeer() {
        sh.ok(h2, "ip link set eth0 down");
        assertThat(sh.out(h1, "ip link show veth0")).startsWith(
            "2: veth0@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state LOWERLAYERDOWN ");
        assertThat(sh.out(h1, "ip route")).isEqualTo(
            "10.0.0.0/24 dev veth0 proto kernel scope link src 10.0.0.1 linkdown \n");
    }

    @Test
    void netnsMovesADeviceWhichComesUpWithItsNewName() {
        sh.ok(h1, "ip link add vethb type veth peer name vethc");
        sh.ok(h1, "ip link set vethc netns h2 name eth1 up");
        // vethc keeps its index 4 in h2, since no device there has it (as the kernel does)
        assertThat(sh.out(h1, "ip link show vethb")).isEqualTo("""
            3: vethb@if4: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
                link/ether 76:c0:c6:7b:5d:c0 brd ff:ff:ff:ff:ff:ff link-netnsid 0
            """);
        assertThat(sh.out(h2, "ip link show eth1")).isEqualTo("""
            4: eth1@if3: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state LOWERLAYERDOWN mode DEFAULT group default qlen 1000
                link/ether 1e:75:f0:e2:c1:53 brd ff:ff:ff:ff:ff:ff link-netnsid 0
            """);
    }

    @Test
    void masterAndNomasterEnslaveAndFreeABridgePort() {
        sh.ok(h1, "ip link add br0 type bridge");
        sh.ok(h1, "ip link set veth0 master br0");
        sh.ok(h1, "ip link set br0 up");
        assertThat(sh.out(h1, "ip link show veth0")).startsWith(
            "2: veth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP ");
        assertThat(sh.out(h1, "bridge link")).isEqualTo(
            "2: veth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2 \n");
        sh.ok(h1, "ip link set veth0 nomaster");
        assertThat(sh.out(h1, "bridge link")).isEmpty();
        assertThat(sh.out(h1, "ip link show br0")).startsWith(
            "3: br0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN ");
    }

    @Test
    void deletingOneEndOfAVethPairDeletesBothAndFreesTheBridgePort() {
        World n = Labs.nodeWithPods();
        NetNamespace node = n.namespace("node");
        NetNamespace pod1 = n.namespace("pod1");
        sh.ok(pod1, "ip link del eth0");
        assertThat(sh.out(pod1, "ip -br link")).isEqualTo(
            "lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n");
        assertThat(sh.out(node, "ip -br link show master cni0")).isEqualTo(
            "vethpod2@if2     UP             9a:ad:fa:52:e8:55 <BROADCAST,MULTICAST,UP,LOWER_UP> \n");
        assertThat(sh.out(node, "bridge fdb show br cni0")).doesNotContain("vethpod1");
        sh.ok(node, "ip link delete dev cni0");
        assertThat(sh.out(node, "ip -br link show vethpod2")).isEqualTo(
            "vethpod2@if2     UP             9a:ad:fa:52:e8:55 <BROADCAST,MULTICAST,UP,LOWER_UP> \n");
        assertThat(sh.out(node, "ip route")).isEqualTo("10.0.0.0/8 dev eth0 proto kernel scope link src 10.0.0.3 \n");
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() {
        sh.fails(h1, "ip link set eth9 up", "Cannot find device \"eth9\"\n", 1);
        sh.fails(h1, "ip link show eth9", "Device \"eth9\" does not exist.\n", 1);
        sh.fails(h1, "ip link set veth0 mtu 70000", "Error: mtu greater than device maximum.\n", 2);
        sh.fails(h1, "ip link set veth0 mtu 60", "Error: mtu less than device minimum.\n", 2);
        sh.fails(h1, "ip link set veth0 mtu big", "Error: argument \"big\" is wrong: Invalid \"mtu\" value\n\n", 255);
        sh.fails(h1, "ip link set veth0 address 01:00:5e:00:00:01",
            "RTNETLINK answers: Cannot assign requested address\n", 2);
        sh.fails(h1, "ip link set veth0 address zz", "\"zz\" is invalid lladdr.\n", 1);
        sh.fails(h1, "ip link set veth0 name eth0", "RTNETLINK answers: Device or resource busy\n", 2);
        sh.fails(h1, "ip link set veth0 name lo", "RTNETLINK answers: File exists\n", 2);
        sh.fails(h1, "ip link set veth0 name averyveryverylongname",
            "Error: argument \"averyveryverylongname\" is wrong: \"name\" not a valid ifname\n", 255);
        sh.fails(h1, "ip link set veth0 netns mars", "Error: argument \"mars\" is wrong: Invalid \"netns\" value\n\n", 255);
        sh.fails(h1, "ip link set lo netns h2", "RTNETLINK answers: Invalid argument\n", 2);
        sh.fails(h1, "ip link set veth0 master lo", "RTNETLINK answers: Operation not supported\n", 2);
        sh.fails(h1, "ip link set veth0 master br9", "Error: argument \"br9\" is wrong: Device does not exist\n\n", 255);
        sh.fails(h1, "ip link set veth0 frob", "Error: either \"dev\" is duplicate, or \"frob\" is a garbage.\n", 255);
        sh.fails(h1, "ip link add veth0 type veth peer name x", "RTNETLINK answers: File exists\n", 2);
        sh.fails(h1, "ip link add a type veth peer name veth0", "RTNETLINK answers: File exists\n", 2);
        sh.fails(h1, "ip link add x type wireguard", "Error: Unknown device type.\n", 2);
        sh.fails(h1, "ip link add x", "Not enough information: \"type\" argument is required\n", 1);
        sh.fails(h1, "ip link add vx type vxlan dstport 8472", "vxlan: missing virtual network identifier\n", 1);
        sh.fails(h1, "ip link add vx type vxlan id 16777216 dstport 8472",
            "Error: argument \"16777216\" is wrong: invalid id\n", 255);
        sh.fails(h1, "ip link add vx type vxlan id 1 dev eth9 dstport 8472", "Cannot find device \"eth9\"\n", 1);
        sh.fails(h1, "ip link del lo", "RTNETLINK answers: Operation not supported\n", 2);
        sh.fails(h1, "ip link del eth9", "Cannot find device \"eth9\"\n", 1);
        sh.fails(h1, "ip link frob", "Command \"frob\" is unknown, try \"ip link help\".\n", 255);
        sh.fails(h1, "ip link set", "Not enough information: \"dev\" argument is required.\n", 255);
    }

    @Test
    void aSecondVxlanDeviceWithTheSameVniOnThePortIsRefused() {
        sh.ok(h1, "ip link add vx0 type vxlan id 7 dstport 8472");
        sh.fails(h1, "ip link add vx1 type vxlan id 7 dstport 8472",
            "Error: A VXLAN device with the specified VNI already exists.\n", 2);
    }
}
