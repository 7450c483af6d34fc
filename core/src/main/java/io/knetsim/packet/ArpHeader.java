package io.knetsim.packet;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.addr.MacAddress;

/**
 * ARP for IPv4 over Ethernet (RFC 826), 28 bytes.
 *
 * <pre>
 *  0       2       4   5   6       8
 *  +-------+-------+---+---+-------+
 *  | htype | ptype |hln|pln|  oper |
 *  +-------+-------+---+---+-------+---------------+-------------------+---------------+
 *  |   sender hardware address     | sender IP     | target hw address | target IP     |
 *  +-------------------------------+---------------+-------------------+---------------+
 *  8                               14              18                  24              28
 * </pre>
 */
public final class ArpHeader {
    public static final int LENGTH = 28;
    public static final int HTYPE = 0;
    public static final int PTYPE = 2;
    public static final int HLEN = 4;
    public static final int PLEN = 5;
    public static final int OPER = 6;
    public static final int SHA = 8;
    public static final int SPA = 14;
    public static final int THA = 18;
    public static final int TPA = 24;

    public static final int HTYPE_ETHERNET = 1;
    public static final int OP_REQUEST = 1;
    public static final int OP_REPLY = 2;

    private ArpHeader() {
    }

    public static int oper(byte[] b, int off) {
        return Bytes.u16(b, off + OPER);
    }

    public static long senderMac(byte[] b, int off) {
        return MacAddress.read(b, off + SHA);
    }

    public static int senderIp(byte[] b, int off) {
        return Bytes.i32(b, off + SPA);
    }

    public static long targetMac(byte[] b, int off) {
        return MacAddress.read(b, off + THA);
    }

    public static int targetIp(byte[] b, int off) {
        return Bytes.i32(b, off + TPA);
    }

    /** True for Ethernet/IPv4 ARP with the right address lengths. */
    public static boolean isEthernetIpv4(byte[] b, int off) {
        return Bytes.u16(b, off + HTYPE) == HTYPE_ETHERNET && Bytes.u16(b, off + PTYPE) == EthernetHeader.TYPE_IPV4
            && Bytes.u8(b, off + HLEN) == 6 && Bytes.u8(b, off + PLEN) == 4;
    }

    public static void write(byte[] b, int off, int oper, long sha, int spa, long tha, int tpa) {
        Bytes.put16(b, off + HTYPE, HTYPE_ETHERNET);
        Bytes.put16(b, off + PTYPE, EthernetHeader.TYPE_IPV4);
        b[off + HLEN] = 6;
        b[off + PLEN] = 4;
        Bytes.put16(b, off + OPER, oper);
        MacAddress.write(b, off + SHA, sha);
        Bytes.put32(b, off + SPA, spa);
        MacAddress.write(b, off + THA, tha);
        Bytes.put32(b, off + TPA, tpa);
    }

    /** Parsed form. */
    public record Repr(int oper, MacAddress senderMac, Ipv4Address senderIp, MacAddress targetMac, Ipv4Address targetIp) {
        public static Repr parse(byte[] b, int off) {
            return new Repr(ArpHeader.oper(b, off),
                new MacAddress(ArpHeader.senderMac(b, off)), new Ipv4Address(ArpHeader.senderIp(b, off)),
                new MacAddress(ArpHeader.targetMac(b, off)), new Ipv4Address(ArpHeader.targetIp(b, off)));
        }

        public int emit(byte[] b, int off) {
            write(b, off, oper, senderMac.bits(), senderIp.bits(), targetMac.bits(), targetIp.bits());
            return LENGTH;
        }
    }
}
