package io.knetsim.tool.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.app.http.FixedMessageServer;
import io.knetsim.net.DropReason;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.TwoWorkerOverlay;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.iproute.Labs;
import io.knetsim.tool.iproute.Shell;
import org.junit.jupiter.api.Test;

/**
 * Rules on a server's input hook, seen from the client: drops, rejects, verdict maps on
 * concatenations, numgen and jhash spreading, limit, quota, log and marks. TCP reachability
 * is checked with {@code nc -z}.
 *
 * <pre>
 *   client h1 [veth0 10.0.0.1/24] ======= [eth0 10.0.0.2/24] h2 server (HTTP "S1-W2" on :8000)
 *                                            table ip f { chain input { hook input } }
 * </pre>
 */
class NftFilteringLabTest {
    private final World w = Labs.twoHosts();
    private final NetNamespace h1 = w.namespace("h1");
    private final NetNamespace h2 = w.namespace("h2");
    private final Shell sh = new Shell();

    NftFilteringLabTest() {
        FixedMessageServer.start(h2, 8000, "S1-W2");
    }

    private void server(String policy, String... rules) {
        sh.ok(h2, "nft add table ip f");
        sh.ok(h2, "nft add chain ip f input '{ type filter hook input priority filter; policy " + policy + "; }'");
        for (String r : rules) {
            sh.ok(h2, "nft add rule ip f input " + r);
        }
    }

    private String rules() {
        return sh.out(h2, "nft list chain ip f input");
    }

    @Test
    void aDropRuleDropsWithReasonNfDrop() {
        server("accept", "icmp type echo-request counter drop");

        Invocation ping = sh.run(h1, "ping -c 2 10.0.0.2");

        assertThat(ping.exitCode()).isEqualTo(1);
        assertThat(ping.stdout()).contains("2 packets transmitted, 0 received, 100% packet loss");
        assertThat(h2.drops().get(DropReason.NF_DROP)).isEqualTo(2);
        assertThat(rules()).contains("\t\ticmp type echo-request counter packets 2 bytes 168 drop\n");
        assertThat(sh.run(h1, "nc -z 10.0.0.2 8000").exitCode()).isZero();
    }

    @Test
    void rejectAnswersWithIcmpPortUnreachable() {
        server("accept", "icmp type echo-request reject");

        Invocation ping = sh.run(h1, "ping -c 1 10.0.0.2");

        assertThat(ping.stdout()).contains("From 10.0.0.2 icmp_seq=1 Destination Port Unreachable");
        assertThat(ping.exitCode()).isEqualTo(1);
        assertThat(h2.drops().get(DropReason.NF_DROP)).isEqualTo(1);
    }

    @Test
    void rejectOnTheOutputHookTellsTheLocalSender() {
        sh.ok(h1, "nft add table ip f");
        sh.ok(h1, "nft add chain ip f out '{ type filter hook output priority 0; }'");
        sh.ok(h1, "nft add rule ip f out ip daddr 10.0.0.2 counter reject");

        Invocation ping = sh.run(h1, "ping -c 2 10.0.0.2");

        assertThat(ping.stdout()).contains("From 10.0.0.1 icmp_seq=1 Destination Port Unreachable\n"
            + "From 10.0.0.1 icmp_seq=2 Destination Port Unreachable\n");
        assertThat(ping.stdout()).contains("2 packets transmitted, 0 received, +2 errors, 100% packet loss");
        assertThat(sh.out(h1, "nft list ruleset")).contains("\t\tip daddr 10.0.0.2 counter packets 2 bytes 168 reject\n");
        assertThat(h1.drops().get(DropReason.NF_DROP)).isEqualTo(2);
    }

    @Test
    void rejectWithTcpResetRefusesTheConnection() {
        server("accept", "tcp dport 8000 counter reject with tcp reset");

        Invocation nc = sh.run(h1, "nc -zv 10.0.0.2 8000");

        assertThat(nc.exitCode()).isEqualTo(1);
        assertThat(nc.stderr()).isEqualTo("nc: connect to 10.0.0.2 port 8000 (tcp) failed: Connection refused\n");
        assertThat(rules()).contains("\t\ttcp dport 8000 counter packets 1 bytes 60 reject with tcp reset\n");
        assertThat(h2.drops().get(DropReason.NF_DROP)).isEqualTo(1);

        sh.ok(h2, "nft flush chain ip f input");
        assertThat(sh.run(h1, "nc -z 10.0.0.2 8000").exitCode()).isZero();
    }

    @Test
    void rejectWithTcpResetIsCurlExit7AcrossTheOverlay() {
        TwoWorkerOverlay o = new TwoWorkerOverlay(7, LinkConfig.DEFAULT);
        FixedMessageServer.start(o.podB, 8000, "S1-W2");
        assertThat(sh.out(o.podA, "curl -s 11.10.2.2:8000")).isEqualTo("S1-W2\n");
        sh.ok(o.podB, "nft add table ip f");
        sh.ok(o.podB, "nft add chain ip f input { type filter hook input priority 0 \\; }");
        sh.ok(o.podB, "nft add rule ip f input tcp dport 8000 reject with tcp reset");

        Invocation curl = sh.run(o.podA, "curl 11.10.2.2:8000");

        assertThat(curl.exitCode()).isEqualTo(7);
        assertThat(curl.stderr()).isEqualTo(
            "curl: (7) Failed to connect to 11.10.2.2 port 8000 after 0 ms: Couldn't connect to server\n");
    }

    @Test
    void aVerdictMapOnAddressProtocolAndPortClassifiesPackets() {
        sh.ok(h2, "nft add table ip f");
        sh.ok(h2, "nft add chain ip f web");
        sh.ok(h2, "nft add rule ip f web counter accept");
        sh.ok(h2, "nft add map ip f svc '{ type ipv4_addr . inet_proto . inet_service : verdict; }'");
        sh.ok(h2, "nft add element ip f svc '{ 10.0.0.2 . tcp . 8000 : jump web, 10.0.0.2 . udp . 53 : drop }'");
        sh.ok(h2, "nft add chain ip f input '{ type filter hook input priority 0; policy drop; }'");
        sh.ok(h2, "nft add rule ip f input ip daddr . meta l4proto . th dport vmap @svc");

        assertThat(sh.run(h1, "nc -z 10.0.0.2 8000").exitCode()).isZero();
        assertThat(sh.run(h1, "ping -c 1 10.0.0.2").exitCode()).isEqualTo(1); // icmp: no element, policy drop

        assertThat(sh.out(h2, "nft list table ip f")).isEqualTo("""
            table ip f {
            \tmap svc {
            \t\ttype ipv4_addr . inet_proto . inet_service : verdict
            \t\telements = { 10.0.0.2 . tcp . 8000 : jump web, 10.0.0.2 . udp . 53 : drop }
            \t}

            \tchain web {
            \t\tcounter packets 4 bytes 216 accept
            \t}

            \tchain input {
            \t\ttype filter hook input priority filter; policy drop;
            \t\tip daddr . meta l4proto . th dport vmap @svc
            \t}
            }
            """);
        assertThat(h2.drops().get(DropReason.NF_DROP)).isEqualTo(1);
    }

    @Test
    void numgenIncAlternatesAndNumgenRandomRepeatsWithTheSeed() {
        sh.ok(h2, "nft add table ip f");
        sh.ok(h2, "nft add chain ip f a");
        sh.ok(h2, "nft add chain ip f b");
        sh.ok(h2, "nft add rule ip f a counter");
        sh.ok(h2, "nft add rule ip f b counter");
        server("accept", "icmp type echo-request numgen inc mod 2 vmap { 0 : jump a, 1 : jump b }");

        sh.run(h1, "ping -c 4 10.0.0.2");

        String listing = sh.out(h2, "nft list ruleset");
        assertThat(listing).contains("\tchain a {\n\t\tcounter packets 2 bytes 168\n");
        assertThat(listing).contains("\tchain b {\n\t\tcounter packets 2 bytes 168\n");
        assertThat(listing).contains("\t\ticmp type echo-request numgen inc mod 2 vmap { 0 : jump a, 1 : jump b }\n");

        assertThat(randomSpread()).isEqualTo(randomSpread()).isEqualTo("a=11 b=9");
    }

    /** Twenty pings spread by {@code numgen random mod 2} in a fresh world with the same seed. */
    private static String randomSpread() {
        World w = Labs.twoHosts();
        Shell sh = new Shell();
        NetNamespace h2 = w.namespace("h2");
        sh.ok(h2, "nft add table ip f");
        sh.ok(h2, "nft add chain ip f a");
        sh.ok(h2, "nft add chain ip f b");
        sh.ok(h2, "nft add chain ip f input { type filter hook input priority 0 \\; }");
        sh.ok(h2, "nft add rule ip f input icmp type echo-request numgen random mod 2 vmap { 0 : jump a, 1 : jump b }");
        sh.ok(h2, "nft add rule ip f a counter");
        sh.ok(h2, "nft add rule ip f b counter");
        sh.run(w.namespace("h1"), "ping -c 20 -i 0.2 10.0.0.2");
        String l = sh.out(h2, "nft list ruleset");
        return "a=" + count(l, "a") + " b=" + count(l, "b");
    }

    private static String count(String listing, String chain) {
        int at = listing.indexOf("\tchain " + chain + " {\n\t\tcounter packets ");
        String rest = listing.substring(at + ("\tchain " + chain + " {\n\t\tcounter packets ").length());
        return rest.substring(0, rest.indexOf(' '));
    }

    @Test
    void jhashSendsOneFlowAlwaysToTheSameBucket() {
        server("accept",
            "meta mark set jhash ip saddr . ip daddr mod 4 seed 0x1234",
            "meta mark 0x00000000 counter",
            "meta mark 0x00000001 counter",
            "meta mark 0x00000002 counter",
            "meta mark 0x00000003 counter");

        sh.run(h1, "ping -c 5 10.0.0.2");

        String r = rules();
        assertThat(r).contains("\t\tmeta mark set jhash ip saddr . ip daddr mod 4 seed 0x1234\n");
        assertThat(r).containsOnlyOnce("counter packets 5 bytes 420");
        assertThat(r.split("counter packets 0 bytes 0", -1)).hasSize(4);
        assertThat(r).contains("\t\tmeta mark 0x00000003 counter packets 5 bytes 420\n");
    }

    @Test
    void limitLetsABurstThroughThenDrops() {
        server("drop", "icmp type echo-request limit rate 1/minute burst 2 packets accept", "ip protocol tcp accept");

        Invocation ping = sh.run(h1, "ping -c 5 -i 0.2 10.0.0.2");

        assertThat(ping.stdout()).contains("5 packets transmitted, 2 received, 60% packet loss");
        assertThat(rules()).contains("\t\ticmp type echo-request limit rate 1/minute burst 2 packets accept\n");
        assertThat(h2.drops().get(DropReason.NF_DROP)).isEqualTo(3);
    }

    @Test
    void quotaMatchesUntilTheBytesAreUsed() {
        server("drop", "quota 200 bytes accept");

        Invocation ping = sh.run(h1, "ping -c 4 10.0.0.2");

        assertThat(ping.stdout()).contains("4 packets transmitted, 2 received, 50% packet loss");
        assertThat(rules()).contains("\t\tquota 200 bytes used 336 bytes accept\n");
    }

    @Test
    void logWritesAKernelLineDmesgShows() {
        server("accept", "'icmp type echo-request log prefix \"ping-in: \"'");

        sh.run(h1, "ping -c 1 10.0.0.2");

        assertThat(sh.out(h2, "dmesg")).matches(
            "\\[    0\\.\\d{6}\\] ping-in: IN=eth0 OUT= SRC=10\\.0\\.0\\.1 DST=10\\.0\\.0\\.2 LEN=84 TOS=0x00 PREC=0x00 TTL=64"
                + " ID=\\d+ DF PROTO=ICMP TYPE=8 CODE=0 ID=\\d+ SEQ=1\n");
        assertThat(rules()).contains("\t\ticmp type echo-request log prefix \"ping-in: \"\n");
    }

    @Test
    void interfaceNamesAndMarksMatch() {
        server("accept", "iifname \"eth0\" meta mark set 0x10", "meta mark 0x10 counter", "iifname != \"eth0\" counter");

        sh.run(h1, "ping -c 3 10.0.0.2");

        assertThat(rules()).isEqualTo("""
            table ip f {
            \tchain input {
            \t\ttype filter hook input priority filter; policy accept;
            \t\tiifname "eth0" meta mark set 0x00000010
            \t\tmeta mark 0x00000010 counter packets 3 bytes 252
            \t\tiifname != "eth0" counter packets 0 bytes 0
            \t}
            }
            """);
    }
}
