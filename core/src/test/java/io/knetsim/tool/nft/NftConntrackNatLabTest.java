package io.knetsim.tool.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.netfilter.conntrack.ConntrackEntry;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import io.knetsim.tool.iproute.Labs;
import io.knetsim.tool.iproute.Shell;
import io.knetsim.net.ipv4.UdpSocket;
import io.knetsim.sim.SimTime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Conntrack and NAT on a node: a virtual IP DNATed to pods (the original labs' static VIP
 * rule), masquerade of pod traffic leaving the node, and a stateful firewall with
 * {@code ct state}.
 *
 * <pre>
 *   pod1 10.244.1.2 --vethpod1--+
 *                               cni0 10.244.1.1  node [eth0 10.0.0.3/8] ------ [eth0 10.0.0.4/8] node2
 *   pod2 10.244.1.3 --vethpod2--+                 table ip nat: VIP 100.64.10.1 -> pod1 | pod2
 * </pre>
 */
class NftConntrackNatLabTest {
    private final World w = Labs.nodeWithPods();
    private final NetNamespace node = w.namespace("node");
    private final NetNamespace node2 = w.namespace("node2");
    private final NetNamespace pod1 = w.namespace("pod1");
    private final Shell sh = new Shell();

    private void vip() {
        node.files().write("/etc/vip.nft", """
            table ip nat {
            \tchain prerouting {
            \t\ttype nat hook prerouting priority dstnat; policy accept;
            \t\tip daddr 100.64.10.1 counter dnat to jhash ip checksum mod 2 map { 0 : 10.244.1.2, 1 : 10.244.1.3 }
            \t}
            \tchain output {
            \t\ttype nat hook output priority -100; policy accept;
            \t\tip daddr 100.64.10.1 counter dnat to jhash ip checksum mod 2 map { 0 : 10.244.1.2, 1 : 10.244.1.3 }
            \t}
            }
            """);
        sh.ok(node, "nft -f /etc/vip.nft");
        sh.ok(node, "ip route add 100.64.0.0/16 dev cni0");
    }

    @Test
    void aVirtualIpAnswersFromTheNodeAndEveryFlowKeepsItsBackend() {
        vip();

        Invocation ping = sh.run(node, "ping -c 3 100.64.10.1");

        assertThat(ping.exitCode()).isZero();
        assertThat(ping.stdout()).contains("64 bytes from 100.64.10.1: icmp_seq=3");
        assertThat(ping.stdout()).contains("3 packets transmitted, 3 received, 0% packet loss");
        // one flow (one echo id): only its first packet went through the nat chain
        assertThat(sh.out(node, "nft list chain ip nat output")).contains(
            "\t\tip daddr 100.64.10.1 counter packets 1 bytes 84 dnat to jhash ip checksum mod 2 map "
                + "{ 0 : 10.244.1.2, 1 : 10.244.1.3 }\n");
        List<ConntrackEntry> flows = node.nftables().conntrack().entries();
        assertThat(flows).hasSize(1);
        ConntrackEntry f = flows.get(0);
        assertThat(new Ipv4Address(f.original().dst())).hasToString("100.64.10.1");
        assertThat(f.seenReply()).isTrue();
        assertThat(new Ipv4Address(f.reply().src()).toString()).isIn("10.244.1.2", "10.244.1.3");
    }

    @Test
    void aPodReachesAVipBackedByAnotherPodWhenBridgeNfCallIptablesIsOn() {
        sh.ok(node, "nft add table ip nat");
        sh.ok(node, "nft add chain ip nat prerouting '{ type nat hook prerouting priority dstnat; policy accept; }'");
        sh.ok(node, "nft add rule ip nat prerouting ip daddr 100.64.10.2 dnat to 10.244.1.3");
        sh.ok(node, "ip route add 100.64.0.0/16 dev cni0");

        // without br_netfilter the reply goes pod2 -> pod1 over the bridge untranslated
        Invocation raw = sh.run(pod1, "ping -c 1 100.64.10.2");
        assertThat(raw.stdout()).contains("64 bytes from 10.244.1.3: icmp_seq=1");

        sh.ok(node, "sysctl -q -w net.bridge.bridge-nf-call-iptables=1");
        Invocation ping = sh.run(pod1, "ping -c 4 100.64.10.2");

        assertThat(ping.stdout()).contains("64 bytes from 100.64.10.2: icmp_seq=1");
        assertThat(ping.stdout()).contains("4 packets transmitted, 4 received, 0% packet loss");
        ConntrackEntry f = node.nftables().conntrack().entries().stream()
            .filter(ConntrackEntry::seenReply).findFirst().orElseThrow();
        assertThat(new Ipv4Address(f.original().src())).hasToString("10.244.1.2");
        assertThat(new Ipv4Address(f.reply().src())).hasToString("10.244.1.3");
    }

    @Test
    void masqueradeLetsPodsReachAHostThatHasNoRouteBackToThem() {
        assertThat(sh.run(pod1, "ping -c 1 10.0.0.4").exitCode()).isEqualTo(1); // node2 has no route to 10.244/16

        sh.ok(node, "nft add table ip nat");
        sh.ok(node, "nft add chain ip nat postrouting '{ type nat hook postrouting priority srcnat; policy accept; }'");
        sh.ok(node, "nft add rule ip nat postrouting ip saddr 10.244.0.0/16 oifname \"eth0\" counter masquerade");

        Invocation ping = sh.run(pod1, "ping -c 3 10.0.0.4");

        assertThat(ping.stdout()).contains("3 packets transmitted, 3 received, 0% packet loss");
        assertThat(ping.stdout()).contains("64 bytes from 10.0.0.4: icmp_seq=1");
        assertThat(sh.out(node, "nft list ruleset")).isEqualTo("""
            table ip nat {
            \tchain postrouting {
            \t\ttype nat hook postrouting priority srcnat; policy accept;
            \t\tip saddr 10.244.0.0/16 oifname "eth0" counter packets 1 bytes 84 masquerade
            \t}
            }
            """);
        ConntrackEntry f = node.nftables().conntrack().entries().stream()
            .filter(e -> e.original().dst() == Ipv4Address.parse("10.0.0.4").bits()).findFirst().orElseThrow();
        assertThat(new Ipv4Address(f.snat().addr())).hasToString("10.0.0.3");
        assertThat(new Ipv4Address(f.reply().dst())).hasToString("10.0.0.3");
    }

    @Test
    void aStatefulFirewallLetsRepliesInButNotNewFlows() {
        sh.ok(node2, "nft add table inet fw");
        sh.ok(node2, "nft add chain inet fw input '{ type filter hook input priority 0; policy drop; }'");
        sh.ok(node2, "nft add rule inet fw input ct state established,related counter accept");
        sh.ok(node2, "nft add rule inet fw input ct state new counter");

        assertThat(sh.run(node, "ping -c 2 10.0.0.4").exitCode()).isEqualTo(1); // new flows are dropped
        assertThat(sh.run(node2, "ping -c 2 10.0.0.3").exitCode()).isZero(); // replies are established

        assertThat(sh.out(node2, "nft list ruleset")).isEqualTo("""
            table inet fw {
            \tchain input {
            \t\ttype filter hook input priority filter; policy drop;
            \t\tct state established,related counter packets 2 bytes 168 accept
            \t\tct state new counter packets 2 bytes 168
            \t}
            }
            """);
    }

    @Test
    void dnatToAnAddressAndPortRewritesTcpBothWays() {
        sh.ok(node2, "nft add table ip nat");
        sh.ok(node2, "nft add chain ip nat prerouting '{ type nat hook prerouting priority dstnat; policy accept; }'");
        sh.ok(node2, "nft add rule ip nat prerouting tcp dport 80 dnat to 10.0.0.4:8000");
        Invocation server = new ToolRunner(CoreTools.registry(), Path.of(".")).start(node2, "nc -l 8000");

        Invocation z = sh.run(node, "nc -zv 10.0.0.4 80");

        assertThat(z.exitCode()).isZero();
        assertThat(z.stderr()).isEqualTo("Connection to 10.0.0.4 80 port [tcp/http] succeeded!\n");
        assertThat(sh.out(node2, "nft list ruleset")).contains("\t\ttcp dport 80 dnat to 10.0.0.4:8000\n");
        server.interrupt();
    }

    @Test
    void masqueradeGivesTwoPodsWithTheSameSourcePortDifferentPorts() {
        sh.ok(node, "nft add table ip nat");
        sh.ok(node, "nft add chain ip nat postrouting '{ type nat hook postrouting priority srcnat; policy accept; }'");
        sh.ok(node, "nft add rule ip nat postrouting oifname \"eth0\" masquerade");
        List<String> seen = new ArrayList<>();
        UdpSocket server = UdpSocket.open(node2).bind(Ipv4Address.ANY, 9000);
        server.onReceive(d -> {
            seen.add(d.src() + ":" + d.srcPort() + " " + new String(d.payload(), StandardCharsets.US_ASCII));
            server.sendTo(("re " + new String(d.payload(), StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII),
                d.src(), d.srcPort());
        });
        List<String> answers = new ArrayList<>();
        for (String pod : new String[] {"pod1", "pod2"}) {
            UdpSocket s = UdpSocket.open(w.namespace(pod)).bind(Ipv4Address.ANY, 5000);
            s.onReceive(d -> answers.add(pod + " <- " + d.src() + ":" + d.srcPort() + " "
                + new String(d.payload(), StandardCharsets.US_ASCII)));
            s.sendTo(pod.getBytes(StandardCharsets.US_ASCII), Ipv4Address.parse("10.0.0.4"), 9000);
        }
        w.sim().runFor(SimTime.seconds(1));

        assertThat(seen).containsExactly("10.0.0.3:5000 pod1", "10.0.0.3:5001 pod2");
        assertThat(answers).containsExactly("pod1 <- 10.0.0.4:9000 re pod1", "pod2 <- 10.0.0.4:9000 re pod2");
    }

    @Test
    void aFlowWhoseRepliesWouldLookLikeADnatedFlowsGetsAnotherSourcePort() {
        // node's own traffic to 100.64.10.9:53 is DNATed to node2's 10.0.0.4:9000
        sh.ok(node, "nft add table ip nat");
        sh.ok(node, "nft add chain ip nat output '{ type nat hook output priority -100; policy accept; }'");
        sh.ok(node, "nft add rule ip nat output ip daddr 100.64.10.9 udp dport 53 dnat to 10.0.0.4:9000");
        sh.ok(node, "ip route add 100.64.0.0/16 via 10.0.0.4");
        List<String> seen = new ArrayList<>();
        UdpSocket server = UdpSocket.open(node2).bind(Ipv4Address.ANY, 9000);
        server.onReceive(d -> {
            String text = new String(d.payload(), StandardCharsets.US_ASCII);
            seen.add(d.src() + ":" + d.srcPort() + " " + text);
            server.sendTo(("re " + text).getBytes(StandardCharsets.US_ASCII), d.src(), d.srcPort());
        });
        List<String> answers = new ArrayList<>();
        UdpSocket client = UdpSocket.open(node).bind(Ipv4Address.ANY, 5000);
        client.onReceive(d -> answers.add(d.src() + ":" + d.srcPort() + " "
            + new String(d.payload(), StandardCharsets.US_ASCII)));

        client.sendTo("via-vip".getBytes(StandardCharsets.US_ASCII), Ipv4Address.parse("100.64.10.9"), 53);
        w.sim().runFor(SimTime.ms(10));
        // the same source port straight to the endpoint: its replies (10.0.0.4:9000 -> 10.0.0.3:5000)
        // would be the DNATed flow's, so conntrack gives it source port 5001, as get_unique_tuple does
        client.sendTo("direct".getBytes(StandardCharsets.US_ASCII), Ipv4Address.parse("10.0.0.4"), 9000);
        w.sim().runFor(SimTime.seconds(1));

        assertThat(seen).containsExactly("10.0.0.3:5000 via-vip", "10.0.0.3:5001 direct");
        assertThat(answers).containsExactly("100.64.10.9:53 re via-vip", "10.0.0.4:9000 re direct");
        assertThat(node.drops().get(io.knetsim.net.DropReason.NF_DROP)).isZero();
        Invocation ct = sh.run(node, "conntrack -L -p udp");
        assertThat(ct.stdout()).isEqualTo("""
            udp      17 29 src=10.0.0.3 dst=10.0.0.4 sport=5000 dport=9000 src=10.0.0.4 dst=10.0.0.3 sport=9000 dport=5001 mark=0 use=1
            udp      17 28 src=10.0.0.3 dst=100.64.10.9 sport=5000 dport=53 src=10.0.0.4 dst=10.0.0.3 sport=9000 dport=5000 mark=0 use=1
            """);
    }

    @Test
    void anIcmpErrorAboutATrackedFlowIsRelated() {
        sh.ok(node, "nft add table ip fw");
        sh.ok(node, "nft add chain ip fw input '{ type filter hook input priority 0; policy drop; }'");
        sh.ok(node, "nft add rule ip fw input ct state related counter accept");
        sh.ok(node, "nft add rule ip fw input ct state invalid counter drop");

        UdpSocket.open(node).bind(Ipv4Address.ANY, 5000)
            .sendTo("x".getBytes(StandardCharsets.US_ASCII), Ipv4Address.parse("10.0.0.4"), 9999); // closed port
        w.sim().runFor(SimTime.seconds(1));

        assertThat(sh.out(node, "nft list ruleset")).contains(
            "\t\tct state related counter packets 1 bytes 57 accept\n",
            "\t\tct state invalid counter packets 0 bytes 0 drop\n");
    }
}

