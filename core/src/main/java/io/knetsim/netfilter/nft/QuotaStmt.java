package io.knetsim.netfilter.nft;

/**
 * {@code quota [over] N unit} ({@code nft_quota}): matches until {@code N} bytes have passed
 * (with {@code over}, only after). Listed with {@code used} once bytes have been counted.
 */
public final class QuotaStmt implements Stmt {
    private static final String[] UNITS = {"bytes", "kbytes", "mbytes", "gbytes"};
    private final long limit;
    private final boolean over;
    private long used;

    public QuotaStmt(long limit, boolean over, long used) {
        this.limit = limit;
        this.over = over;
        this.used = used;
    }

    /** Bytes for {@code n unit} ({@code kbytes} are 1024 bytes), or -1 for an unknown unit. */
    public static long bytes(long n, String unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                return n << (10 * i);
            }
        }
        return -1;
    }

    public long used() {
        return used;
    }

    @Override
    public boolean eval(NftPacket p) {
        used += p.length();
        boolean overQuota = used >= limit; // nft_overquota: consumed >= quota
        return over == overQuota;
    }

    @Override
    public String format() {
        return "quota " + (over ? "over " : "") + human(limit) + (used != 0 ? " used " + human(used) : "");
    }

    /** nft's {@code get_rate}: the largest unit that divides the value exactly. */
    private static String human(long v) {
        int i = 0;
        while (i < UNITS.length - 1 && v != 0 && v % 1024 == 0) {
            v /= 1024;
            i++;
        }
        return v + " " + UNITS[i];
    }
}
