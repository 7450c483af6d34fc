package io.knetsim.netfilter.nft;

/**
 * A verdict as rules and verdict maps carry it ({@code enum nft_verdicts} plus accept/drop).
 *
 * @param chain the target of {@code jump} and {@code goto}, else null
 */
public record NftVerdict(Kind kind, Chain chain) {
    /** The verdict codes. */
    public enum Kind { ACCEPT, DROP, CONTINUE, RETURN, JUMP, GOTO }

    public static final NftVerdict ACCEPT = new NftVerdict(Kind.ACCEPT, null);
    public static final NftVerdict DROP = new NftVerdict(Kind.DROP, null);
    public static final NftVerdict CONTINUE = new NftVerdict(Kind.CONTINUE, null);
    public static final NftVerdict RETURN = new NftVerdict(Kind.RETURN, null);

    public String format() {
        return switch (kind) {
            case JUMP -> "jump " + chain.name();
            case GOTO -> "goto " + chain.name();
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NftVerdict v && v.kind == kind && v.chain == chain;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + System.identityHashCode(chain);
    }
}
