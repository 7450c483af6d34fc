package io.knetsim.cni;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.Topo;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Invocation;
import org.junit.jupiter.api.Test;

/**
 * The bridge plugin's {@code ipMasq}: pods reach a host on the underlay (an etcd server) that
 * has no route back to the pod network, because their traffic leaves with the node's address.
 *
 * <pre>
 *   c1 eth0 10.22.0.2/16 --+
 *                          cni0 10.22.0.1/16  node1 [eth0 10.0.0.3/24] ====== [eth0 10.0.0.10/24] etcd
 *   c2 eth0 10.22.0.3/16 --+   table ip nat: POSTROUTING -> CNI-... (accept 10.22/16, else masquerade)
 * </pre>
 */
class BridgeIpMasqLabTest {
    private static final String MYNET = """
        {"cniVersion": "1.0.0", "name": "mynet", "type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": true,
         "ipam": {"type": "host-local", "subnet": "10.22.0.0/16", "routes": [{"dst": "0.0.0.0/0"}]}}
        """;
    private final Node n = new Node();
    private final NetNamespace c1 = n.netns("c1");
    private final NetNamespace c2 = n.netns("c2");
    private final NetNamespace etcd = Topo.host(n.world, "etcd");

    {
        EthernetNic a = Topo.nic(n.host, "eth0", "10.0.0.3/24");
        EthernetNic b = Topo.nic(etcd, "eth0", "10.0.0.10/24");
        Topo.cable(a, b, LinkConfig.DEFAULT);
        n.file("/etc/cni/net.d/10-mynet.conf", MYNET);
    }

    private static final String CHAIN_C1 = "CNI-207beca4bb8980ca47baf510"; // sha512("mynet" + container ID)

    @Test
    void podTrafficToTheUnderlayLeavesWithTheNodesAddressAndRepliesComeBackThroughConntrack() {
        n.out("cnitool add mynet /var/run/netns/c1");
        assertThat(n.out("nft list ruleset")).isEqualTo("""
            table ip nat {
            \tchain POSTROUTING {
            \t\ttype nat hook postrouting priority srcnat; policy accept;
            \t\tip saddr 10.22.0.2 counter packets 0 bytes 0 jump CNI-207beca4bb8980ca47baf510
            \t}

            \tchain CNI-207beca4bb8980ca47baf510 {
            \t\tip daddr 10.22.0.0/16 counter packets 0 bytes 0 accept
            \t\tip daddr != 224.0.0.0/4 counter packets 0 bytes 0 masquerade
            \t}
            }
            """);
        Invocation dump = n.sh.start(etcd, "tcpdump -n -i eth0 icmp");

        Invocation ping = n.run(c1, "ping -c 2 10.0.0.10");

        assertThat(ping.stdout()).contains("64 bytes from 10.0.0.10: icmp_seq=2",
            "2 packets transmitted, 2 received, 0% packet loss");
        dump.interrupt();
        assertThat(dump.stdout()).as("etcd sees the node, not the pod").isEqualTo("""
            00:00:00.000150 IP 10.0.0.3 > 10.0.0.10: ICMP echo request, id 33839, seq 1, length 64
            00:00:00.000150 IP 10.0.0.10 > 10.0.0.3: ICMP echo reply, id 33839, seq 1, length 64
            00:00:01.000050 IP 10.0.0.3 > 10.0.0.10: ICMP echo request, id 33839, seq 2, length 64
            00:00:01.000050 IP 10.0.0.10 > 10.0.0.3: ICMP echo reply, id 33839, seq 2, length 64

            """);
        assertThat(n.run("conntrack -L").stdout()).isEqualTo("icmp     1 30 src=10.22.0.2 dst=10.0.0.10 type=8 code=0 "
            + "id=33839 src=10.0.0.10 dst=10.0.0.3 type=0 code=0 id=33839 mark=0 use=1\n");
        assertThat(n.out("nft list chain ip nat " + CHAIN_C1)).contains(
            "\t\tip daddr 10.22.0.0/16 counter packets 0 bytes 0 accept\n",
            "\t\tip daddr != 224.0.0.0/4 counter packets 1 bytes 84 masquerade\n");
    }

    @Test
    void podToPodTrafficKeepsItsAddresses() {
        n.out("cnitool add mynet /var/run/netns/c1");
        n.out("cnitool add mynet /var/run/netns/c2");
        n.out("sysctl -q -w net.bridge.bridge-nf-call-iptables=1"); // bridged traffic meets the nat table too
        Invocation dump = n.sh.start(c2, "tcpdump -n -i eth0 icmp");

        assertThat(n.out(c1, "ping -c 1 10.22.0.3")).contains("1 packets transmitted, 1 received");

        dump.interrupt();
        assertThat(dump.stdout()).startsWith(dump.stdout().substring(0, 16) + "IP 10.22.0.2 > 10.22.0.3: ICMP echo request");
        assertThat(n.out("nft list chain ip nat " + CHAIN_C1)).contains(
            "\t\tip daddr 10.22.0.0/16 counter packets 1 bytes 84 accept\n",
            "\t\tip daddr != 224.0.0.0/4 counter packets 0 bytes 0 masquerade\n");
    }

    @Test
    void delRemovesTheContainersChainAndItsJump() {
        n.out("cnitool add mynet /var/run/netns/c1");
        n.out("cnitool add mynet /var/run/netns/c2");
        assertThat(n.out("nft list chain ip nat POSTROUTING")).contains(
            "\t\tip saddr 10.22.0.2 counter packets 0 bytes 0 jump CNI-207beca4bb8980ca47baf510\n",
            "\t\tip saddr 10.22.0.3 counter packets 0 bytes 0 jump CNI-");

        n.out("cnitool del mynet /var/run/netns/c1");
        String left = n.out("nft list ruleset");
        assertThat(left).doesNotContain("10.22.0.2", CHAIN_C1).contains("ip saddr 10.22.0.3 counter");

        n.out("cnitool del mynet /var/run/netns/c2");
        assertThat(n.out("nft list ruleset")).as("the built-in chain stays, as with iptables").isEqualTo("""
            table ip nat {
            \tchain POSTROUTING {
            \t\ttype nat hook postrouting priority srcnat; policy accept;
            \t}
            }
            """);
        assertThat(n.out("cnitool del mynet /var/run/netns/c2")).as("DEL twice is fine").isEmpty();
    }

    @Test
    void withoutIpMasqThePodsAddressLeavesTheNodeAndNothingAnswers() {
        n.file("/etc/cni/net.d/10-mynet.conf", MYNET.replace("\"ipMasq\": true", "\"ipMasq\": false"));
        n.out("cnitool add mynet /var/run/netns/c1");
        assertThat(n.out("nft list ruleset")).isEmpty();
        assertThat(n.run(c1, "ping -c 1 -W 1 10.0.0.10").stdout()).contains("1 packets transmitted, 0 received");
    }
}
