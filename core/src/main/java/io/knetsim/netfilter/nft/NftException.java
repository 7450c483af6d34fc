package io.knetsim.netfilter.nft;

/**
 * A change the ruleset refuses, with the text nft prints after {@code Error: }, e.g.
 * {@code Could not process rule: No such file or directory}. The ruleset is unchanged.
 */
public final class NftException extends RuntimeException {
    public NftException(String message) {
        super(message);
    }
}
