package io.knetsim.netfilter.nft;

import java.util.List;

/**
 * {@code KEY vmap @m} or {@code KEY vmap { k : verdict, ... }}: one hash lookup picks the
 * verdict, so dispatch costs the same for any number of elements. No element: no match.
 */
public record VmapStmt(Expr key, NftSet map) implements Stmt {
    @Override
    public boolean eval(NftPacket p) {
        Object k = key.eval(p);
        if (k != null) {
            Object v = map.lookup(k);
            if (v != null) {
                p.verdict = (NftVerdict) v;
            }
        }
        return false;
    }

    @Override
    public String format() {
        return key.format() + " vmap " + SetRef.format(map);
    }

    @Override
    public void references(List<Object> out) {
        out.add(map);
    }
}
