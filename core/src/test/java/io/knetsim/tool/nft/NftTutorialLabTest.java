package io.knetsim.tool.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.iproute.Labs;
import io.knetsim.tool.iproute.Shell;
import org.junit.jupiter.api.Test;

/**
 * The nftables tutorial of the original labs, typed verbatim: a table, an output chain, a
 * counter on traffic to 8.8.8.8, ping, watch the counter, delete the rule by its handle.
 *
 * <pre>
 *   h1 [veth0 10.0.0.1/24] ======= [eth0 10.0.0.2/24, 8.8.8.8/32] h2
 *      route 8.8.8.8 via 10.0.0.2
 * </pre>
 */
class NftTutorialLabTest {
    private final World w = Labs.twoHosts();
    private final NetNamespace h1 = w.namespace("h1");
    private final NetNamespace h2 = w.namespace("h2");
    private final Shell sh = new Shell();

    NftTutorialLabTest() {
        sh.ok(h2, "ip addr add 8.8.8.8/32 dev eth0");
        sh.ok(h1, "ip route add 8.8.8.8/32 via 10.0.0.2");
    }

    @Test
    void theTutorialStepsWorkVerbatim() {
        sh.ok(h1, "nft add table ip mytable");
        sh.ok(h1, "nft add chain ip mytable mychain '{ type filter hook output priority 0; policy accept; }'");
        sh.ok(h1, "nft add rule ip mytable mychain ip daddr 8.8.8.8 counter");
        assertThat(sh.out(h1, "nft list ruleset")).isEqualTo("""
            table ip mytable {
            \tchain mychain {
            \t\ttype filter hook output priority filter; policy accept;
            \t\tip daddr 8.8.8.8 counter packets 0 bytes 0
            \t}
            }
            """);

        Invocation ping = sh.run(h1, "ping -c 3 8.8.8.8");
        assertThat(ping.exitCode()).isZero();

        assertThat(sh.out(h1, "nft list ruleset")).contains("ip daddr 8.8.8.8 counter packets 3 bytes 252\n");
        assertThat(sh.out(h1, "nft -a list ruleset")).isEqualTo("""
            table ip mytable { # handle 1
            \tchain mychain { # handle 1
            \t\ttype filter hook output priority filter; policy accept;
            \t\tip daddr 8.8.8.8 counter packets 3 bytes 252 # handle 2
            \t}
            }
            """);

        sh.ok(h1, "nft delete rule ip mytable mychain handle 2");
        assertThat(sh.out(h1, "nft list ruleset")).isEqualTo("""
            table ip mytable {
            \tchain mychain {
            \t\ttype filter hook output priority filter; policy accept;
            \t}
            }
            """);
        assertThat(sh.run(h1, "ping -c 1 8.8.8.8").exitCode()).isZero();
    }
}
