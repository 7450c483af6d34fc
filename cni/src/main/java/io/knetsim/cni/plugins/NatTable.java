package io.knetsim.cni.plugins;

import io.knetsim.netfilter.nft.Chain;
import io.knetsim.netfilter.nft.Family;
import io.knetsim.netfilter.nft.Nftables;
import io.knetsim.netfilter.nft.Rule;
import io.knetsim.netfilter.nft.Table;
import java.util.regex.Pattern;

/**
 * iptables' {@code nat} table as iptables-nft lays it out in the rule VM: {@code table ip nat}
 * with base chains named after iptables' built-in chains, at iptables' priorities. Plugins add
 * their chains and rules to it the way {@code iptables -t nat -A} would.
 */
final class NatTable {
    private static final Pattern COUNTER = Pattern.compile("counter packets \\d+ bytes \\d+");

    private NatTable() {
    }

    /** nft commands that make the table and a built-in chain if missing. */
    static String ensure(String chain) {
        String hook = switch (chain) {
            case "PREROUTING" -> "prerouting priority dstnat";
            case "OUTPUT" -> "output priority -100";
            case "POSTROUTING" -> "postrouting priority srcnat";
            default -> throw new IllegalArgumentException("not a built-in nat chain: " + chain);
        };
        return "add table ip nat\nadd chain ip nat " + chain + " { type nat hook " + hook + "; policy accept; }\n";
    }

    static String ensurePostrouting() {
        return ensure("POSTROUTING");
    }

    /** The rule of {@code chain} that reads {@code text} (counters aside), or null. */
    static Rule rule(Nftables nft, String chain, String text) {
        Table t = nft.table(Family.IP, "nat");
        Chain c = t == null ? null : t.chain(chain);
        if (c == null) {
            return null;
        }
        for (Rule r : c.rules()) {
            if (COUNTER.matcher(r.format()).replaceAll("counter").equals(text)) {
                return r;
            }
        }
        return null;
    }

    static boolean hasRule(Nftables nft, String chain, String text) {
        return rule(nft, chain, text) != null;
    }

    /** Deletes every rule of {@code chain} that reads {@code text}; none is fine. */
    static void deleteRules(Nftables nft, String chain, String text) {
        nft.apply(n -> {
            for (Rule r = rule(n, chain, text); r != null; r = rule(n, chain, text)) {
                n.deleteRule(n.table(Family.IP, "nat").chain(chain), r.handle());
            }
        });
    }
}
