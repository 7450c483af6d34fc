package io.knetsim.netfilter.nft;

import io.knetsim.netfilter.NfHook;

/**
 * What makes a chain a base chain: {@code type filter hook input priority filter; policy accept;}.
 *
 * @param policyDrop true for {@code policy drop}
 */
public record BaseChain(ChainType type, NfHook hook, int priority, boolean policyDrop) {
    /** The declaration line as nft lists it. */
    public String format() {
        return "type " + type.text() + " hook " + hook.text() + " priority " + Priority.format(priority, hook)
            + "; policy " + (policyDrop ? "drop" : "accept") + ";";
    }
}
