package io.knetsim.tool.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.tool.iproute.Labs;
import io.knetsim.tool.iproute.Shell;
import org.junit.jupiter.api.Test;

/**
 * {@code fib daddr type local}: what iptables-nft writes for {@code -m addrtype --dst-type LOCAL};
 * {@code fib saddr type local}: what kube-proxy writes for clients on the node itself.
 *
 * <pre>
 *   pod1 10.244.1.2 -- cni0 10.244.1.1  node [eth0 10.0.0.3/8] ---- [eth0 10.0.0.4/8] node2
 * </pre>
 */
class NftFibTest {
    private final World w = Labs.nodeWithPods();
    private final NetNamespace node = w.namespace("node");
    private final NetNamespace pod1 = w.namespace("pod1");
    private final Shell sh = new Shell();

    @Test
    void onlyPacketsToTheNodesOwnAddressesAreLocal() {
        sh.ok(node, "nft add table ip t");
        sh.ok(node, "nft add chain ip t pre '{ type filter hook prerouting priority 0; policy accept; }'");
        sh.ok(node, "nft add rule ip t pre fib daddr type local counter");
        sh.ok(node, "nft add rule ip t pre fib daddr type != local counter");

        assertThat(sh.run(pod1, "ping -c 1 10.0.0.3").exitCode()).isZero(); // the node's eth0 address: local
        sh.run(pod1, "ping -c 1 -W 1 10.0.0.4"); // forwarded to node2 (which has no route back)

        assertThat(sh.out(node, "nft list chain ip t pre")).isEqualTo("""
            table ip t {
            \tchain pre {
            \t\ttype filter hook prerouting priority filter; policy accept;
            \t\tfib daddr type local counter packets 1 bytes 84
            \t\tfib daddr type != local counter packets 1 bytes 84
            \t}
            }
            """);
    }

    @Test
    void unknownTypesAndKeysAreErrors() {
        sh.ok(node, "nft add table ip t");
        sh.ok(node, "nft add chain ip t pre '{ type filter hook prerouting priority 0; policy accept; }'");
        sh.fails(node, "nft add rule ip t pre fib daddr type locale", """
            Error: Could not parse fib address type
            add rule ip t pre fib daddr type locale
                                             ^^^^^^
            """, 1);
        sh.fails(node, "nft add rule ip t pre fib mark type local", """
            Error: fib mark is not modelled by knetsim (only fib daddr type and fib saddr type)
            add rule ip t pre fib mark type local
                                  ^^^^
            """, 1);
    }

    @Test
    void fibSaddrTypeLocalIsTrafficTheNodeItselfSends() {
        // kube-proxy's "fib saddr type local" for clients on the node (externalTrafficPolicy: Local)
        sh.ok(node, "nft add table ip t");
        sh.ok(node, "nft add chain ip t pre '{ type filter hook prerouting priority 0; policy accept; }'");
        sh.ok(node, "nft add chain ip t out '{ type filter hook output priority 0; policy accept; }'");
        sh.ok(node, "nft add rule ip t pre fib saddr type local counter");
        sh.ok(node, "nft add rule ip t out fib saddr type local counter");

        assertThat(sh.run(node, "ping -c 1 10.0.0.4").exitCode()).isZero();
        assertThat(sh.run(pod1, "ping -c 1 10.0.0.3").exitCode()).isZero();

        assertThat(sh.out(node, "nft list table ip t")).contains(
            "\tchain pre {\n\t\ttype filter hook prerouting priority filter; policy accept;\n"
                + "\t\tfib saddr type local counter packets 0 bytes 0\n",
            // output: the node's echo request to node2 and its echo reply to pod1; prerouting: pod1's request is not local
            "\tchain out {\n\t\ttype filter hook output priority filter; policy accept;\n"
                + "\t\tfib saddr type local counter packets 2 bytes 168\n");
    }
}
