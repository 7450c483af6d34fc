package io.knetsim.tool.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.iproute.Labs;
import io.knetsim.tool.iproute.Shell;
import org.junit.jupiter.api.Test;

/**
 * nft's errors: the message, the input line, markers under the offending words, exit status 1,
 * and a ruleset (handles and counters included) exactly as it was.
 *
 * <pre>
 *   h1: table ip t { chain in (hook input, policy accept), chain a, chain b (b jumps to a), set s, map m }
 * </pre>
 */
class NftErrorsTest {
    private final NetNamespace h1 = Labs.twoHosts().namespace("h1");
    private final Shell sh = new Shell();

    NftErrorsTest() {
        h1.files().write("/etc/nftables.conf", """
            table ip t {
            \tset s {
            \t\ttype inet_service
            \t\telements = { 22, 80 }
            \t}
            \tmap m {
            \t\ttype ipv4_addr : verdict
            \t}
            \tchain a {
            \t\tcounter
            \t}
            \tchain b {
            \t\tjump a
            \t}
            \tchain in {
            \t\ttype filter hook input priority filter; policy accept;
            \t\ttcp dport @s counter accept
            \t}
            }
            """);
        sh.ok(h1, "nft -f /etc/nftables.conf");
    }

    private void fails(String line, String stderr) {
        String before = sh.out(h1, "nft -a list ruleset");
        Invocation inv = sh.run(h1, line);
        assertThat(inv.stderr()).as("stderr of '%s'", line).isEqualTo(stderr);
        assertThat(inv.exitCode()).as("exit status of '%s'", line).isEqualTo(1);
        assertThat(inv.stdout()).isEmpty();
        assertThat(sh.out(h1, "nft -a list ruleset")).as("ruleset after '%s'", line).isEqualTo(before);
    }

    @Test
    void syntaxErrorsMarkTheUnexpectedWord() {
        fails("nft add rule ip t in ip daddr 8.8.8.8 jnk", """
            Error: syntax error, unexpected string
            add rule ip t in ip daddr 8.8.8.8 jnk
                                              ^^^
            """);
        fails("nft add rule ip t in ip daddr", """
            Error: syntax error, unexpected end of file
            add rule ip t in ip daddr
                                     ^
            """);
        fails("nft add chain ip t c2 { type filter hook input priority 0 \\; policy drop }", """
            Error: syntax error, unexpected '}', expecting newline or semicolon
            add chain ip t c2 { type filter hook input priority 0 ; policy drop }
                                                                                ^
            """);
        fails("nft frobnicate", """
            Error: syntax error, unexpected string
            frobnicate
            ^^^^^^^^^^
            """);
    }

    @Test
    void unknownTablesChainsSetsAndRulesAreNoSuchFileOrDirectory() {
        fails("nft add rule ip nosuch in counter", """
            Error: No such file or directory
            add rule ip nosuch in counter
                        ^^^^^^
            """);
        fails("nft add rule ip t nochain counter", """
            Error: No such file or directory
            add rule ip t nochain counter
                          ^^^^^^^
            """);
        fails("nft add rule ip t a jump nochain", """
            Error: Could not process rule: No such file or directory
            add rule ip t a jump nochain
                                 ^^^^^^^
            """);
        fails("nft add rule ip t a tcp dport @nosuch", """
            Error: Could not process rule: No such file or directory
            add rule ip t a tcp dport @nosuch
                                       ^^^^^^
            """);
        fails("nft delete rule ip t in handle 99", """
            Error: Could not process rule: No such file or directory
            delete rule ip t in handle 99
                                       ^^
            """);
        fails("nft -f /etc/missing.nft", "Error: Could not open file \"/etc/missing.nft\": No such file or directory\n");
    }

    @Test
    void jumpsThatLoopOrEnterABaseChainAreRefused() {
        fails("nft add rule ip t a jump b", """
            Error: Could not process rule: Too many levels of symbolic links
            add rule ip t a jump b
            ^^^^^^^^^^^^^^^^^^^^^^
            """);
        fails("nft add rule ip t a goto a", """
            Error: Could not process rule: Too many levels of symbolic links
            add rule ip t a goto a
            ^^^^^^^^^^^^^^^^^^^^^^
            """);
        fails("nft add rule ip t a jump in", """
            Error: Could not process rule: Operation not supported
            add rule ip t a jump in
            ^^^^^^^^^^^^^^^^^^^^^^^
            """);
        sh.ok(h1, "nft add map ip t m2 { type ipv4_addr : verdict \\; }");
        sh.ok(h1, "nft add rule ip t a ip saddr vmap @m2");
        fails("nft add element ip t m2 { 10.0.0.9 : jump b }", """
            Error: Could not process rule: Too many levels of symbolic links
            add element ip t m2 { 10.0.0.9 : jump b }
                                  ^^^^^^^^^^^^^^^^^
            """);
        fails("nft add element ip t m { 10.0.0.9 : jump in }", """
            Error: Could not process rule: Operation not supported
            add element ip t m { 10.0.0.9 : jump in }
                                 ^^^^^^^^^^^^^^^^^^
            """);
        sh.ok(h1, "nft add element ip t m { 10.0.0.9 : jump b }");
    }

    @Test
    void typesAreCheckedWhenTheRuleIsAdded() {
        fails("nft add rule ip t a ip saddr @s", """
            Error: datatype mismatch, expected IPv4 address, set has type internet network service
            add rule ip t a ip saddr @s
                                     ^^
            """);
        fails("nft add rule ip t a tcp dport nosuchservice", """
            Error: Could not resolve service: Servname not supported for ai_socktype
            add rule ip t a tcp dport nosuchservice
                                      ^^^^^^^^^^^^^
            """);
        fails("nft add rule ip t a ip daddr 10.0.0.0/40", """
            Error: Prefix length 40 is invalid for type of 32 bits width
            add rule ip t a ip daddr 10.0.0.0/40
                                              ^^
            """);
        fails("nft add rule ip t a ip ttl 300", """
            Error: Value 300 exceeds valid range 0-255
            add rule ip t a ip ttl 300
                                   ^^^
            """);
        fails("nft add rule ip t a ip ttl { 1, 300 }", """
            Error: Value 300 exceeds valid range 0-255
            add rule ip t a ip ttl { 1, 300 }
                                   ^
            """);
        fails("nft add rule ip t a iifname > \"eth0\"", """
            Error: Relational expression size mismatch
            add rule ip t a iifname > eth0
                            ^^^^^^^^^^^^^^
            """);
        fails("nft add rule ip t a ip daddr . tcp dport vmap { 10.0.0.1 : accept }", """
            Error: syntax error, unexpected colon
            add rule ip t a ip daddr . tcp dport vmap { 10.0.0.1 : accept }
                                                                 ^
            """);
    }

    @Test
    void familiesHooksAndPrioritiesAreChecked() {
        fails("nft add table ip6 t6", """
            Error: family 'ip6' is not modelled by knetsim (only ip and inet)
            add table ip6 t6
                      ^^^
            """);
        fails("nft add chain ip t n { type nat hook forward priority 0 \\; }", """
            Error: Could not process rule: Operation not supported
            add chain ip t n { type nat hook forward priority 0 ; }
                                    ^^^^^^^^^^^^^^^^
            """);
        fails("nft add chain ip t n { type filter hook input priority dstnat \\; }", """
            Error: 'dstnat' is invalid priority in this context.
            add chain ip t n { type filter hook input priority dstnat ; }
                                                               ^^^^^^
            """);
        fails("nft add rule ip t a notrack", """
            Error: 'notrack' is not modelled by knetsim
            add rule ip t a notrack
                            ^^^^^^^
            """);
        fails("nft add rule ip t in dnat to 10.0.0.9", """
            Error: Could not process rule: Operation not supported
            add rule ip t in dnat to 10.0.0.9
            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
            """);
    }

    @Test
    void aFileWithAnErrorChangesNothingAndNamesTheLine() {
        h1.files().write("/etc/bad.nft", """
            add chain ip t c3
            add rule ip t c3 counter
            add rule ip t c3 ip daddr 10.0.0.300 accept
            """);
        fails("nft -f /etc/bad.nft", """
            /etc/bad.nft:3:27-36: Error: Could not resolve hostname: Name or service not known
            add rule ip t c3 ip daddr 10.0.0.300 accept
                                      ^^^^^^^^^^
            """);
        assertThat(sh.out(h1, "nft list tables")).isEqualTo("table ip t\n");
    }

    @Test
    void checkModeValidatesWithoutChanging() {
        String before = sh.out(h1, "nft -a list ruleset");
        sh.ok(h1, "nft -c add rule ip t a counter");
        assertThat(sh.out(h1, "nft -a list ruleset")).isEqualTo(before);
        fails("nft -c add rule ip t a jump b", """
            Error: Could not process rule: Too many levels of symbolic links
            add rule ip t a jump b
            ^^^^^^^^^^^^^^^^^^^^^^
            """);
    }
}
