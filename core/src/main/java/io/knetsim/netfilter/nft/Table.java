package io.knetsim.netfilter.nft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An nftables table: a family, a name, its chains and named sets, and the handle counter
 * that numbers everything made in it (chains, rules and sets share one counter, as the
 * kernel's {@code table->hgenerator}).
 */
public final class Table {
    private final Family family;
    private final String name;
    private final long handle;
    final Map<String, Chain> chains = new LinkedHashMap<>();
    final Map<String, NftSet> sets = new LinkedHashMap<>();
    long lastHandle;
    /** How many of this table's rules need conntrack (NAT, ct expressions), kept as rules come and go. */
    int conntrackRules;

    Table(Family family, String name, long handle) {
        this.family = family;
        this.name = name;
        this.handle = handle;
    }

    public Family family() {
        return family;
    }

    public String name() {
        return name;
    }

    public long handle() {
        return handle;
    }

    /** Chains in creation order. */
    public List<Chain> chains() {
        return new ArrayList<>(chains.values());
    }

    public Chain chain(String chainName) {
        return chains.get(chainName);
    }

    /** Named sets and maps in creation order. */
    public List<NftSet> sets() {
        return new ArrayList<>(sets.values());
    }

    public NftSet set(String setName) {
        return sets.get(setName);
    }

    long allocHandle() {
        return ++lastHandle;
    }

    @Override
    public String toString() {
        return "table " + family.text() + " " + name;
    }
}
