package io.knetsim.tool.tcpdump;

import io.knetsim.packet.Bytes;
import io.knetsim.packet.Checksum;

/**
 * {@code udp_print}: {@code 10.0.0.1.5000 > 10.0.0.2.6000: UDP, length 100}. Port 53 is DNS
 * ({@link DnsPrinter}). Port 8472 (flannel's
 * VXLAN port, which tcpdump knows as OTV's) and 4789 (VXLAN) are decoded with the inner frame
 * on the next line:
 *
 * <pre>
 *   IP 10.0.0.3.41172 > 10.0.0.4.8472: OTV, flags [I] (0x08), overlay 0, instance 100
 *   IP 11.10.1.2 > 11.10.2.2: ICMP echo request, id 1, seq 1, length 64
 * </pre>
 *
 * {@code -q} prints just {@code UDP, length N}. As in tcpdump, the checksum is checked only at
 * {@code -vv}.
 */
final class UdpPrinter {
    static final int DNS_PORT = 53;
    static final int OTV_PORT = 8472;
    static final int VXLAN_PORT = 4789;

    private UdpPrinter() {
    }

    static void udp(Out o, byte[] b, int off, int length, int end, int ipOff, boolean fragmented) {
        int src = Bytes.i32(b, ipOff + 12);
        int dst = Bytes.i32(b, ipOff + 16);
        if (end - off < 4) {
            o.p(Out.ip(src)).p(" > ").p(Out.ip(dst)).p(": ");
            throw new Truncated("udp");
        }
        int sport = Bytes.u16(b, off);
        int dport = Bytes.u16(b, off + 2);
        String addrs = Out.ip(src) + "." + Names.udpPort(sport, o.numeric) + " > " + Out.ip(dst) + "."
            + Names.udpPort(dport, o.numeric) + ": ";
        if (length < 8) {
            o.p(addrs).p("truncated-udp ").p(length);
            return;
        }
        if (end - off < 6) {
            o.p(addrs);
            throw new Truncated("udp");
        }
        int ulen = Bytes.u16(b, off + 4);
        if (ulen < 8) {
            o.p(addrs).p("truncated-udplength ").p(ulen);
            return;
        }
        ulen -= 8;
        length -= 8;
        if (ulen < length) {
            length = ulen;
        }
        int cp = off + 8;
        o.p(addrs);
        if (cp > end) {
            throw new Truncated("udp");
        }
        if (o.verbose > 1 && !fragmented) {
            checksum(o, b, off, length, end, src, dst);
        }
        if (!o.quiet) {
            if (sport == DNS_PORT || dport == DNS_PORT) {
                DnsPrinter.print(o, b, cp, length, end);
                return;
            }
            if (sport == OTV_PORT || dport == OTV_PORT) {
                otv(o, b, cp, length, end);
                return;
            }
            if (sport == VXLAN_PORT || dport == VXLAN_PORT) {
                vxlan(o, b, cp, length, end);
                return;
            }
        }
        if (ulen > length && !fragmented) {
            o.p("UDP, bad length ").p(ulen).p(" > ").p(length);
        } else {
            o.p("UDP, length ").p(ulen);
        }
    }

    /** At {@code -vv}: {@code [udp sum ok] }, {@code [bad udp cksum 0x1234 -> 0x5678!] } or {@code [no cksum] }. */
    private static void checksum(Out o, byte[] b, int off, int length, int end, int src, int dst) {
        int stored = Bytes.u16(b, off + 6);
        if (stored == 0) {
            o.p("[no cksum] ");
            return;
        }
        int n = length + 8;
        if (off + n > end) {
            return;
        }
        if (Checksum.verifyTransport(src, dst, 17, b, off, n)) {
            o.p("[udp sum ok] ");
        } else {
            byte[] copy = java.util.Arrays.copyOfRange(b, off, off + n);
            copy[6] = 0;
            copy[7] = 0;
            int want = Checksum.transport(src, dst, 17, copy, 0, n);
            o.p("[bad udp cksum 0x").p(Out.hex4(stored)).p(" -> 0x").p(Out.hex4(want == 0 ? 0xffff : want)).p("!] ");
        }
    }

    /** {@code otv_print}: draft-hasmit-otv shares VXLAN's 8-byte layout. */
    private static void otv(Out o, byte[] b, int off, int len, int end) {
        o.p("OTV, ");
        if (len < 8) {
            o.p("[length ").p(len).p(" < 8] (invalid)");
            return;
        }
        Truncated.need(off, 8, end, "otv");
        int flags = b[off] & 0xff;
        o.p("flags [").p((flags & 0x08) != 0 ? "I" : ".").p("] (0x").p(String.format("%02x", flags)).p("), ")
            .p("overlay ").p(u24(b, off + 1)).p(", instance ").p(u24(b, off + 4)).p("\n");
        EtherPrinter.ether(o, b, off + 8, len - 8, end);
    }

    /** {@code vxlan_print} (RFC 7348). */
    private static void vxlan(Out o, byte[] b, int off, int len, int end) {
        if (len < 8) {
            throw new Truncated("vxlan");
        }
        Truncated.need(off, 8, end, "vxlan");
        int flags = b[off] & 0xff;
        o.p("VXLAN, flags [").p((flags & 0x08) != 0 ? "I" : ".").p("] (0x").p(String.format("%02x", flags))
            .p("), vni ").p(u24(b, off + 4)).p("\n");
        EtherPrinter.ether(o, b, off + 8, len - 8, end);
    }

    private static int u24(byte[] b, int off) {
        return (b[off] & 0xff) << 16 | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff);
    }
}
