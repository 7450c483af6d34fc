package io.knetsim.netfilter.conntrack;

/**
 * What conntrack says about a packet ({@code ct state}): the bits nft matches on.
 */
public enum CtState {
    INVALID(1), ESTABLISHED(2), RELATED(4), NEW(8), UNTRACKED(64);

    private final int bit;

    CtState(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }
}
