package io.knetsim.netfilter.nft;

import io.knetsim.sim.SimTime;

/**
 * {@code limit rate [over] N/unit [burst B packets]} ({@code nft_limit}): a token bucket on the
 * simulator clock. Each packet costs {@code unit/N}; the bucket holds up to {@code max(B, 1)}
 * packets' worth and starts full. Without {@code over} the statement matches packets within
 * the rate; with it, packets above the rate.
 */
public final class LimitStmt implements Stmt {
    /** Units nft accepts after the slash. */
    public enum Unit {
        SECOND(1), MINUTE(60), HOUR(3600), DAY(86400), WEEK(604800);

        private final long seconds;

        Unit(long seconds) {
            this.seconds = seconds;
        }

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Unit of(String w) {
            for (Unit u : values()) {
                if (u.text().equals(w)) {
                    return u;
                }
            }
            return null;
        }
    }

    /** Burst nft uses when none is given, and leaves out of listings. */
    public static final int DEFAULT_BURST = 5;

    private final long rate;
    private final Unit unit;
    private final int burst;
    private final boolean over;
    private final long cost;
    private final long max;
    private long tokens;
    private long last = Long.MIN_VALUE;

    public LimitStmt(long rate, Unit unit, int burst, boolean over) {
        if (rate <= 0) {
            throw new NftException("limit rate must be greater than zero");
        }
        this.rate = rate;
        this.unit = unit;
        this.burst = burst;
        this.over = over;
        this.cost = SimTime.seconds(unit.seconds) / rate;
        this.max = cost * Math.max(burst, 1);
        this.tokens = max;
    }

    @Override
    public boolean eval(NftPacket p) {
        long now = p.nft.ns().sim().now();
        if (last != Long.MIN_VALUE) {
            tokens = Math.min(max, tokens + (now - last));
        }
        last = now;
        boolean within = tokens >= cost;
        if (within) {
            tokens -= cost;
        }
        return over != within;
    }

    @Override
    public String format() {
        return "limit rate " + (over ? "over " : "") + rate + "/" + unit.text()
            + (burst != DEFAULT_BURST ? " burst " + burst + " packets" : "");
    }
}
