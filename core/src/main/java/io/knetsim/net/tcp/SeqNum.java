package io.knetsim.net.tcp;

/**
 * Sequence number arithmetic modulo 2^32 (RFC 9293 section 3.4): {@code a} is before
 * {@code b} when the signed 32-bit difference {@code a - b} is negative, as Linux's
 * {@code before()} and {@code after()} compute it. Valid while the numbers compared are
 * less than 2^31 apart.
 */
public final class SeqNum {
    private SeqNum() {
    }

    public static boolean lt(int a, int b) {
        return a - b < 0;
    }

    public static boolean le(int a, int b) {
        return a - b <= 0;
    }

    public static boolean gt(int a, int b) {
        return a - b > 0;
    }

    public static boolean ge(int a, int b) {
        return a - b >= 0;
    }

    /** The later of two sequence numbers. */
    public static int max(int a, int b) {
        return gt(a, b) ? a : b;
    }
}
