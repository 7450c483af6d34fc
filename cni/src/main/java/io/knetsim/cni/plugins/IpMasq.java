package io.knetsim.cni.plugins;

import io.knetsim.addr.Cidr;
import io.knetsim.cni.Journal;
import io.knetsim.net.NetNamespace;
import io.knetsim.netfilter.nft.Chain;
import io.knetsim.netfilter.nft.Family;
import io.knetsim.netfilter.nft.Nftables;
import io.knetsim.netfilter.nft.Table;
import io.knetsim.tool.nft.Nft;

/**
 * The reference plugins' IP masquerade ({@code pkg/ip} {@code SetupIPMasq}/{@code TeardownIPMasq}),
 * written as iptables-nft writes those iptables rules into the host's ruleset: a per-container
 * chain in {@code table ip nat}, reached from {@code POSTROUTING} for the container's address.
 *
 * <pre>
 * table ip nat {
 *     chain POSTROUTING {
 *         type nat hook postrouting priority srcnat; policy accept;
 *         ip saddr 10.22.0.2 counter jump CNI-2b5a6c9f0e1d4c3b2a190807      # -s 10.22.0.2 -j CNI-...
 *     }
 *     chain CNI-2b5a6c9f0e1d4c3b2a190807 {
 *         ip daddr 10.22.0.0/16 counter accept                               # -d 10.22.0.0/16 -j ACCEPT
 *         ip daddr != 224.0.0.0/4 counter masquerade                         # ! -d 224.0.0.0/4 -j MASQUERADE
 *     }
 * }
 * </pre>
 *
 * Traffic to the pod network keeps the pod's address; everything else but multicast leaves with
 * the address of the interface it leaves by. The plugins' {@code -m comment} tags are left out
 * (the rule VM has no comments).
 */
public final class IpMasq {
    /** The multicast range the plugins never masquerade ({@code 224.0.0.0/4}). */
    public static final String MULTICAST = "224.0.0.0/4";

    private IpMasq() {
    }

    /**
     * {@code SetupIPMasq}: the chain and the POSTROUTING jump for {@code ipn} (the container's
     * address with its network's prefix), each once; undone through {@code journal} if the
     * operation fails later.
     */
    public static void setup(NetNamespace host, Cidr ipn, String chain, Journal journal) {
        Nftables nft = host.nftables();
        boolean hadChain = chainOf(nft, chain) != null;
        NatTable.Before before = NatTable.before(nft);
        StringBuilder cmds = new StringBuilder(NatTable.ensurePostrouting());
        if (!hadChain) {
            cmds.append("add chain ip nat ").append(chain).append('\n')
                .append("add rule ip nat ").append(chain).append(" ip daddr ").append(ipn.network())
                .append(" counter accept\n")
                .append("add rule ip nat ").append(chain).append(" ip daddr != ").append(MULTICAST)
                .append(" counter masquerade\n");
        }
        String jump = "ip saddr " + ipn.address() + " counter jump " + chain;
        boolean hadJump = NatTable.hasRule(nft, "POSTROUTING", jump);
        if (!hadJump) {
            cmds.append("add rule ip nat POSTROUTING ").append(jump).append('\n');
        }
        Nft.run(nft, cmds.toString());
        journal.onRollback(() -> {
            if (!hadJump) {
                NatTable.deleteRules(nft, "POSTROUTING", jump);
            }
            if (!hadChain) {
                teardown(host, chain);
            }
            NatTable.restore(nft, before);
        });
    }

    /**
     * {@code TeardownIPMasq}: removes every POSTROUTING rule that jumps to {@code chain}, then the
     * chain. Nothing to remove is fine (DEL runs on half-deleted containers too).
     */
    public static void teardown(NetNamespace host, String chain) {
        NatTable.removeChain(host.nftables(), chain);
    }

    static Chain chainOf(Nftables nft, String chain) {
        Table t = nft.table(Family.IP, "nat");
        return t == null ? null : t.chain(chain);
    }
}
