package io.knetsim.cni.plugins;

import io.knetsim.netfilter.nft.Chain;
import io.knetsim.netfilter.nft.Family;
import io.knetsim.netfilter.nft.Nftables;
import io.knetsim.netfilter.nft.Rule;
import io.knetsim.netfilter.nft.Table;
import io.knetsim.netfilter.nft.VerdictStmt;
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

    /** Which of the table and its built-in chains exist now, so a rollback can take back what an ADD made. */
    record Before(boolean table, java.util.Set<String> chains) {
    }

    static Before before(Nftables nft) {
        Table t = nft.table(Family.IP, "nat");
        java.util.Set<String> names = new java.util.HashSet<>();
        if (t != null) {
            t.chains().forEach(c -> names.add(c.name()));
        }
        return new Before(t != null, names);
    }

    /** Deletes the built-in chains and the table made since {@code b}, if they are empty again. */
    static void restore(Nftables nft, Before b) {
        Table t = nft.table(Family.IP, "nat");
        if (t == null) {
            return;
        }
        nft.apply(n -> {
            for (String name : new String[] {"PREROUTING", "OUTPUT", "POSTROUTING"}) {
                Chain c = t.chain(name);
                if (c != null && !b.chains().contains(name) && c.rules().isEmpty()) {
                    n.deleteChain(c);
                }
            }
            if (!b.table() && t.chains().isEmpty() && t.sets().isEmpty()) {
                n.deleteTable(t);
            }
        });
    }

    static boolean hasChain(Nftables nft, String chain) {
        Table t = nft.table(Family.IP, "nat");
        return t != null && t.chain(chain) != null;
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

    /** Deletes {@code chain} with every rule of the table that jumps or goes to it; a missing chain is fine. */
    static void removeChain(Nftables nft, String chain) {
        Table t = nft.table(Family.IP, "nat");
        Chain c = t == null ? null : t.chain(chain);
        if (c == null) {
            return;
        }
        nft.apply(n -> {
            for (Chain other : t.chains()) {
                for (Rule r : other.rules()) {
                    boolean jumps = r.stmts().stream().anyMatch(s -> s instanceof VerdictStmt v && v.verdict().chain() == c);
                    if (jumps) {
                        n.deleteRule(other, r.handle());
                    }
                }
            }
            n.flushChain(c);
            n.deleteChain(c);
        });
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
