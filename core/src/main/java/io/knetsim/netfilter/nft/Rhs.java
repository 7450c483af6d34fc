package io.knetsim.netfilter.nft;

import java.util.List;

/** The right-hand side of a match: a value, a range, a prefix, a set, or a bitmask of flags. */
public sealed interface Rhs {
    /** Whether {@code v} (never null) equals / falls in the right-hand side. */
    boolean contains(Object v);

    String format(List<DataType> types);

    /** A single value; the only form {@code <}, {@code >}, {@code <=}, {@code >=} take. */
    record Value(Object value) implements Rhs {
        @Override
        public boolean contains(Object v) {
            return value.equals(v);
        }

        @Override
        public String format(List<DataType> types) {
            if (value instanceof List<?> parts) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < parts.size(); i++) {
                    sb.append(i == 0 ? "" : " . ").append(types.get(i).format(parts.get(i)));
                }
                return sb.toString();
            }
            return types.get(0).format(value);
        }
    }

    /** {@code lo-hi}, inclusive. */
    record Range(long lo, long hi) implements Rhs {
        @Override
        public boolean contains(Object v) {
            long x = (Long) v;
            return x >= lo && x <= hi;
        }

        @Override
        public String format(List<DataType> types) {
            return types.get(0).format(lo) + "-" + types.get(0).format(hi);
        }
    }

    /** {@code 10.0.0.0/8}. */
    record Prefix(long net, int len) implements Rhs {
        @Override
        public boolean contains(Object v) {
            long mask = len == 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
            return ((Long) v & mask) == net;
        }

        @Override
        public String format(List<DataType> types) {
            return types.get(0).format(net) + "/" + len;
        }
    }

    /** {@code @name} or an anonymous {@code { ... }}: a hash (or interval) lookup. */
    record SetLookup(NftSet set) implements Rhs {
        @Override
        public boolean contains(Object v) {
            return set.contains(v);
        }

        @Override
        public String format(List<DataType> types) {
            return SetRef.format(set);
        }
    }

    /** {@code tcp flags syn}: true when any of the flags is set. */
    record Flags(long mask) implements Rhs {
        @Override
        public boolean contains(Object v) {
            return ((Long) v & mask) != 0;
        }

        @Override
        public String format(List<DataType> types) {
            return types.get(0).format(mask);
        }
    }
}
