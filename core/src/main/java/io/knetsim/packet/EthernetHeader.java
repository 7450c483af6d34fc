package io.knetsim.packet;

import io.knetsim.addr.MacAddress;

/**
 * Ethernet II header (IEEE 802.3 with an EtherType), 14 bytes; no FCS is carried.
 *
 * <pre>
 *  0                   6                  12      14
 *  +-------------------+-------------------+-------+
 *  |  destination MAC  |    source MAC     | type  |
 *  +-------------------+-------------------+-------+
 * </pre>
 */
public final class EthernetHeader {
    public static final int LENGTH = 14;
    public static final int DST = 0;
    public static final int SRC = 6;
    public static final int TYPE = 12;

    public static final int TYPE_IPV4 = 0x0800;
    public static final int TYPE_ARP = 0x0806;
    public static final int TYPE_IPV6 = 0x86DD;

    private EthernetHeader() {
    }

    public static long dst(byte[] b, int off) {
        return MacAddress.read(b, off + DST);
    }

    public static long src(byte[] b, int off) {
        return MacAddress.read(b, off + SRC);
    }

    public static int etherType(byte[] b, int off) {
        return Bytes.u16(b, off + TYPE);
    }

    public static void setDst(byte[] b, int off, long mac) {
        MacAddress.write(b, off + DST, mac);
    }

    public static void setSrc(byte[] b, int off, long mac) {
        MacAddress.write(b, off + SRC, mac);
    }

    /** Writes a whole header. */
    public static void write(byte[] b, int off, long dst, long src, int etherType) {
        MacAddress.write(b, off + DST, dst);
        MacAddress.write(b, off + SRC, src);
        Bytes.put16(b, off + TYPE, etherType);
    }

    /** Parsed form. */
    public record Repr(MacAddress dst, MacAddress src, int etherType) {
        public static Repr parse(byte[] b, int off) {
            return new Repr(new MacAddress(EthernetHeader.dst(b, off)), new MacAddress(EthernetHeader.src(b, off)),
                EthernetHeader.etherType(b, off));
        }

        public int emit(byte[] b, int off) {
            write(b, off, dst.bits(), src.bits(), etherType);
            return LENGTH;
        }
    }
}
