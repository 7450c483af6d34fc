package io.knetsim.net;

import java.util.EnumMap;
import java.util.Map;

/** Drop counts by reason; the array is allocated on the first drop. */
public final class DropCounters {
    private static final DropReason[] REASONS = DropReason.values();
    private long[] counts;

    public void add(DropReason reason) {
        add(reason, 1);
    }

    public void add(DropReason reason, long n) {
        if (counts == null) {
            counts = new long[REASONS.length];
        }
        counts[reason.ordinal()] += n;
    }

    public long get(DropReason reason) {
        return counts == null ? 0 : counts[reason.ordinal()];
    }

    public long total() {
        long t = 0;
        if (counts != null) {
            for (long c : counts) {
                t += c;
            }
        }
        return t;
    }

    /** Non-zero counts in declaration order. */
    public Map<DropReason, Long> asMap() {
        Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
        if (counts != null) {
            for (DropReason r : REASONS) {
                if (counts[r.ordinal()] != 0) {
                    m.put(r, counts[r.ordinal()]);
                }
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
