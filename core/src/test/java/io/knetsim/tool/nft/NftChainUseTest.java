package io.knetsim.tool.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.tool.iproute.Labs;
import io.knetsim.tool.iproute.Shell;
import org.junit.jupiter.api.Test;

/**
 * A chain something jumps to cannot be deleted, as the kernel refuses a chain whose use count is
 * not zero: a rule's jump or goto, a rule's anonymous verdict map, or a named verdict map's
 * element. Once the last reference goes, the delete works; a transaction that fails half-way
 * leaves the references as they were.
 *
 * <pre>
 *   table ip t:  chain in (filter input) ── jump a / vmap { 1 : goto b } ──▶ chains a, b, c
 *                map m { type inet_service : verdict; elements = { 80 : jump c } }
 * </pre>
 */
class NftChainUseTest {
    private final NetNamespace h1 = Labs.twoHosts().namespace("h1");
    private final Shell sh = new Shell();

    private void busy(String chain) {
        String cmd = "nft delete chain ip t " + chain;
        String out = sh.run(h1, cmd).stderr();
        assertThat(out).as(cmd).startsWith("Error: Could not process rule: Device or resource busy\n");
        assertThat(sh.out(h1, "nft list table ip t")).contains("chain " + chain + " {");
    }

    @Test
    void aReferencedChainStaysUntilItsLastReferenceGoes() {
        sh.ok(h1, "nft add table ip t");
        sh.ok(h1, "nft add chain ip t in { type filter hook input priority 0 ; }");
        sh.ok(h1, "nft add chain ip t a");
        sh.ok(h1, "nft add chain ip t b");
        sh.ok(h1, "nft add chain ip t c");
        sh.ok(h1, "nft add rule ip t in tcp dport 22 jump a");
        sh.ok(h1, "nft add rule ip t in tcp dport vmap { 1 : goto b }");
        sh.ok(h1, "nft add map ip t m { type inet_service : verdict ; }");
        sh.ok(h1, "nft add element ip t m { 80 : jump c }");
        busy("a");
        busy("b");
        busy("c");
        // a transaction that removes the jump and then fails takes nothing back but itself
        String handle = sh.out(h1, "nft -a list chain ip t in").lines().filter(l -> l.contains("jump a"))
            .map(l -> l.substring(l.lastIndexOf(' ') + 1)).findFirst().orElseThrow();
        h1.files().write("/root/tx.nft", "delete rule ip t in handle " + handle + "\ndelete chain ip t nosuch\n");
        assertThat(sh.run(h1, "nft -f /root/tx.nft").exitCode()).isEqualTo(1);
        assertThat(sh.out(h1, "nft list chain ip t in")).contains("tcp dport 22 jump a");
        busy("a");
        sh.ok(h1, "nft delete rule ip t in handle " + handle);
        sh.ok(h1, "nft delete chain ip t a");
        sh.ok(h1, "nft flush chain ip t in");
        sh.ok(h1, "nft delete chain ip t b");
        busy("c");
        sh.ok(h1, "nft delete element ip t m { 80 }");
        sh.ok(h1, "nft delete chain ip t c");
        assertThat(sh.out(h1, "nft list table ip t")).doesNotContain("chain a {", "chain b {", "chain c {");
    }
}
