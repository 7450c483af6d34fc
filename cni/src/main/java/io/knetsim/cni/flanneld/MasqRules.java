package io.knetsim.cni.flanneld;

import io.knetsim.addr.Cidr;
import io.knetsim.net.NetNamespace;
import io.knetsim.netfilter.nft.Chain;
import io.knetsim.netfilter.nft.Family;
import io.knetsim.netfilter.nft.Rule;
import io.knetsim.netfilter.nft.Table;
import io.knetsim.tool.nft.Nft;

/**
 * flanneld's {@code --ip-masq} rules ({@code MasqRules}), as iptables-nft writes them: traffic
 * between pods, anywhere in the flannel network, keeps its addresses; pod traffic leaving the
 * network is masqueraded, and so is traffic from outside to pods on other nodes.
 *
 * <pre>
 * table ip nat {
 *     chain POSTROUTING {
 *         type nat hook postrouting priority srcnat; policy accept;
 *         counter jump FLANNEL-POSTRTG
 *     }
 *     chain FLANNEL-POSTRTG {
 *         meta mark &amp; 0x00004000 == 0x00004000 counter return            # kube-proxy masquerades these
 *         ip saddr 10.244.1.0/24 ip daddr 10.244.0.0/16 counter return        # lease -> network
 *         ip saddr 10.244.0.0/16 ip daddr 10.244.1.0/24 counter return        # network -> lease
 *         ip saddr != 10.244.0.0/16 ip daddr 10.244.1.0/24 counter return     # outside -> this node's pods
 *         ip saddr 10.244.0.0/16 ip daddr != 224.0.0.0/4 counter masquerade   # pods -> outside
 *         ip saddr != 10.244.0.0/16 ip daddr 10.244.0.0/16 counter masquerade # outside -> other nodes' pods
 *     }
 * }
 * </pre>
 *
 * The first rule returns packets kube-proxy marked {@code 0x4000/0x4000} (kube-proxy
 * masquerades them itself, and flannel avoids a double NAT); {@code --random-fully} is left
 * out: knetsim's masquerade has no fully-random port choice.
 */
public final class MasqRules {
    /** The chain flannel jumps to from POSTROUTING. */
    public static final String CHAIN = "FLANNEL-POSTRTG";

    private MasqRules() {
    }

    /** Writes the rules for {@code network} and this node's {@code lease}, replacing earlier ones. */
    public static void ensure(NetNamespace host, Cidr network, Cidr lease) {
        String net = network.network().toString();
        String sub = lease.network().toString();
        StringBuilder cmds = new StringBuilder()
            .append("add table ip nat\n")
            .append("add chain ip nat POSTROUTING { type nat hook postrouting priority srcnat; policy accept; }\n")
            .append("add chain ip nat ").append(CHAIN).append('\n')
            .append("flush chain ip nat ").append(CHAIN).append('\n');
        String[] rules = {
            "meta mark & 0x00004000 == 0x00004000 counter return",
            "ip saddr " + sub + " ip daddr " + net + " counter return",
            "ip saddr " + net + " ip daddr " + sub + " counter return",
            "ip saddr != " + net + " ip daddr " + sub + " counter return",
            "ip saddr " + net + " ip daddr != 224.0.0.0/4 counter masquerade",
            "ip saddr != " + net + " ip daddr " + net + " counter masquerade"};
        for (String r : rules) {
            cmds.append("add rule ip nat ").append(CHAIN).append(' ').append(r).append('\n');
        }
        if (!jumps(host)) {
            cmds.append("add rule ip nat POSTROUTING counter jump ").append(CHAIN).append('\n');
        }
        Nft.run(host.nftables(), cmds.toString());
    }

    private static boolean jumps(NetNamespace host) {
        Table t = host.nftables().table(Family.IP, "nat");
        Chain post = t == null ? null : t.chain("POSTROUTING");
        if (post == null) {
            return false;
        }
        for (Rule r : post.rules()) {
            if (r.format().endsWith("jump " + CHAIN)) {
                return true;
            }
        }
        return false;
    }
}
