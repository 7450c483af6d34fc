package io.knetsim.pcap;

import io.knetsim.addr.MacAddress;
import io.knetsim.packet.Bytes;

/**
 * The Linux cooked capture header, version 2 ({@code LINKTYPE_LINUX_SLL2}, 276), 20 bytes: what
 * tcpdump 4.99 uses for {@code -i any} by default, because it carries the interface index, so
 * that each packet can be shown with the interface it crossed ({@code eth0  Out IP ...}).
 *
 * <pre>
 *  0       2       4               8       10  11  12                              20
 *  +-------+-------+---------------+-------+---+---+-------------------------------+
 *  | proto |  mbz  |    ifindex    |hatype |pkt|len|  source address (8, 6 used)   |
 *  +-------+-------+---------------+-------+---+---+-------------------------------+
 * </pre>
 *
 * Packet and hardware types are those of {@link SllHeader}. All fields are big-endian.
 */
public final class Sll2Header {
    public static final int LENGTH = 20;
    public static final int PROTOCOL = 0;
    public static final int RESERVED = 2;
    public static final int IFINDEX = 4;
    public static final int HATYPE = 8;
    public static final int PKTTYPE = 10;
    public static final int HALEN = 11;
    public static final int ADDR = 12;

    private Sll2Header() {
    }

    public static int protocol(byte[] b, int off) {
        return Bytes.u16(b, off + PROTOCOL);
    }

    public static int ifindex(byte[] b, int off) {
        return Bytes.i32(b, off + IFINDEX);
    }

    public static int haType(byte[] b, int off) {
        return Bytes.u16(b, off + HATYPE);
    }

    public static int pktType(byte[] b, int off) {
        return b[off + PKTTYPE] & 0xff;
    }

    public static int haLen(byte[] b, int off) {
        return b[off + HALEN] & 0xff;
    }

    /** Writes a header for an Ethernet-type device: address length 6, {@code mac}, then zero padding. */
    public static void write(byte[] b, int off, int protocol, int ifindex, int haType, int pktType, long mac) {
        Bytes.put16(b, off + PROTOCOL, protocol);
        Bytes.put16(b, off + RESERVED, 0);
        Bytes.put32(b, off + IFINDEX, ifindex);
        Bytes.put16(b, off + HATYPE, haType);
        b[off + PKTTYPE] = (byte) pktType;
        b[off + HALEN] = 6;
        MacAddress.write(b, off + ADDR, mac);
        b[off + ADDR + 6] = 0;
        b[off + ADDR + 7] = 0;
    }
}
