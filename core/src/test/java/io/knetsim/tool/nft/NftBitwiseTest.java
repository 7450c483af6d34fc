package io.knetsim.tool.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.iproute.Labs;
import io.knetsim.tool.iproute.Shell;
import org.junit.jupiter.api.Test;

/**
 * Bitwise operations ({@code nft_bitwise}): {@code & | ^} and {@code and or xor} on marks and
 * other integers, in matches and in {@code meta mark set} / {@code ct mark set}, listed as nft
 * 1.0 lists them, and the kube-proxy mark dance watched with ping.
 *
 * <pre>
 *   h1 [veth0 10.0.0.1/24] ======= [eth0 10.0.0.2/24] h2
 *        table ip t: chain out (hook output), chain mark-for-masquerade, chain masquerading
 * </pre>
 */
class NftBitwiseTest {
    private final World w = Labs.twoHosts();
    private final NetNamespace h1 = w.namespace("h1");
    private final Shell sh = new Shell();

    NftBitwiseTest() {
        sh.ok(h1, "nft add table ip t");
        sh.ok(h1, "nft add chain ip t out { type filter hook output priority 0 \\; }");
    }

    private void add(String rule) {
        sh.ok(h1, "nft add rule ip t out " + rule);
    }

    private String chain() {
        return sh.out(h1, "nft list chain ip t out");
    }

    @Test
    void rulesListInNftsCanonicalForm() {
        add("mark set mark or 0x4000");
        add("mark and 0x4000 == 0 return");
        add("meta mark set meta mark xor 0x4000");
        add("meta mark & 0x4000 != 0 counter");
        add("meta mark & 0xff00 0x100 accept");
        add("meta mark set meta mark & 0xffff0000 | 0x10");
        add("ct mark set meta mark");
        add("ct mark set ct mark and 0xff");
        add("meta mark set ct mark");
        add("ip saddr & 255.255.255.0 == 10.0.0.0 counter");
        add("tcp dport & 0xff00 == 0x100 drop");
        add("meta mark set meta mark or 0x4000 xor 0x4000");

        // one kernel mask and xor per chain of operations; & 0xffff0000 | 0x10 keeps mask 0xffff0000, xor 0x10,
        // which nft lists with the or'ed bits added back to the mask; | 0x4000 ^ 0x4000 clears the bit
        assertThat(chain()).isEqualTo("""
            table ip t {
            \tchain out {
            \t\ttype filter hook output priority filter; policy accept;
            \t\tmeta mark set meta mark | 0x00004000
            \t\tmeta mark & 0x00004000 == 0x00000000 return
            \t\tmeta mark set meta mark ^ 0x00004000
            \t\tmeta mark & 0x00004000 != 0x00000000 counter packets 0 bytes 0
            \t\tmeta mark & 0x0000ff00 == 0x00000100 accept
            \t\tmeta mark set meta mark & 0xffff0010 | 0x00000010
            \t\tct mark set meta mark
            \t\tct mark set ct mark & 0x000000ff
            \t\tmeta mark set ct mark
            \t\tip saddr & 255.255.255.0 == 10.0.0.0 counter packets 0 bytes 0
            \t\ttcp dport & 65280 == 256 drop
            \t\tmeta mark set meta mark & 0xffffbfff
            \t}
            }
            """);
    }

    @Test
    void theListingReadsBackToTheSameRuleset() {
        add("mark set mark or 0x4000");
        add("mark and 0x4000 == 0 return");
        add("mark set mark xor 0x4000");
        add("meta mark set meta mark & 0xffff0000 | 0x10");
        add("ct mark set ct mark and 0xff");
        String listed = sh.out(h1, "nft list ruleset");
        h1.files().write("/tmp/r.nft", listed);

        sh.ok(h1, "nft flush ruleset");
        sh.ok(h1, "nft -f /tmp/r.nft");

        assertThat(sh.out(h1, "nft list ruleset")).isEqualTo(listed);
    }

    @Test
    void kubeProxysMarkDanceSetsTestsAndClearsTheBit() {
        add("mark set mark or 0x4000");
        add("mark and 0x4000 == 0 counter");
        add("mark and 0x4000 != 0 counter");
        add("mark set mark xor 0x4000");
        add("mark and 0x4000 == 0 counter");
        add("mark set mark or 0x10");
        add("mark 0x10 counter");

        assertThat(sh.run(h1, "ping -c 2 10.0.0.2").exitCode()).isZero();

        assertThat(chain()).isEqualTo("""
            table ip t {
            \tchain out {
            \t\ttype filter hook output priority filter; policy accept;
            \t\tmeta mark set meta mark | 0x00004000
            \t\tmeta mark & 0x00004000 == 0x00000000 counter packets 0 bytes 0
            \t\tmeta mark & 0x00004000 != 0x00000000 counter packets 2 bytes 168
            \t\tmeta mark set meta mark ^ 0x00004000
            \t\tmeta mark & 0x00004000 == 0x00000000 counter packets 2 bytes 168
            \t\tmeta mark set meta mark | 0x00000010
            \t\tmeta mark 0x00000010 counter packets 2 bytes 168
            \t}
            }
            """);
    }

    @Test
    void ctMarkSetStoresTheMarkInTheFlow() {
        add("mark set mark or 0x4000");
        add("ct mark set meta mark | 0x1");

        assertThat(sh.run(h1, "ping -c 1 10.0.0.2").exitCode()).isZero();

        assertThat(sh.run(h1, "conntrack -L").stdout()).contains(" mark=16385 ");
    }

    private void fails(String line, String stderr) {
        String before = sh.out(h1, "nft -a list ruleset");
        Invocation inv = sh.run(h1, line);
        assertThat(inv.stderr()).as("stderr of '%s'", line).isEqualTo(stderr);
        assertThat(inv.exitCode()).isEqualTo(1);
        assertThat(sh.out(h1, "nft -a list ruleset")).isEqualTo(before);
    }

    @Test
    void badOperandsAreRefusedWithNftsErrors() {
        fails("nft add rule ip t out iifname & 0x1 accept", """
            Error: Binary operation (&) is undefined for network interface name types
            add rule ip t out iifname & 0x1 accept
                              ^^^^^^^^^
            """);
        fails("nft add rule ip t out meta mark & meta mark == 0 accept", """
            Error: Right hand side of binary operation (&) must be constant
            add rule ip t out meta mark & meta mark == 0 accept
                                          ^^^^^^^^^
            """);
        fails("nft add rule ip t out meta mark | 0x100000000 accept", """
            Error: Value 0x100000000 exceeds valid range 0-4294967295
            add rule ip t out meta mark | 0x100000000 accept
                                          ^^^^^^^^^^^
            """);
        fails("nft add rule ip t out ip ttl & 256 == 0 accept", """
            Error: Value 256 exceeds valid range 0-255
            add rule ip t out ip ttl & 256 == 0 accept
                                       ^^^
            """);
        fails("nft add rule ip t out ct state set 1", """
            Error: ct state set is not modelled by knetsim (only mark)
            add rule ip t out ct state set 1
                                 ^^^^^
            """);
    }
}
