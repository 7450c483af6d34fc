package io.knetsim.netfilter.nft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A concatenation {@code ip daddr . meta l4proto . th dport}: a compound key for set and map lookups. */
public record ConcatExpr(List<Expr> parts) implements Expr {
    public ConcatExpr {
        parts = List.copyOf(parts);
    }

    @Override
    public Object eval(NftPacket p) {
        Object[] vals = new Object[parts.size()];
        for (int i = 0; i < vals.length; i++) {
            Object v = parts.get(i).eval(p);
            if (v == null) {
                return null;
            }
            vals[i] = v;
        }
        return Arrays.asList(vals);
    }

    @Override
    public List<DataType> types() {
        List<DataType> t = new ArrayList<>();
        for (Expr e : parts) {
            t.addAll(e.types());
        }
        return t;
    }

    @Override
    public String format() {
        return parts.stream().map(Expr::format).collect(Collectors.joining(" . "));
    }
}
