package io.knetsim.tool.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.iproute.Labs;
import io.knetsim.tool.iproute.Shell;
import org.junit.jupiter.api.Test;

/**
 * Sets updated from the packet path with timeouts ({@code flags dynamic,timeout},
 * {@code update @set { ip saddr }}), as kube-proxy's ClientIP affinity uses them: a rule
 * remembers who sent a packet, another matches the remembered addresses until the timeout
 * passes.
 *
 * <pre>
 *   pod1 10.244.1.2 -- cni0 10.244.1.1  node [eth0 10.0.0.3/8] ---- [eth0 10.0.0.4/8] node2
 *   node2: input: ip saddr @seen counter;  update @seen { ip saddr }   (timeout 10s)
 * </pre>
 */
class NftDynamicSetTest {
    private final World w = Labs.nodeWithPods();
    private final NetNamespace node = w.namespace("node");
    private final NetNamespace node2 = w.namespace("node2");
    private final Shell sh = new Shell();

    private void ping() {
        assertThat(sh.run(node, "ping -c 1 10.0.0.4").exitCode()).isZero();
    }

    @Test
    void anElementAddedFromThePacketPathMatchesUntilItsTimeoutPasses() {
        node2.files().write("/etc/seen.nft", """
            table ip t {
            \tset seen { type ipv4_addr; flags dynamic,timeout; timeout 10s; }
            \tchain in {
            \t\ttype filter hook input priority 0; policy accept;
            \t\ticmp type echo-request ip saddr @seen counter
            \t\ticmp type echo-request update @seen { ip saddr }
            \t}
            }
            """);
        sh.ok(node2, "nft -f /etc/seen.nft");

        ping(); // remembered, not yet matched
        assertThat(sh.out(node2, "nft list set ip t seen")).isEqualTo("""
            table ip t {
            \tset seen {
            \t\ttype ipv4_addr
            \t\tflags dynamic,timeout
            \t\ttimeout 10s
            \t\telements = { 10.0.0.3 expires 9s999ms }
            \t}
            }
            """);
        ping(); // matched, and the timeout starts again
        w.sim().runFor(SimTime.seconds(9));
        ping(); // 9 s later: still there
        w.sim().runFor(SimTime.seconds(11));
        ping(); // 11 s of silence: forgotten, added again

        assertThat(sh.out(node2, "nft list set ip t seen")).contains("elements = { 10.0.0.3 expires 9s999ms }");
        assertThat(sh.out(node2, "nft list chain ip t in")).contains(
            "\t\ticmp type echo-request ip saddr @seen counter packets 2 bytes 168\n",
            "\t\ticmp type echo-request update @seen { ip saddr }\n");
    }

    @Test
    void onlyDynamicSetsCanBeUpdatedFromRules() {
        sh.ok(node2, "nft add table ip t");
        sh.ok(node2, "nft add chain ip t in '{ type filter hook input priority 0; policy accept; }'");
        sh.ok(node2, "nft add set ip t fixed '{ type ipv4_addr; }'");
        sh.fails(node2, "nft add rule ip t in update @fixed { ip saddr }", """
            Error: Could not process rule: Operation not supported
            add rule ip t in update @fixed { ip saddr }
                                    ^^^^^^^^^^^^^^^^^^^
            """, 1);
        sh.fails(node2, "nft add set ip t bad '{ type ipv4_addr; flags timeout; timeout 3x; }'", """
            Error: Wrong time format, expecting [NUMd][NUMh][NUMm][NUMs][NUMms]
            add set ip t bad { type ipv4_addr; flags timeout; timeout 3x; }
                                                                      ^^
            """, 1);
    }
}
