package io.knetsim.netfilter.nft;

import java.util.List;

/** {@code KEY map @m} or {@code KEY map { k : v, ... }}: the map's value for the key; no value means no match. */
public record MapLookupExpr(Expr key, NftSet map) implements Expr {
    @Override
    public Object eval(NftPacket p) {
        Object k = key.eval(p);
        return k == null ? null : map.lookup(k);
    }

    @Override
    public List<DataType> types() {
        return List.of(map.dataType());
    }

    @Override
    public String format() {
        return key.format() + " map " + SetRef.format(map);
    }
}
