package io.knetsim.tool.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ip route} on a node with two pods behind a bridge and a flannel VXLAN device.
 *
 * <pre>
 *   pod1 [eth0 10.244.1.2/24]--vethpod1--+
 *                                        cni0 10.244.1.1/24   node [eth0 10.0.0.3/8] ---- [eth0 10.0.0.4/8] node2
 *   pod2 [eth0 10.244.1.3/24]--vethpod2--+                         [flannel.100 11.10.16.0/32, vni 100]
 * </pre>
 */
class IpRouteTest {
    private final Shell sh = new Shell();
    private NetNamespace node;
    private NetNamespace pod1;

    @BeforeEach
    void build() {
        World w = Labs.nodeWithPods();
        node = w.namespace("node");
        pod1 = w.namespace("pod1");
    }

    @Test
    void listsTheMainTableAsIproute2DoesWithATrailingSpace() {
        assertThat(sh.out(pod1, "ip route")).isEqualTo("""
            default via 10.244.1.1 dev eth0\s
            10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.2\s
            """);
        for (String c : new String[] {"ip r", "ip ro show", "ip route list", "ip route show table main", "ip -4 r ls"}) {
            assertThat(sh.out(pod1, c)).as(c).isEqualTo(sh.out(pod1, "ip route"));
        }
    }

    @Test
    void addsTheRoutesACniAndFlannelAdd() {
        sh.ok(node, "ip route add 11.10.32.0/20 via 11.10.32.0 dev flannel.100 onlink");
        sh.ok(node, "ip route add default via 10.0.0.1");
        sh.ok(node, "ip route add 192.168.0.0/16 via 10.0.0.4 proto static metric 100 src 10.0.0.3");
        sh.ok(node, "ip route add 172.16.0.0/12 dev cni0");
        sh.ok(node, "ip route add 10.99.0.5 dev eth0 scope link proto dhcp");
        sh.ok(node, "ip route add blackhole 10.9.0.0/16");
        sh.ok(node, "ip route add unreachable 10.10.0.0/16");
        sh.ok(node, "ip route add prohibit 10.11.0.0/16 metric 5");
        assertThat(sh.out(node, "ip route")).isEqualTo("""
            default via 10.0.0.1 dev eth0\s
            10.0.0.0/8 dev eth0 proto kernel scope link src 10.0.0.3\s
            blackhole 10.9.0.0/16\s
            unreachable 10.10.0.0/16\s
            prohibit 10.11.0.0/16 metric 5\s
            10.99.0.5 dev eth0 proto dhcp scope link\s
            10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1\s
            11.10.32.0/20 via 11.10.32.0 dev flannel.100 onlink\s
            172.16.0.0/12 dev cni0 scope link\s
            192.168.0.0/16 via 10.0.0.4 dev eth0 proto static src 10.0.0.3 metric 100\s
            """);
        assertThat(sh.out(node, "ip route show dev eth0")).isEqualTo("""
            default via 10.0.0.1\s
            10.0.0.0/8 proto kernel scope link src 10.0.0.3\s
            10.99.0.5 proto dhcp scope link\s
            192.168.0.0/16 via 10.0.0.4 proto static src 10.0.0.3 metric 100\s
            """);
        assertThat(sh.out(node, "ip route show proto kernel")).isEqualTo("""
            10.0.0.0/8 dev eth0 scope link src 10.0.0.3\s
            10.244.1.0/24 dev cni0 scope link src 10.244.1.1\s
            """);
        assertThat(sh.out(node, "ip route show default")).isEqualTo("default via 10.0.0.1 dev eth0 \n");
        assertThat(sh.out(node, "ip -d route show exact 172.16.0.0/12")).isEqualTo(
            "unicast 172.16.0.0/12 dev cni0 proto boot scope link \n");
    }

    @Test
    void synthesizesTheLocalTableFromTheAddresses() {
        assertThat(sh.out(node, "ip route show table local")).isEqualTo("""
            local 10.0.0.3 dev eth0 proto kernel scope host src 10.0.0.3\s
            local 10.244.1.1 dev cni0 proto kernel scope host src 10.244.1.1\s
            broadcast 10.244.1.255 dev cni0 proto kernel scope link src 10.244.1.1\s
            broadcast 10.255.255.255 dev eth0 proto kernel scope link src 10.0.0.3\s
            local 11.10.16.0 dev flannel.100 proto kernel scope host src 11.10.16.0\s
            local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1\s
            local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1\s
            broadcast 127.255.255.255 dev lo proto kernel scope link src 127.0.0.1\s
            """);
        assertThat(sh.out(pod1, "ip route show table all")).isEqualTo("""
            default via 10.244.1.1 dev eth0\s
            10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.2\s
            local 10.244.1.2 dev eth0 table local proto kernel scope host src 10.244.1.2\s
            broadcast 10.244.1.255 dev eth0 table local proto kernel scope link src 10.244.1.2\s
            local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1\s
            local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1\s
            broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1\s
            """);
    }

    @Test
    void getShowsTheRouteAPacketWouldTake() {
        assertThat(sh.out(pod1, "ip route get 10.0.0.4")).isEqualTo("""
            10.0.0.4 via 10.244.1.1 dev eth0 src 10.244.1.2 uid 0\s
                cache\s
            """);
        assertThat(sh.out(node, "ip route get 10.244.1.3")).isEqualTo("""
            10.244.1.3 dev cni0 src 10.244.1.1 uid 0\s
                cache\s
            """);
        assertThat(sh.out(node, "ip route get to 10.0.0.3")).isEqualTo("""
            local 10.0.0.3 dev lo src 10.0.0.3 uid 0\s
                cache <local>\s
            """);
        assertThat(sh.out(node, "ip r g 127.0.0.53")).isEqualTo("""
            local 127.0.0.53 dev lo src 127.0.0.1 uid 0\s
                cache <local>\s
            """);
        assertThat(sh.out(node, "ip route get 10.244.1.255")).isEqualTo("""
            broadcast 10.244.1.255 dev cni0 src 10.244.1.1 uid 0\s
                cache <local,brd>\s
            """);
        assertThat(sh.out(node, "ip route get 10.244.1.3 from 10.0.0.3")).isEqualTo("""
            10.244.1.3 dev cni0 src 10.0.0.3 uid 0\s
                cache\s
            """);
        sh.fails(node, "ip route get 8.8.8.8", "RTNETLINK answers: Network is unreachable\n", 2);
        sh.ok(node, "ip route add blackhole 10.9.0.0/16");
        sh.ok(node, "ip route add unreachable 10.10.0.0/16");
        sh.ok(node, "ip route add prohibit 10.11.0.0/16");
        sh.fails(node, "ip route get 10.9.1.1", "RTNETLINK answers: Invalid argument\n", 2);
        sh.fails(node, "ip route get 10.10.1.1", "RTNETLINK answers: No route to host\n", 2);
        sh.fails(node, "ip route get 10.11.1.1", "RTNETLINK answers: Permission denied\n", 2);
        sh.fails(node, "ip route get", "need at least a destination address\n", 1);
    }

    @Test
    void replaceChangeAndDelete() {
        sh.ok(node, "ip route add default via 10.0.0.1");
        sh.ok(node, "ip route replace default via 10.0.0.4");
        sh.ok(node, "ip route replace 10.50.0.0/16 dev cni0");
        sh.ok(node, "ip route change 10.50.0.0/16 via 10.244.1.3");
        assertThat(sh.out(node, "ip route")).isEqualTo("""
            default via 10.0.0.4 dev eth0\s
            10.0.0.0/8 dev eth0 proto kernel scope link src 10.0.0.3\s
            10.50.0.0/16 via 10.244.1.3 dev cni0\s
            10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1\s
            """);
        sh.fails(node, "ip route change 10.60.0.0/16 dev cni0", "RTNETLINK answers: No such file or directory\n", 2);
        sh.fails(node, "ip route del 10.50.0.0/16 dev eth0", "RTNETLINK answers: No such process\n", 2);
        sh.fails(node, "ip route del 10.51.0.0/16", "RTNETLINK answers: No such process\n", 2);
        sh.ok(node, "ip route del 10.50.0.0/16 via 10.244.1.3");
        sh.ok(node, "ip route delete default");
        assertThat(sh.out(node, "ip route")).isEqualTo("""
            10.0.0.0/8 dev eth0 proto kernel scope link src 10.0.0.3\s
            10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1\s
            """);
    }

    @Test
    void flushRemovesTheSelectedRoutes() {
        sh.ok(node, "ip route add 10.50.0.0/16 dev cni0");
        sh.ok(node, "ip route flush dev cni0");
        assertThat(sh.out(node, "ip route")).isEqualTo("10.0.0.0/8 dev eth0 proto kernel scope link src 10.0.0.3 \n");
        sh.fails(node, "ip route flush", "\"ip route flush\" requires arguments.\n", 1);
    }

    @Test
    void badRoutesAreRefusedAsTheKernelRefusesThemAndChangeNothing() {
        sh.ok(node, "ip route add default via 10.0.0.1");
        sh.fails(node, "ip route add 10.60.0.0/16 via 192.168.1.1", "Error: Nexthop has invalid gateway.\n", 2);
        sh.fails(node, "ip route add 10.60.0.0/16 via 10.0.0.4 dev cni0", "Error: Nexthop has invalid gateway.\n", 2);
        sh.fails(node, "ip route add 10.60.0.0/16 via 192.168.1.1 onlink", "Error: Nexthop device required for onlink.\n",
            2);
        sh.fails(node, "ip route add default via 10.0.0.5", "RTNETLINK answers: File exists\n", 2);
        sh.fails(node, "ip route add 10.60.0.0/16 dev eth7", "Cannot find device \"eth7\"\n", 1);
        sh.fails(node, "ip route add 10.0.0.0/40 dev eth0",
            "Error: any valid prefix is expected rather than \"10.0.0.0/40\".\n", 1);
        sh.fails(node, "ip route add 10.60.0.1/16 dev eth0", "Error: Invalid prefix for given prefix length.\n", 2);
        sh.fails(node, "ip route add 10.60.0.0/16 via 10.0.0.x", "Error: inet address is expected rather than \"10.0.0.x\".\n",
            1);
        sh.fails(node, "ip route add 10.60.0.0/16 dev eth0 src 10.0.0.99", "Error: Invalid prefsrc address.\n", 2);
        sh.fails(node, "ip route add 10.60.0.0/16", "RTNETLINK answers: No such device\n", 2);
        sh.fails(node, "ip route add 10.60.0.0/16 dev eth0 scope galaxy",
            "Error: argument \"galaxy\" is wrong: invalid \"scope\" value\n\n", 255);
        sh.fails(node, "ip route add 10.60.0.0/16 dev eth0 table 7",
            "Error: only the main table can be changed in knetsim; \"table 7\" is not modelled.\n", 1);
        sh.fails(node, "ip route frob", "Command \"frob\" is unknown, try \"ip route help\".\n", 255);
        sh.ok(node, "ip link set cni0 down");
        sh.fails(node, "ip route add 10.60.0.0/16 dev cni0", "Error: Device for nexthop is not up.\n", 2);
        sh.fails(node, "ip route add 10.60.0.0/16 via 10.244.1.9 dev cni0 onlink", "Error: Nexthop device is not up.\n", 2);
    }
}
