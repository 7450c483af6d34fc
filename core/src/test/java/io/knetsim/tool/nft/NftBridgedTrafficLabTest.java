package io.knetsim.tool.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.DropReason;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.tool.iproute.Labs;
import io.knetsim.tool.iproute.Shell;
import org.junit.jupiter.api.Test;

/**
 * Pod-to-pod traffic through the node's bridge meets the node's forward chain only when
 * {@code net.bridge.bridge-nf-call-iptables} is 1, as on a Kubernetes node.
 *
 * <pre>
 *   pod1 10.244.1.2 --vethpod1--+
 *                               cni0 (node)   table ip f { chain fwd { hook forward } }
 *   pod2 10.244.1.3 --vethpod2--+
 * </pre>
 */
class NftBridgedTrafficLabTest {
    private final World w = Labs.nodeWithPods();
    private final NetNamespace node = w.namespace("node");
    private final Shell sh = new Shell();

    NftBridgedTrafficLabTest() {
        sh.ok(node, "nft add table ip f");
        sh.ok(node, "nft add chain ip f fwd '{ type filter hook forward priority 0; policy accept; }'");
        sh.ok(node, "nft add rule ip f fwd iifname \"vethpod1\" oifname \"vethpod2\" icmp type echo-request counter drop");
    }

    @Test
    void withoutBridgeNfCallIptablesBridgedPacketsSkipTheRules() {
        assertThat(sh.run(w.namespace("pod1"), "ping -c 2 10.244.1.3").exitCode()).isZero();
        assertThat(sh.out(node, "nft list ruleset")).contains("counter packets 0 bytes 0 drop");
    }

    @Test
    void withItTheForwardChainSeesAndDropsThem() {
        sh.ok(node, "sysctl -q -w net.bridge.bridge-nf-call-iptables=1");

        assertThat(sh.run(w.namespace("pod1"), "ping -c 2 10.244.1.3").exitCode()).isEqualTo(1);

        assertThat(sh.out(node, "nft list ruleset")).contains(
            "\t\tiifname \"vethpod1\" oifname \"vethpod2\" icmp type echo-request counter packets 2 bytes 168 drop\n");
        assertThat(node.drops().get(DropReason.NF_DROP)).isEqualTo(2);
        assertThat(sh.run(w.namespace("pod2"), "ping -c 1 10.244.1.2").exitCode()).isZero();
    }
}
