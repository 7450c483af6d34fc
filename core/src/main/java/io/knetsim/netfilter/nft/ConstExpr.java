package io.knetsim.netfilter.nft;

import java.util.List;

/** A constant, as the value of {@code meta mark set 0x10}. */
public record ConstExpr(Object value, DataType type) implements Expr {
    @Override
    public Object eval(NftPacket p) {
        return value;
    }

    @Override
    public List<DataType> types() {
        return List.of(type);
    }

    @Override
    public String format() {
        return type.format(value);
    }
}
