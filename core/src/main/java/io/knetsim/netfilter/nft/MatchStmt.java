package io.knetsim.netfilter.nft;

import java.util.List;

/**
 * A match ({@code nft_cmp}, {@code nft_range}, {@code nft_lookup}, {@code nft_bitwise}):
 * {@code ip daddr 8.8.8.8}, {@code tcp dport != 22}, {@code ip ttl < 10},
 * {@code ip saddr 10.0.0.0/8}, {@code tcp dport { 22, 80 }}, {@code tcp flags syn},
 * {@code meta mark & 0x00004000 == 0x00000000} (a {@link BitwiseExpr} on the left always lists {@code ==}).
 * A packet without the field (a {@code tcp} match on UDP) does not match.
 */
public record MatchStmt(Expr left, CmpOp op, Rhs right) implements Stmt {
    @Override
    public boolean eval(NftPacket p) {
        Object v = left.eval(p);
        if (v == null) {
            return false;
        }
        return switch (op) {
            case EQ -> right.contains(v);
            case NE -> !right.contains(v);
            default -> {
                long x = (Long) v;
                long y = (Long) ((Rhs.Value) right).value();
                yield switch (op) {
                    case LT -> x < y;
                    case GT -> x > y;
                    case LE -> x <= y;
                    default -> x >= y;
                };
            }
        };
    }

    @Override
    public String format() {
        boolean implicit = op == CmpOp.EQ && !(left instanceof BitwiseExpr); // nft writes == after a bitwise operation
        return left.format() + (implicit ? "" : " " + op.text()) + " " + right.format(left.types());
    }

    @Override
    public void references(List<Object> out) {
        if (right instanceof Rhs.SetLookup s) {
            out.add(s.set());
        }
        if (left instanceof MapLookupExpr m) {
            out.add(m.map());
        }
    }
}
