package io.knetsim.tool.conntrack;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.ipv4.UdpSocket;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import io.knetsim.tool.iproute.Labs;
import io.knetsim.tool.iproute.Shell;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code conntrack -L/-D/-F/-C} on a node that masquerades its pods' traffic.
 *
 * <pre>
 *   pod1 10.244.1.2 --vethpod1--+
 *                               cni0 10.244.1.1  node [eth0 10.0.0.3/8] ------ [eth0 10.0.0.4/8] node2
 *   pod2 10.244.1.3 --vethpod2--+                 oifname "eth0" masquerade
 * </pre>
 */
class ConntrackToolTest {
    private static final String SHOWN = "conntrack v1.4.6 (conntrack-tools): %d flow entries have been shown.\n";
    private final World w = Labs.nodeWithPods();
    private final NetNamespace node = w.namespace("node");
    private final NetNamespace node2 = w.namespace("node2");
    private final NetNamespace pod1 = w.namespace("pod1");
    private final Shell sh = new Shell();
    private final ToolRunner bg = new ToolRunner(CoreTools.registry(), Path.of("."));

    private void masquerade() {
        sh.ok(node, "nft add table ip nat");
        sh.ok(node, "nft add chain ip nat postrouting '{ type nat hook postrouting priority srcnat; policy accept; }'");
        sh.ok(node, "nft add rule ip nat postrouting oifname \"eth0\" masquerade");
    }

    private Invocation list(String args) {
        return sh.run(node, "conntrack " + args);
    }

    @Test
    void anOpenTcpConnectionIsEstablishedAndAssuredWithItsMasqueradedReplyTuple() {
        masquerade();
        Invocation server = bg.start(node2, "nc -l 8000");
        Invocation client = bg.start(pod1, "nc 10.0.0.4 8000");
        w.sim().runFor(SimTime.seconds(1));

        Invocation l = list("-L");

        assertThat(l.stdout()).isEqualTo("tcp      6 431999 ESTABLISHED src=10.244.1.2 dst=10.0.0.4 sport=%s dport=8000 "
            .formatted(port()) + "src=10.0.0.4 dst=10.0.0.3 sport=8000 dport=%s [ASSURED] mark=0 use=1\n"
            .formatted(port()));
        assertThat(l.stderr()).isEqualTo(SHOWN.formatted(1));
        assertThat(l.exitCode()).isZero();
        assertThat(list("-L -p tcp --dport 8000").stdout()).isEqualTo(l.stdout());
        assertThat(list("-L -p udp").stdout()).isEmpty();
        assertThat(list("-L -p udp").stderr()).isEqualTo(SHOWN.formatted(0));
        assertThat(list("-L -p tcp --state ESTABLISHED -n 10.0.0.3").stdout()).isEqualTo(l.stdout());
        assertThat(list("-L -g").stdout()).as("no DNAT").isEmpty();

        client.interrupt();
        server.interrupt();
        w.sim().runFor(SimTime.seconds(1));
        assertThat(list("-L").stdout()).as("both sides closed: TIME_WAIT, 120 s").startsWith(
            "tcp      6 119 TIME_WAIT src=10.244.1.2 dst=10.0.0.4 ");
        w.sim().runFor(SimTime.seconds(120));
        assertThat(list("-L").stdout()).isEmpty();
    }

    private int clientPort = -1;

    private String port() {
        if (clientPort < 0) {
            clientPort = node.nftables().conntrack().entries().get(0).original().sport();
        }
        return Integer.toString(clientPort);
    }

    @Test
    void anUnansweredUdpFlowIsUnrepliedAndCountsDownOnTheSimulatorClock() {
        masquerade();
        UdpSocket.open(node2).bind(Ipv4Address.ANY, 9000); // receives, never answers
        UdpSocket.open(pod1).bind(Ipv4Address.ANY, 5000)
            .sendTo("x".getBytes(StandardCharsets.US_ASCII), Ipv4Address.parse("10.0.0.4"), 9000);
        w.sim().runFor(SimTime.seconds(10));

        assertThat(list("-L").stdout()).isEqualTo("udp      17 20 src=10.244.1.2 dst=10.0.0.4 sport=5000 dport=9000 "
            + "[UNREPLIED] src=10.0.0.4 dst=10.0.0.3 sport=9000 dport=5000 mark=0 use=1\n");
        assertThat(sh.out(node, "conntrack -C")).isEqualTo("1\n");
        w.sim().runFor(SimTime.seconds(20));
        assertThat(list("-L").stdout()).isEmpty();
        assertThat(sh.out(node, "conntrack -C")).isEqualTo("0\n");
    }

    @Test
    void aUdpFlowAnsweredAndUsedAgainIsAssured() {
        masquerade();
        UdpSocket server = UdpSocket.open(node2).bind(Ipv4Address.ANY, 9000);
        server.onReceive(d -> server.sendTo(d.payload(), d.src(), d.srcPort()));
        UdpSocket c = UdpSocket.open(pod1).bind(Ipv4Address.ANY, 5000);
        c.sendTo("a".getBytes(StandardCharsets.US_ASCII), Ipv4Address.parse("10.0.0.4"), 9000);
        w.sim().runFor(SimTime.seconds(1));
        assertThat(list("-L").stdout()).as("replied once: no longer UNREPLIED, not yet ASSURED").isEqualTo(
            "udp      17 29 src=10.244.1.2 dst=10.0.0.4 sport=5000 dport=9000 "
                + "src=10.0.0.4 dst=10.0.0.3 sport=9000 dport=5000 mark=0 use=1\n");
        c.sendTo("b".getBytes(StandardCharsets.US_ASCII), Ipv4Address.parse("10.0.0.4"), 9000);
        w.sim().runFor(SimTime.seconds(1));
        assertThat(list("-L").stdout()).isEqualTo("udp      17 119 src=10.244.1.2 dst=10.0.0.4 sport=5000 dport=9000 "
            + "src=10.0.0.4 dst=10.0.0.3 sport=9000 dport=5000 [ASSURED] mark=0 use=1\n");
    }

    @Test
    void ctStatusMatchesWhatTheListingShows() {
        masquerade();
        sh.ok(node, "nft add table ip fw");
        sh.ok(node, "nft add chain ip fw fwd '{ type filter hook forward priority 0; policy accept; }'");
        sh.ok(node, "nft add rule ip fw fwd ct status assured counter");
        sh.ok(node, "nft add rule ip fw fwd ct status seen-reply,snat counter");
        sh.ok(node, "nft add rule ip fw fwd ct status confirmed counter");
        UdpSocket server = UdpSocket.open(node2).bind(Ipv4Address.ANY, 9000);
        server.onReceive(d -> server.sendTo(d.payload(), d.src(), d.srcPort()));
        UdpSocket c = UdpSocket.open(pod1).bind(Ipv4Address.ANY, 5000);
        for (int i = 0; i < 2; i++) {
            c.sendTo("a".getBytes(StandardCharsets.US_ASCII), Ipv4Address.parse("10.0.0.4"), 9000);
            w.sim().runFor(SimTime.seconds(1));
        }

        // request 1: not confirmed yet, no status; reply 1: seen-reply, snat, confirmed; request 2 and reply 2:
        // assured too (UDP is assured by a packet after the reply)
        assertThat(sh.out(node, "nft list chain ip fw fwd")).contains(
            "\t\tct status assured counter packets 2 bytes 58\n",
            "\t\tct status seen-reply,snat counter packets 3 bytes 87\n",
            "\t\tct status confirmed counter packets 3 bytes 87\n");
    }

    @Test
    void anIcmpErrorAboutAMasqueradedFlowReachesThePodWithThePodsAddressesQuoted() {
        masquerade();
        Invocation dump = bg.start(pod1, "tcpdump -n -v -i eth0 icmp");
        UdpSocket.open(pod1).bind(Ipv4Address.ANY, 5000)
            .sendTo("x".getBytes(StandardCharsets.US_ASCII), Ipv4Address.parse("10.0.0.4"), 9999); // closed port
        w.sim().runFor(SimTime.seconds(1));
        dump.interrupt();

        assertThat(dump.stdout()).as("to the pod, quoting what the pod sent").isEqualTo("""
            00:00:00.000200 IP (tos 0xc0, ttl 63, id 31391, offset 0, flags [none], proto ICMP (1), length 57)
                10.0.0.4 > 10.244.1.2: ICMP 10.0.0.4 udp port 9999 unreachable, length 37
            \tIP (tos 0x0, ttl 63, id 48076, offset 0, flags [none], proto UDP (17), length 29)
                10.244.1.2.5000 > 10.0.0.4.9999: UDP, length 1

            """);
    }

    @Test
    void aPingIsTrackedByItsEchoIdentifier() {
        masquerade();
        assertThat(sh.run(pod1, "ping -c 1 10.0.0.4").exitCode()).isZero(); // the reply has just come back: 30 s left
        int id = node.nftables().conntrack().entries().get(0).original().sport();

        assertThat(list("-L -p icmp").stdout()).isEqualTo(("icmp     1 30 src=10.244.1.2 dst=10.0.0.4 type=8 code=0 "
            + "id=%d src=10.0.0.4 dst=10.0.0.3 type=0 code=0 id=%d mark=0 use=1\n").formatted(id, id));
    }

    @Test
    void deleteFlushAndCount() {
        masquerade();
        UdpSocket.open(node2).bind(Ipv4Address.ANY, 9000);
        for (String pod : new String[] {"pod1", "pod2"}) {
            UdpSocket.open(w.namespace(pod)).bind(Ipv4Address.ANY, 5000)
                .sendTo("x".getBytes(StandardCharsets.US_ASCII), Ipv4Address.parse("10.0.0.4"), 9000);
        }
        w.sim().runFor(SimTime.seconds(1));
        assertThat(sh.out(node, "conntrack -C")).isEqualTo("2\n");

        Invocation none = list("-D -s 10.244.1.9");
        assertThat(none.stdout()).isEmpty();
        assertThat(none.stderr()).isEqualTo("conntrack v1.4.6 (conntrack-tools): 0 flow entries have been deleted.\n");
        assertThat(none.exitCode()).isEqualTo(1);

        Invocation del = list("-D -p udp --orig-src 10.244.1.3 --reply-port-dst 5001");
        assertThat(del.stdout()).isEqualTo("udp      17 29 src=10.244.1.3 dst=10.0.0.4 sport=5000 dport=9000 "
            + "[UNREPLIED] src=10.0.0.4 dst=10.0.0.3 sport=9000 dport=5001 mark=0 use=1\n");
        assertThat(del.stderr()).isEqualTo("conntrack v1.4.6 (conntrack-tools): 1 flow entries have been deleted.\n");
        assertThat(del.exitCode()).isZero();
        assertThat(list("-L").stdout()).startsWith("udp      17 29 src=10.244.1.2 ");
        assertThat(list("-L").stderr()).isEqualTo(SHOWN.formatted(1));

        Invocation flush = list("-F");
        assertThat(flush.stderr()).isEqualTo("conntrack v1.4.6 (conntrack-tools): connection tracking table has been "
            + "emptied.\n");
        assertThat(flush.exitCode()).isZero();
        assertThat(sh.out(node, "conntrack -C")).isEqualTo("0\n");
    }

    @Test
    void aNamespaceWithoutConntrackHasNoFlows() {
        assertThat(sh.run(node2, "ping -c 1 10.0.0.3").exitCode()).isZero();
        Invocation l = sh.run(node2, "conntrack -L");
        assertThat(l.stdout()).isEmpty();
        assertThat(l.stderr()).isEqualTo(SHOWN.formatted(0));
    }

    @Test
    void parameterProblems() {
        String hint = "Try `conntrack -h' or 'conntrack --help' for more information.\n";
        sh.fails(node, "conntrack", "conntrack v1.4.6 (conntrack-tools): no command specified\n" + hint, 2);
        sh.fails(node, "conntrack -L --dport 80", "conntrack v1.4.6 (conntrack-tools): `--dport' requires `-p tcp' "
            + "or `-p udp'\n" + hint, 2);
        sh.fails(node, "conntrack -L --state ESTABLISHED", "conntrack v1.4.6 (conntrack-tools): `--state' requires "
            + "`-p tcp'\n" + hint, 2);
        sh.fails(node, "conntrack -L -s 10.0.0.300", "conntrack v1.4.6 (conntrack-tools): Invalid IP address "
            + "`10.0.0.300'\n" + hint, 2);
        sh.fails(node, "conntrack -L -p sctpx", "conntrack v1.4.6 (conntrack-tools): `sctpx' unsupported protocol\n"
            + hint, 2);
        sh.fails(node, "conntrack -L -D", "conntrack v1.4.6 (conntrack-tools): Invalid commands combination\n"
            + hint, 2);
        sh.fails(node, "conntrack -L --frob 1", "conntrack v1.4.6 (conntrack-tools): unknown option `--frob'\n"
            + hint, 2);
    }
}
