package io.knetsim.netfilter.nft;

import java.util.ArrayList;
import java.util.List;

/**
 * A chain: a list of rules. A base chain ({@link #base()} not null) is attached to a hook at a
 * priority and ends with its policy; a regular chain is reached only by {@code jump} and
 * {@code goto}, and a packet that falls off its end returns to the caller.
 */
public final class Chain {
    private final Table table;
    private final String name;
    private final long handle;
    BaseChain base;
    final List<Rule> rules = new ArrayList<>();
    /** Jumps and gotos to this chain from rules, directly or through a rule's anonymous verdict map. */
    int uses;

    Chain(Table table, String name, long handle, BaseChain base) {
        this.table = table;
        this.name = name;
        this.handle = handle;
        this.base = base;
    }

    public Table table() {
        return table;
    }

    public String name() {
        return name;
    }

    public long handle() {
        return handle;
    }

    /** The hook, type, priority and policy of a base chain; null for a regular chain. */
    public BaseChain base() {
        return base;
    }

    /** The rules in evaluation order. */
    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    /** The rule with {@code handle}, or null. */
    public Rule rule(long ruleHandle) {
        for (Rule r : rules) {
            if (r.handle() == ruleHandle) {
                return r;
            }
        }
        return null;
    }

    int indexOf(long ruleHandle) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).handle() == ruleHandle) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "chain " + name;
    }
}
