package io.knetsim.packet;

/**
 * The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of
 * 16-bit words. Used by IPv4, ICMP, UDP and TCP; the latter two add a pseudo-header.
 */
public final class Checksum {
    private Checksum() {
    }

    /** The unfolded 32-bit sum of {@code len} bytes (odd length padded with a zero byte). */
    public static long sum(byte[] b, int off, int len) {
        long s = 0;
        int end = off + (len & ~1);
        for (int i = off; i < end; i += 2) {
            s += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            s += (b[off + len - 1] & 0xff) << 8;
        }
        return s;
    }

    /** Folds a sum into 16 bits with end-around carry. */
    public static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    /** The checksum to store for these bytes (checksum field must be zero while computing). */
    public static int compute(byte[] b, int off, int len) {
        return ~fold(sum(b, off, len)) & 0xffff;
    }

    /** True if bytes that include their checksum field verify (sum to 0xFFFF). */
    public static boolean verify(byte[] b, int off, int len) {
        return fold(sum(b, off, len)) == 0xffff;
    }

    /** Sum of the IPv4 pseudo-header used by UDP and TCP (RFC 768, RFC 9293). */
    public static long pseudoHeaderSum(int src, int dst, int protocol, int l4Length) {
        return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + protocol + l4Length;
    }

    /** Transport checksum over pseudo-header plus segment (checksum field zero while computing). */
    public static int transport(int src, int dst, int protocol, byte[] b, int off, int len) {
        return ~fold(pseudoHeaderSum(src, dst, protocol, len) + sum(b, off, len)) & 0xffff;
    }

    /** True if a transport segment, checksum field included, verifies. */
    public static boolean verifyTransport(int src, int dst, int protocol, byte[] b, int off, int len) {
        return fold(pseudoHeaderSum(src, dst, protocol, len) + sum(b, off, len)) == 0xffff;
    }

    /**
     * Incremental update (RFC 1624, eqn. 3) when a 16-bit word changes from {@code oldWord}
     * to {@code newWord}: how a router fixes the IPv4 checksum after decrementing the TTL.
     */
    public static int update16(int checksum, int oldWord, int newWord) {
        long s = (~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        return ~fold(s) & 0xffff;
    }

    /** Incremental update for a 32-bit field (an address rewritten by NAT). */
    public static int update32(int checksum, int oldValue, int newValue) {
        int c = update16(checksum, oldValue >>> 16, newValue >>> 16);
        return update16(c, oldValue & 0xffff, newValue & 0xffff);
    }
}
