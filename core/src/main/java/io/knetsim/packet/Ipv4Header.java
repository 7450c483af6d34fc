package io.knetsim.packet;

import io.knetsim.addr.Ipv4Address;

/**
 * IPv4 header (RFC 791). Options are allowed on parse (IHL &gt; 5) and skipped; we emit none.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |    DSCP/ECN   |          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |Flags|      Fragment Offset    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Ipv4Header {
    public static final int MIN_LENGTH = 20;
    public static final int VERSION_IHL = 0;
    public static final int TOS = 1;
    public static final int TOTAL_LENGTH = 2;
    public static final int ID = 4;
    public static final int FLAGS_FRAG = 6;
    public static final int TTL = 8;
    public static final int PROTOCOL = 9;
    public static final int CHECKSUM = 10;
    public static final int SRC = 12;
    public static final int DST = 16;

    public static final int FLAG_DF = 0x4000;
    public static final int FLAG_MF = 0x2000;
    public static final int FRAG_OFFSET_MASK = 0x1fff;

    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;

    public static final int DEFAULT_TTL = 64;

    private Ipv4Header() {
    }

    public static int version(byte[] b, int off) {
        return (b[off] & 0xff) >>> 4;
    }

    /** Header length in bytes (IHL * 4). */
    public static int headerLength(byte[] b, int off) {
        return (b[off] & 0x0f) * 4;
    }

    public static int tos(byte[] b, int off) {
        return b[off + TOS] & 0xff;
    }

    public static int totalLength(byte[] b, int off) {
        return Bytes.u16(b, off + TOTAL_LENGTH);
    }

    public static int id(byte[] b, int off) {
        return Bytes.u16(b, off + ID);
    }

    public static int flagsFrag(byte[] b, int off) {
        return Bytes.u16(b, off + FLAGS_FRAG);
    }

    public static boolean dontFragment(byte[] b, int off) {
        return (flagsFrag(b, off) & FLAG_DF) != 0;
    }

    public static boolean moreFragments(byte[] b, int off) {
        return (flagsFrag(b, off) & FLAG_MF) != 0;
    }

    /** Fragment offset in bytes. */
    public static int fragmentOffset(byte[] b, int off) {
        return (flagsFrag(b, off) & FRAG_OFFSET_MASK) * 8;
    }

    public static boolean isFragment(byte[] b, int off) {
        return (flagsFrag(b, off) & (FLAG_MF | FRAG_OFFSET_MASK)) != 0;
    }

    public static int ttl(byte[] b, int off) {
        return b[off + TTL] & 0xff;
    }

    public static int protocol(byte[] b, int off) {
        return b[off + PROTOCOL] & 0xff;
    }

    public static int checksum(byte[] b, int off) {
        return Bytes.u16(b, off + CHECKSUM);
    }

    public static int src(byte[] b, int off) {
        return Bytes.i32(b, off + SRC);
    }

    public static int dst(byte[] b, int off) {
        return Bytes.i32(b, off + DST);
    }

    public static void setSrc(byte[] b, int off, int addr) {
        Bytes.put32(b, off + SRC, addr);
    }

    public static void setDst(byte[] b, int off, int addr) {
        Bytes.put32(b, off + DST, addr);
    }

    public static void setTotalLength(byte[] b, int off, int len) {
        Bytes.put16(b, off + TOTAL_LENGTH, len);
    }

    public static void setFlagsFrag(byte[] b, int off, int v) {
        Bytes.put16(b, off + FLAGS_FRAG, v);
    }

    public static void setTtl(byte[] b, int off, int ttl) {
        b[off + TTL] = (byte) ttl;
    }

    /** Recomputes the header checksum over the whole header, options included. */
    public static void fillChecksum(byte[] b, int off) {
        Bytes.put16(b, off + CHECKSUM, 0);
        Bytes.put16(b, off + CHECKSUM, Checksum.compute(b, off, headerLength(b, off)));
    }

    public static boolean checksumValid(byte[] b, int off) {
        return Checksum.verify(b, off, headerLength(b, off));
    }

    /** Decrements the TTL and patches the checksum incrementally, as ip_decrease_ttl() does. */
    public static void decrementTtl(byte[] b, int off) {
        int oldWord = Bytes.u16(b, off + TTL);
        b[off + TTL]--;
        int newWord = Bytes.u16(b, off + TTL);
        Bytes.put16(b, off + CHECKSUM, Checksum.update16(checksum(b, off), oldWord, newWord));
    }

    /** Writes a 20-byte header without options and fills its checksum. */
    public static void write(byte[] b, int off, int tos, int totalLength, int id, int flagsFrag, int ttl,
                             int protocol, int src, int dst) {
        b[off] = 0x45;
        b[off + TOS] = (byte) tos;
        Bytes.put16(b, off + TOTAL_LENGTH, totalLength);
        Bytes.put16(b, off + ID, id);
        Bytes.put16(b, off + FLAGS_FRAG, flagsFrag);
        b[off + TTL] = (byte) ttl;
        b[off + PROTOCOL] = (byte) protocol;
        Bytes.put16(b, off + CHECKSUM, 0);
        Bytes.put32(b, off + SRC, src);
        Bytes.put32(b, off + DST, dst);
        Bytes.put16(b, off + CHECKSUM, Checksum.compute(b, off, MIN_LENGTH));
    }

    /** Parsed form; {@code fragmentOffset} is in bytes. */
    public record Repr(int tos, int totalLength, int id, boolean dontFragment, boolean moreFragments,
                       int fragmentOffset, int ttl, int protocol, int checksum, Ipv4Address src, Ipv4Address dst,
                       int headerLength) {
        public static Repr parse(byte[] b, int off) {
            // Qualified: inside the record, a bare id(b, off) would resolve to the accessor id().
            return new Repr(Ipv4Header.tos(b, off), Ipv4Header.totalLength(b, off), Ipv4Header.id(b, off),
                Ipv4Header.dontFragment(b, off), Ipv4Header.moreFragments(b, off), Ipv4Header.fragmentOffset(b, off),
                Ipv4Header.ttl(b, off), Ipv4Header.protocol(b, off), Ipv4Header.checksum(b, off),
                new Ipv4Address(Ipv4Header.src(b, off)), new Ipv4Address(Ipv4Header.dst(b, off)),
                Ipv4Header.headerLength(b, off));
        }

        /** Writes a 20-byte header with a fresh checksum; returns its length. */
        public int emit(byte[] b, int off) {
            int ff = (dontFragment ? FLAG_DF : 0) | (moreFragments ? FLAG_MF : 0) | (fragmentOffset / 8);
            write(b, off, tos, totalLength, id, ff, ttl, protocol, src.bits(), dst.bits());
            return MIN_LENGTH;
        }
    }
}
