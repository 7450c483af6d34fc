package io.knetsim.tool.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.tool.CommandLine;
import io.knetsim.tool.iproute.Labs;
import io.knetsim.tool.iproute.Shell;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code nft -f} with the full file syntax (defines, nested blocks, named and anonymous sets,
 * maps, verdict maps on concatenations, numgen, jhash, limit, quota, log, reject, named
 * priorities with offsets), listed back in nft 1.0's format; the listing loads back unchanged.
 *
 * <pre>
 *   h1: /etc/nftables.conf --nft -f--> table inet filter, table ip nat
 * </pre>
 */
class NftRulesetFileTest {
    private final NetNamespace h1 = Labs.twoHosts().namespace("h1");
    private final Shell sh = new Shell();

    private static final String FILE = """
        #!/usr/sbin/nft -f
        define web = 10.0.0.2
        define ports = { ssh, http, 443 }

        table inet filter {
        \tset allowed {
        \t\ttype ipv4_addr
        \t\telements = { 10.0.0.1, 10.0.0.5 }
        \t}
        \tset nets {
        \t\ttype ipv4_addr; flags interval
        \t\telements = { 10.0.0.0/8, 192.168.1.1-192.168.1.9 }
        \t}
        \tmap svc {
        \t\ttype ipv4_addr . inet_proto . inet_service : verdict
        \t\telements = { 10.0.0.2 . tcp . 80 : jump web,
        \t\t             10.0.0.2 . udp . 53 : accept }
        \t}
        \tchain web {
        \t\tcounter
        \t\ttcp dport http accept
        \t}
        \tchain input {
        \t\ttype filter hook input priority filter + 5; policy drop;
        \t\tiifname "lo" accept
        \t\tip saddr @allowed tcp dport $ports accept
        \t\tip daddr . meta l4proto . th dport vmap @svc
        \t\ttcp flags syn limit rate 10/second burst 20 packets accept
        \t\ticmp type { echo-request, echo-reply } counter accept
        \t\tip ttl < 5 drop   # too far
        \t\tudp dport 1000-2000 reject
        \t\ttcp dport != 22 reject with tcp reset
        \t\tquota over 10 mbytes drop
        \t\tlog prefix "dropped: " drop
        \t\tct state established,related accept
        \t}
        \tchain pre {
        \t\ttype filter hook prerouting priority -155; policy accept;
        \t\tmeta mark set numgen random mod 2 offset 1
        \t\tmeta mark set jhash ip saddr . tcp sport mod 4 seed 0xdeadbeef
        \t\tnumgen inc mod 2 vmap { 0 : jump web, 1 : continue }
        \t\tmeta mark 0x10 ip daddr $web counter packets 5 bytes 400
        \t}
        }
        table ip nat {
        \tchain pre {
        \t\ttype nat hook prerouting priority dstnat - 5; policy accept;
        \t\tip daddr 100.64.10.1 dnat to jhash ip checksum mod 2 map { 0 : 10.244.1.2, 1 : 10.244.1.3 }
        \t\ttcp dport 80 dnat ip to 10.0.0.2:8000
        \t}
        \tchain post {
        \t\ttype nat hook postrouting priority srcnat; policy accept;
        \t\tip saddr 10.244.0.0/16 oifname != "cni0" masquerade
        \t\tip saddr 10.0.0.9 snat to 10.0.0.1
        \t}
        \tchain out {
        \t\ttype nat hook output priority -100; policy accept;
        \t}
        }
        """;

    private static final String LISTING = """
        table inet filter {
        \tset allowed {
        \t\ttype ipv4_addr
        \t\telements = { 10.0.0.1, 10.0.0.5 }
        \t}

        \tset nets {
        \t\ttype ipv4_addr
        \t\tflags interval
        \t\telements = { 10.0.0.0/8, 192.168.1.1-192.168.1.9 }
        \t}

        \tmap svc {
        \t\ttype ipv4_addr . inet_proto . inet_service : verdict
        \t\telements = { 10.0.0.2 . tcp . 80 : jump web, 10.0.0.2 . udp . 53 : accept }
        \t}

        \tchain web {
        \t\tcounter packets 0 bytes 0
        \t\ttcp dport 80 accept
        \t}

        \tchain input {
        \t\ttype filter hook input priority filter + 5; policy drop;
        \t\tiifname "lo" accept
        \t\tip saddr @allowed tcp dport { 22, 80, 443 } accept
        \t\tip daddr . meta l4proto . th dport vmap @svc
        \t\ttcp flags syn limit rate 10/second burst 20 packets accept
        \t\ticmp type { echo-request, echo-reply } counter packets 0 bytes 0 accept
        \t\tip ttl < 5 drop
        \t\tudp dport 1000-2000 reject
        \t\ttcp dport != 22 reject with tcp reset
        \t\tquota over 10 mbytes drop
        \t\tlog prefix "dropped: " drop
        \t\tct state established,related accept
        \t}

        \tchain pre {
        \t\ttype filter hook prerouting priority mangle - 5; policy accept;
        \t\tmeta mark set numgen random mod 2 offset 1
        \t\tmeta mark set jhash ip saddr . tcp sport mod 4 seed 0xdeadbeef
        \t\tnumgen inc mod 2 vmap { 0 : jump web, 1 : continue }
        \t\tmeta mark 0x00000010 ip daddr 10.0.0.2 counter packets 5 bytes 400
        \t}
        }
        table ip nat {
        \tchain pre {
        \t\ttype nat hook prerouting priority dstnat - 5; policy accept;
        \t\tip daddr 100.64.10.1 dnat to jhash ip checksum mod 2 map { 0 : 10.244.1.2, 1 : 10.244.1.3 }
        \t\ttcp dport 80 dnat to 10.0.0.2:8000
        \t}

        \tchain post {
        \t\ttype nat hook postrouting priority srcnat; policy accept;
        \t\tip saddr 10.244.0.0/16 oifname != "cni0" masquerade
        \t\tip saddr 10.0.0.9 snat to 10.0.0.1
        \t}

        \tchain out {
        \t\ttype nat hook output priority -100; policy accept;
        \t}
        }
        """;

    @Test
    void aFileLoadsAndListsInNftsFormat() {
        h1.files().write("/etc/nftables.conf", FILE);
        sh.ok(h1, "nft -f /etc/nftables.conf");

        assertThat(sh.out(h1, "nft list ruleset")).isEqualTo(LISTING);
        assertThat(sh.out(h1, "nft list tables")).isEqualTo("table inet filter\ntable ip nat\n");
        assertThat(sh.out(h1, "nft list set inet filter allowed")).isEqualTo("""
            table inet filter {
            \tset allowed {
            \t\ttype ipv4_addr
            \t\telements = { 10.0.0.1, 10.0.0.5 }
            \t}
            }
            """);
    }

    @Test
    void handlesNumberChainsThenSetsThenRulesAsNftExpandsATableBlock() {
        h1.files().write("/etc/nftables.conf", FILE);
        sh.ok(h1, "nft -f /etc/nftables.conf");

        String a = sh.out(h1, "nft -a list table inet filter");
        assertThat(a).startsWith("table inet filter { # handle 1\n\tset allowed { # handle 4\n");
        assertThat(a).contains("\tchain web { # handle 1\n\t\tcounter packets 0 bytes 0 # handle 7\n");
        assertThat(a).contains("\t\tiifname \"lo\" accept # handle 9\n"
            + "\t\tip saddr @allowed tcp dport { 22, 80, 443 } accept # handle 11\n"); // 10: the anonymous set
        assertThat(sh.out(h1, "nft -a list chain ip nat out")).isEqualTo("""
            table ip nat { # handle 2
            \tchain out { # handle 3
            \t\ttype nat hook output priority -100; policy accept;
            \t}
            }
            """);
    }

    @Test
    void theListingLoadsBackToTheSameListing() {
        h1.files().write("/etc/nftables.conf", FILE);
        sh.ok(h1, "nft -f /etc/nftables.conf");
        h1.files().write("/root/saved.nft", sh.out(h1, "nft list ruleset"));

        sh.ok(h1, "nft flush ruleset");
        assertThat(sh.out(h1, "nft list ruleset")).isEmpty();
        sh.ok(h1, "nft -f /root/saved.nft");

        assertThat(sh.out(h1, "nft list ruleset")).isEqualTo(LISTING);
    }

    @Test
    void rulesGoWhereInsertReplaceAndPositionSay() {
        sh.ok(h1, "nft add table t");
        sh.ok(h1, "nft add chain t c");
        sh.ok(h1, "nft add rule t c ip ttl 1 counter");
        sh.ok(h1, "nft add rule t c ip ttl 2 counter");
        sh.ok(h1, "nft insert rule t c ip ttl 0 counter");
        sh.ok(h1, "nft add rule t c position 2 ip ttl 11 counter");
        sh.ok(h1, "nft insert rule t c position 2 ip ttl 9 counter");
        sh.ok(h1, "nft replace rule ip t c handle 3 ip ttl 22 drop");
        sh.ok(h1, "nft add set ip t s { type inet_service \\; elements = { 1, 2 } \\; }");
        sh.ok(h1, "nft delete element ip t s { 1 }");
        sh.ok(h1, "nft add element ip t s { 3 }");

        assertThat(sh.out(h1, "nft -a list table ip t")).isEqualTo("""
            table ip t { # handle 1
            \tset s { # handle 7
            \t\ttype inet_service
            \t\telements = { 2, 3 }
            \t}

            \tchain c { # handle 1
            \t\tip ttl 0 counter packets 0 bytes 0 # handle 4
            \t\tip ttl 9 counter packets 0 bytes 0 # handle 6
            \t\tip ttl 1 counter packets 0 bytes 0 # handle 2
            \t\tip ttl 11 counter packets 0 bytes 0 # handle 5
            \t\tip ttl 22 drop # handle 3
            \t}
            }
            """);

        sh.ok(h1, "nft flush chain t c");
        sh.ok(h1, "nft delete set t s");
        sh.ok(h1, "nft delete chain t c");
        sh.ok(h1, "nft delete table t");
        assertThat(sh.out(h1, "nft list ruleset")).isEmpty();
    }

    @Test
    void theShellPassesAQuotedBlockOrEscapedSemicolonsThroughAsNftNeedsThem() {
        assertThat(CommandLine.split(
            "nft add chain ip mytable mychain '{ type filter hook output priority 0; policy accept; }'"))
            .isEqualTo(List.of("nft", "add", "chain", "ip", "mytable", "mychain",
                "{ type filter hook output priority 0; policy accept; }"));
        assertThat(CommandLine.split("nft add chain ip t c { type filter hook input priority 0 \\; }"))
            .isEqualTo(List.of("nft", "add", "chain", "ip", "t", "c", "{", "type", "filter", "hook", "input",
                "priority", "0", ";", "}"));
        assertThat(CommandLine.split("nft add rule ip t c 'log prefix \"x: \"'"))
            .isEqualTo(List.of("nft", "add", "rule", "ip", "t", "c", "log prefix \"x: \""));

        sh.ok(h1, "nft add table ip t");
        sh.ok(h1, "nft add chain ip t c { type filter hook input priority 0 \\; }");
        sh.ok(h1, "nft add chain ip t d \"{ type filter hook output priority filter + 10; policy drop; }\"");
        assertThat(sh.out(h1, "nft list ruleset")).isEqualTo("""
            table ip t {
            \tchain c {
            \t\ttype filter hook input priority filter; policy accept;
            \t}

            \tchain d {
            \t\ttype filter hook output priority filter + 10; policy drop;
            \t}
            }
            """);
    }
}
