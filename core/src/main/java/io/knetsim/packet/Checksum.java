package io.knetsim.packet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of
 * 16-bit words. Used by IPv4, ICMP, UDP and TCP; the latter two add a pseudo-header.
 */
public final class Checksum {
    /** Reads eight bytes at once in network order. */
    private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** Reads eight bytes at once in x86 (and most hosts') order, with no byte swap. */
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** The 16-bit words 0 and 2 of a 64-bit value, each in its own 32-bit lane. */
    private static final long LANES = 0x0000_FFFF_0000_FFFFL;
    /**
     * Eight-byte steps before the lanes are emptied: each step adds at most 2 * 0xFFFF to a
     * 32-bit lane, so 16384 steps (128 KiB) stay below 2^31 and no carry crosses lanes.
     */
    private static final int STEPS_PER_FLUSH = 16_384;

    private Checksum() {
    }

    /**
     * The unfolded sum of the {@code len} bytes as 16-bit big-endian words (odd length padded
     * with a zero byte). Eight bytes are read at a time; their four words are added as two
     * pairs in two 32-bit lanes of one {@code long}, which gives exactly the word-by-word sum.
     */
    public static long sum(byte[] b, int off, int len) {
        long s = 0;
        int i = off;
        int end8 = off + (len & ~7);
        while (i < end8) {
            int stop = Math.min(end8, i + STEPS_PER_FLUSH * 8);
            long lanes = 0;
            for (; i < stop; i += 8) {
                long v = (long) BE_LONG.get(b, i);
                lanes += (v & LANES) + ((v >>> 16) & LANES);
            }
            s += (lanes >>> 32) + (lanes & 0xFFFF_FFFFL);
        }
        int end = off + (len & ~1);
        for (; i < end; i += 2) {
            s += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            s += (b[off + len - 1] & 0xff) << 8;
        }
        return s;
    }

    /**
     * {@code fold(sum(b, off, len))}, computed faster for the checksums themselves (whose
     * callers only need the folded value): RFC 1071 section 2 lets the words be added in
     * either byte order and in wider units. Eight bytes are read little-endian (no byte swap)
     * and added as two 32-bit words; folding that gives the big-endian sum's fold with its two
     * bytes swapped (a 16-bit word read the other way round is 256 times it, modulo 0xFFFF),
     * so swapping back and adding the tail yields exactly {@code fold(sum(...))}: the two are
     * congruent modulo 0xFFFF, and both are 0 only when every byte is.
     */
    static int foldedSum(byte[] b, int off, int len) {
        int i = off;
        int end8 = off + (len & ~7);
        long a = 0; // at most 2^33 per step: no overflow below 2^30 steps
        for (; i < end8; i += 8) {
            long v = (long) LE_LONG.get(b, i);
            a += (v >>> 32) + (v & 0xFFFF_FFFFL);
        }
        int f = fold(a);
        long s = ((f & 0xff) << 8) | (f >>> 8);
        int end = off + (len & ~1);
        for (; i < end; i += 2) {
            s += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            s += (b[off + len - 1] & 0xff) << 8;
        }
        return fold(s);
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
        return ~foldedSum(b, off, len) & 0xffff;
    }

    /** True if bytes that include their checksum field verify (sum to 0xFFFF). */
    public static boolean verify(byte[] b, int off, int len) {
        return foldedSum(b, off, len) == 0xffff;
    }

    /** Sum of the IPv4 pseudo-header used by UDP and TCP (RFC 768, RFC 9293). */
    public static long pseudoHeaderSum(int src, int dst, int protocol, int l4Length) {
        return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + protocol + l4Length;
    }

    /** Transport checksum over pseudo-header plus segment (checksum field zero while computing). */
    public static int transport(int src, int dst, int protocol, byte[] b, int off, int len) {
        return ~fold(pseudoHeaderSum(src, dst, protocol, len) + foldedSum(b, off, len)) & 0xffff;
    }

    /** True if a transport segment, checksum field included, verifies. */
    public static boolean verifyTransport(int src, int dst, int protocol, byte[] b, int off, int len) {
        return fold(pseudoHeaderSum(src, dst, protocol, len) + foldedSum(b, off, len)) == 0xffff;
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
