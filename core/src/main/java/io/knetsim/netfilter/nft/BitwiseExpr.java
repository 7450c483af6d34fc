package io.knetsim.netfilter.nft;

import java.util.List;

/**
 * A bitwise operation on an integer value ({@code nft_bitwise}): {@code meta mark & 0x4000},
 * {@code meta mark | 0x4000}, {@code ct mark ^ 0x1}, and chains of them. Like the kernel, it
 * keeps one mask and one xor value and computes {@code (value & mask) ^ xor}; nft folds a chain
 * of constant operations into that pair when it builds the rule, and lists the pair back the
 * way nft's delinearization does: {@code & M} for the bits kept, {@code ^ X} for the bits
 * toggled, {@code | O} for the bits set.
 *
 * <pre>
 *   meta mark | 0x4000   mask 0xffffbfff  xor 0x00004000   lists  meta mark | 0x00004000
 *   meta mark ^ 0x4000   mask 0xffffffff  xor 0x00004000   lists  meta mark ^ 0x00004000
 *   meta mark & 0x4000   mask 0x00004000  xor 0x00000000   lists  meta mark & 0x00004000
 * </pre>
 *
 * @param of    the integer expression operated on
 * @param mask  the bits kept
 * @param xor   the bits then flipped
 * @param bits  the width of {@code of}'s value
 */
public record BitwiseExpr(Expr of, long mask, long xor, int bits) implements Expr {
    /** The operators, with the symbol nft lists and the keyword it also accepts. */
    public enum Op {
        AND("&", "and"), OR("|", "or"), XOR("^", "xor");

        private final String symbol;
        private final String word;

        Op(String symbol, String word) {
            this.symbol = symbol;
            this.word = word;
        }

        public String symbol() {
            return symbol;
        }

        /** The operator written {@code w} (symbol or keyword), or null. */
        public static Op of(String w) {
            for (Op o : values()) {
                if (o.symbol.equals(w) || o.word.equals(w)) {
                    return o;
                }
            }
            return null;
        }
    }

    /** {@code of} unchanged: all bits kept, none flipped (the start of a fold). */
    public static BitwiseExpr identity(Expr of, int bits) {
        return new BitwiseExpr(of, ones(bits), 0, bits);
    }

    private static long ones(int bits) {
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }

    /** This operation followed by {@code op value}, folded into one mask and xor as nft does. */
    public BitwiseExpr then(Op op, long value) {
        long all = ones(bits);
        long v = value & all;
        return switch (op) {
            case AND -> new BitwiseExpr(of, mask & v, xor & v, bits);
            case OR -> new BitwiseExpr(of, mask & ~v & all, (xor & ~v) | v, bits);
            case XOR -> new BitwiseExpr(of, mask, (xor ^ v) & all, bits);
        };
    }

    @Override
    public Object eval(NftPacket p) {
        Object v = of.eval(p);
        if (v == null) {
            return null;
        }
        return ((Long) v & mask) ^ xor;
    }

    @Override
    public List<DataType> types() {
        return of.types();
    }

    @Override
    public String format() {
        long all = ones(bits);
        long o = xor & ~mask & all;
        long x = xor & mask;
        long m = mask | o;
        DataType t = of.types().get(0);
        StringBuilder sb = new StringBuilder(of.format());
        if (m != all) {
            sb.append(" & ").append(t.format(m));
        }
        if (x != 0) {
            sb.append(" ^ ").append(t.format(x));
        }
        if (o != 0) {
            sb.append(" | ").append(t.format(o));
        }
        return sb.toString();
    }
}
