package io.knetsim.netfilter.nft;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule: statements evaluated left to right until one does not match or one gives a verdict.
 * Its handle is unique in the table and kept by {@code replace}.
 */
public final class Rule {
    private final long handle;
    private final List<Stmt> stmts;

    Rule(long handle, List<Stmt> stmts) {
        this.handle = handle;
        this.stmts = List.copyOf(stmts);
    }

    public long handle() {
        return handle;
    }

    public List<Stmt> stmts() {
        return stmts;
    }

    /**
     * Runs the statements; a verdict, if any, is left in {@link NftPacket#verdict}. True when
     * every statement went through (the rule matched and gave no verdict: {@code NFT_CONTINUE}),
     * false when one stopped it (no match, {@code NFT_BREAK}, or a verdict).
     */
    boolean eval(NftPacket p) {
        for (Stmt s : stmts) {
            if (!s.eval(p)) {
                return false;
            }
        }
        return true;
    }

    /** The rule as {@code nft list} writes it. */
    public String format() {
        return stmts.stream().map(Stmt::format).collect(Collectors.joining(" "));
    }
}
