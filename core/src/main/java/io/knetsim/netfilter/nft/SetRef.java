package io.knetsim.netfilter.nft;

/** How a rule writes a set it uses: {@code @name}, or the elements of an anonymous one. */
final class SetRef {
    private SetRef() {
    }

    static String format(NftSet s) {
        return s.anonymous() ? "{ " + String.join(", ", s.formatElements()) + " }" : "@" + s.name();
    }
}
