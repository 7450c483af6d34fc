package io.knetsim.netfilter.nft;

import io.knetsim.netfilter.NfHook;

/** A base chain's type ({@code type filter|nat|route}) and the hooks the kernel allows it at. */
public enum ChainType {
    FILTER("filter"), NAT("nat"), ROUTE("route");

    private final String text;

    ChainType(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Whether the kernel registers this type at {@code hook} ({@code nft_chain_filter_ipv4}, {@code nft_chain_nat}, {@code nft_chain_route_ipv4}). */
    public boolean allows(NfHook hook) {
        return switch (this) {
            case FILTER -> true;
            case NAT -> hook != NfHook.FORWARD;
            case ROUTE -> hook == NfHook.OUTPUT;
        };
    }

    public static ChainType parse(String w) {
        for (ChainType t : values()) {
            if (t.text.equals(w)) {
                return t;
            }
        }
        throw new NftException("unknown chain type " + w);
    }
}
