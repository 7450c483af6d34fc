package io.knetsim.pcap;

import io.knetsim.addr.MacAddress;
import io.knetsim.packet.Bytes;

/**
 * The Linux cooked capture header, version 1 ({@code LINKTYPE_LINUX_SLL}, 113), 16 bytes, which
 * replaces the Ethernet header in captures on {@code any}. All fields are big-endian.
 *
 * <pre>
 *  0       2       4       6                               14      16
 *  +-------+-------+-------+-------------------------------+-------+
 *  |pkttype|hatype | halen |  source address (8, 6 used)   | proto |  payload after the
 *  +-------+-------+-------+-------------------------------+-------+  Ethernet header...
 * </pre>
 *
 * {@code pkttype} says who the packet was for ({@link #HOST} 0, {@link #BROADCAST} 1,
 * {@link #MULTICAST} 2, {@link #OTHERHOST} 3, {@link #OUTGOING} 4), {@code hatype} is the
 * device's ARPHRD type ({@link #ARPHRD_ETHER} 1, {@link #ARPHRD_LOOPBACK} 772), the address is the
 * frame's source MAC and {@code proto} its EtherType.
 */
public final class SllHeader {
    public static final int LENGTH = 16;
    public static final int PKTTYPE = 0;
    public static final int HATYPE = 2;
    public static final int HALEN = 4;
    public static final int ADDR = 6;
    public static final int PROTOCOL = 14;
    /** Room for the link-layer address; 6 bytes of it are used for Ethernet. */
    public static final int ADDR_SPACE = 8;

    /** Packet types ({@code PACKET_*} in {@code linux/if_packet.h}). */
    public static final int HOST = 0;
    public static final int BROADCAST = 1;
    public static final int MULTICAST = 2;
    public static final int OTHERHOST = 3;
    public static final int OUTGOING = 4;

    /** Hardware types ({@code ARPHRD_*} in {@code linux/if_arp.h}). */
    public static final int ARPHRD_ETHER = 1;
    public static final int ARPHRD_LOOPBACK = 772;

    private SllHeader() {
    }

    public static int pktType(byte[] b, int off) {
        return Bytes.u16(b, off + PKTTYPE);
    }

    public static int haType(byte[] b, int off) {
        return Bytes.u16(b, off + HATYPE);
    }

    public static int haLen(byte[] b, int off) {
        return Bytes.u16(b, off + HALEN);
    }

    public static int protocol(byte[] b, int off) {
        return Bytes.u16(b, off + PROTOCOL);
    }

    /** Writes a header for an Ethernet-type device: address length 6, {@code mac}, then zero padding. */
    public static void write(byte[] b, int off, int pktType, int haType, long mac, int protocol) {
        Bytes.put16(b, off + PKTTYPE, pktType);
        Bytes.put16(b, off + HATYPE, haType);
        Bytes.put16(b, off + HALEN, 6);
        MacAddress.write(b, off + ADDR, mac);
        b[off + ADDR + 6] = 0;
        b[off + ADDR + 7] = 0;
        Bytes.put16(b, off + PROTOCOL, protocol);
    }
}
