package io.knetsim.netfilter.nft;

import java.util.List;

/**
 * A statement of a rule: a match, an action or a verdict. The set of kinds is closed.
 */
public sealed interface Stmt permits MatchStmt, CounterStmt, LimitStmt, QuotaStmt, LogStmt, VerdictStmt, RejectStmt,
    VmapStmt, MetaSetStmt, CtSetStmt, NatStmt, UpdateStmt {
    /**
     * Runs the statement on a packet.
     *
     * @return true to go on with the next statement; false when the rule stops here (no
     *         match, or a verdict left in {@link NftPacket#verdict})
     */
    boolean eval(NftPacket p);

    /** The statement as {@code nft list} writes it. */
    String format();

    /** Chains, named sets and anonymous sets this statement uses, for checks when the rule is added. */
    default void references(List<Object> out) {
    }
}
