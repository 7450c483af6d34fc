package io.knetsim.tool.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.sim.SimTime;
import org.junit.jupiter.api.Test;

/**
 * The first lab, typed: two empty namespaces become a host and a pod behind a bridge using
 * only {@code ip}, {@code bridge} and {@code sysctl}, and traffic then shows up in
 * {@code ip neigh}, {@code bridge fdb} and {@code ip -s link}.
 *
 * <pre>
 *   pod [eth0 10.244.0.2/24] ===== [veth-pod]--master--> br0 10.244.0.1/24  host
 * </pre>
 */
class BuildWithIpLabTest {
    private final Shell sh = new Shell();

    @Test
    void aPodBehindABridgeBuiltWithCommandsTalksToItsHost() {
        World w = new World(Labs.SEED);
        NetNamespace host = w.createNamespace("host");
        NetNamespace pod = w.createNamespace("pod");

        sh.ok(host, "ip link add br0 type bridge");
        sh.ok(host, "ip addr add 10.244.0.1/24 brd + dev br0");
        sh.ok(host, "ip link set br0 address 02:42:0a:f4:00:01 up");
        sh.ok(host, "ip link add veth-pod type veth peer name eth0 netns pod");
        sh.ok(host, "ip link set veth-pod master br0 up");
        sh.ok(host, "sysctl -q -w net.ipv4.ip_forward=1");
        sh.ok(pod, "ip addr add 10.244.0.2/24 brd + dev eth0");
        sh.ok(pod, "ip link set eth0 address 0a:58:0a:f4:00:02 up");
        sh.ok(pod, "ip route add default via 10.244.0.1");

        assertThat(sh.out(pod, "ip addr show eth0")).isEqualTo("""
            2: eth0@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
                link/ether 0a:58:0a:f4:00:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0
                inet 10.244.0.2/24 brd 10.244.0.255 scope global eth0
                   valid_lft forever preferred_lft forever
            """);
        assertThat(sh.out(host, "ip route")).isEqualTo(
            "10.244.0.0/24 dev br0 proto kernel scope link src 10.244.0.1 \n");
        assertThat(sh.out(pod, "ip route get 10.0.0.1")).isEqualTo("""
            10.0.0.1 via 10.244.0.1 dev eth0 src 10.244.0.2 uid 0\s
                cache\s
            """);

        pod.udp().send(0, 5000, Ipv4Address.parse("10.244.0.1").bits(), 53, new byte[20]);
        w.sim().runFor(SimTime.seconds(1));

        assertThat(sh.out(pod, "ip neigh")).isEqualTo("10.244.0.1 dev eth0 lladdr 02:42:0a:f4:00:01 REACHABLE \n");
        // the host learned the pod from its request (STALE), then used it for the port-unreachable reply
        assertThat(sh.out(host, "ip neigh")).isEqualTo("10.244.0.2 dev br0 lladdr 0a:58:0a:f4:00:02 DELAY \n");
        assertThat(sh.out(host, "bridge fdb show br br0")).isEqualTo("""
            02:42:0a:f4:00:01 dev br0 vlan 1 master br0 permanent
            02:42:0a:f4:00:01 dev br0 master br0 permanent
            0a:58:0a:f4:00:02 dev veth-pod master br0\s
            0e:d7:4f:e6:c5:b8 dev veth-pod vlan 1 master br0 permanent
            0e:d7:4f:e6:c5:b8 dev veth-pod master br0 permanent
            """);
        // out: ARP request (42) + datagram (62); in: ARP reply (42) + port unreachable (90), which no socket takes
        assertThat(sh.out(pod, "ip -s link show eth0")).endsWith("""
                RX:  bytes packets errors dropped  missed   mcast          \s
                       132       2      0       1       0       0\s
                TX:  bytes packets errors dropped carrier collsns          \s
                       104       2      0       0       0       0\s
            """);
    }
}
