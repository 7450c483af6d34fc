package io.knetsim.netfilter.nft;

import java.util.List;

/**
 * An expression: something a rule reads from the packet or computes, compared by a
 * {@link MatchStmt} or used as a lookup key. The set of kinds is closed, so a rule is checked
 * entirely when it is added.
 */
public sealed interface Expr permits PayloadExpr, MetaExpr, ConcatExpr, NumgenExpr, JhashExpr, MapLookupExpr,
    ConstExpr, CtExpr, FibExpr, BitwiseExpr {
    /** The value for this packet ({@code Long}, {@code String} or a list for a concatenation), or null when the packet has no such field. */
    Object eval(NftPacket p);

    /** The type of each component: one for a plain expression, several for a concatenation. */
    List<DataType> types();

    /** The expression as {@code nft list} writes it. */
    String format();
}
