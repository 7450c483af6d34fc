package io.knetsim.netfilter.nft;

/** The relational operators of a match ({@code nft_cmp_ops}); {@code ==} is implicit when listed. */
public enum CmpOp {
    EQ("=="), NE("!="), LT("<"), GT(">"), LE("<="), GE(">=");

    private final String text;

    CmpOp(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The operator written {@code w} (symbol or nft's word form {@code eq}, {@code ne}...), or null. */
    public static CmpOp of(String w) {
        return switch (w) {
            case "==", "eq" -> EQ;
            case "!=", "ne" -> NE;
            case "<", "lt" -> LT;
            case ">", "gt" -> GT;
            case "<=", "le" -> LE;
            case ">=", "ge" -> GE;
            default -> null;
        };
    }
}
