package io.knetsim.netfilter.nft;

import io.knetsim.netfilter.conntrack.CtInfo;
import java.util.List;

/**
 * {@code ct mark set VALUE} ({@code nft_ct} set): stores a mark in the packet's conntrack
 * entry, where every later packet of the flow finds it ({@code ct mark}) and {@code conntrack -L}
 * shows it ({@code mark=N}). The value may be a constant, {@code meta mark}, a bitwise operation
 * ({@code ct mark set ct mark | 0x10}) or a map lookup. A packet without a conntrack entry goes
 * on unchanged, as in the kernel.
 */
public record CtSetStmt(CtExpr.Key key, Expr value) implements Stmt {
    public CtSetStmt {
        if (key != CtExpr.Key.MARK) {
            throw new NftException("ct " + key.text() + " set is not modelled by knetsim (only mark)");
        }
    }

    @Override
    public boolean eval(NftPacket p) {
        Object v = value.eval(p);
        if (v == null) {
            return false;
        }
        CtInfo ci = p.nft.conntrack().info(p.skb);
        if (ci != null && ci.entry() != null) {
            ci.entry().mark = (int) (long) (Long) v;
        }
        return true;
    }

    @Override
    public String format() {
        return "ct " + key.text() + " set " + value.format();
    }

    @Override
    public void references(List<Object> out) {
        if (value instanceof MapLookupExpr m) {
            out.add(m.map());
        }
    }
}
