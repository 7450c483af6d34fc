package io.knetsim.netfilter.nft;

import java.util.List;

/**
 * {@code meta mark set VALUE} ({@code nft_meta} set): the value may be a constant, a map lookup,
 * numgen or jhash; {@code meta nftrace set 0|1} turns tracing of the packet off or on.
 */
public record MetaSetStmt(MetaExpr.Key key, Expr value) implements Stmt {
    @Override
    public boolean eval(NftPacket p) {
        Object v = value.eval(p);
        if (v == null) {
            return false;
        }
        if (key == MetaExpr.Key.NFTRACE) {
            p.skb.nftrace = (Long) v != 0;
        } else {
            p.skb.mark = (int) (long) (Long) v;
        }
        return true;
    }

    @Override
    public String format() {
        return "meta " + key.text() + " set " + value.format();
    }

    @Override
    public void references(List<Object> out) {
        if (value instanceof MapLookupExpr m) {
            out.add(m.map());
        }
    }
}
