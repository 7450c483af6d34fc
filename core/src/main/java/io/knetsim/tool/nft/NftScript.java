package io.knetsim.tool.nft;

import io.knetsim.netfilter.nft.Nftables;

/**
 * What {@code nft -f -} does for a program that writes its ruleset as text (kube-proxy's
 * knftables, the labs' scripts): the whole text is one transaction, applied entirely or not
 * at all, with nft's error report when it is refused.
 */
public final class NftScript {
    private NftScript() {
    }

    /**
     * Applies {@code text} (nft's file syntax) to {@code nft} as one transaction and returns what
     * its {@code list} commands printed.
     *
     * @param name the name errors are reported under, as a file given to {@code -f}
     * @throws IllegalArgumentException with nft's report ({@code NAME:LINE:FIRST-LAST: Error: ...},
     *                                  the input line and markers) when nft would refuse it;
     *                                  the ruleset is then unchanged
     */
    public static String apply(Nftables nft, String name, String text) {
        try {
            return new CommandParser(nft, new Source(name, text, true), false).run();
        } catch (NftSyntaxException e) {
            throw new IllegalArgumentException(e.report(), e);
        }
    }
}
