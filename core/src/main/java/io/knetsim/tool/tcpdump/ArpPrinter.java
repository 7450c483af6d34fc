package io.knetsim.tool.tcpdump;

import io.knetsim.addr.MacAddress;
import io.knetsim.packet.Bytes;

/**
 * {@code arp_print}: {@code ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28} and
 * {@code ARP, Reply 10.0.0.2 is-at 02:42:0a:00:00:02, length 28}. The length is the ARP packet's
 * as captured (an outgoing request is 28 bytes; one received from a real NIC would be padded to
 * 46). With {@code -e} the {@code ARP, } prefix gives way to the Ethernet header; with {@code -v}
 * the hardware and protocol types are shown.
 */
final class ArpPrinter {
    private ArpPrinter() {
    }

    static void arp(Out o, byte[] b, int off, int length, int end) {
        Truncated.need(off, 8, end, "arp");
        int hrd = Bytes.u16(b, off);
        int pro = Bytes.u16(b, off + 2);
        int hln = b[off + 4] & 0xff;
        int pln = b[off + 5] & 0xff;
        int op = Bytes.u16(b, off + 6);
        Truncated.need(off + 8, 2 * hln + 2 * pln, end, "arp");
        if (!o.link) {
            o.p("ARP, ");
        }
        boolean ipv4 = pro == 0x0800 || pro == 0x1000;
        if (!ipv4 || pln != 4 || hln == 0 || o.verbose > 0) {
            String hw = hrd == 1 ? "Ethernet" : "Unknown Hardware (" + hrd + ")";
            String pn = Names.etherType(pro);
            o.p(hw).p(" (len ").p(hln).p("), ").p(pn != null ? pn : String.format("Unknown Protocol (0x%04x)", pro))
                .p(" (len ").p(pln).p(")");
            if (o.verbose == 0) {
                o.p(", length ").p(length);
                return;
            }
        }
        int sha = off + 8;
        int spa = sha + hln;
        int tha = spa + pln;
        int tpa = tha + hln;
        o.p(o.verbose > 0 ? ", " : "").p(switch (op) {
            case 1 -> "Request";
            case 2 -> "Reply";
            case 3 -> "Reverse Request";
            case 4 -> "Reverse Reply";
            case 8 -> "Inverse Request";
            case 9 -> "Inverse Reply";
            case 10 -> "NACK Reply";
            default -> "Unknown (" + op + ")";
        }).p(" ");
        switch (op) {
            case 1 -> {
                o.p("who-has ").p(paddr(b, tpa, pro, pln));
                if (!allZero(b, tha, hln)) {
                    o.p(" (").p(hw(o, b, tha, hln)).p(")");
                }
                o.p(" tell ").p(paddr(b, spa, pro, pln));
            }
            case 2 -> o.p(paddr(b, spa, pro, pln)).p(" is-at ").p(hw(o, b, sha, hln));
            case 3 -> o.p("who-is ").p(hw(o, b, tha, hln)).p(" tell ").p(hw(o, b, sha, hln));
            case 4 -> o.p(hw(o, b, tha, hln)).p(" at ").p(paddr(b, tpa, pro, pln));
            default -> {
                return;
            }
        }
        o.p(", length ").p(length);
    }

    private static String paddr(byte[] b, int off, int pro, int pln) {
        if (pro != 0x0800 && pro != 0x1000) {
            return "<wrong proto type>";
        }
        if (pln != 4) {
            return "<wrong len>";
        }
        return Out.ip(Bytes.i32(b, off));
    }

    private static String hw(Out o, byte[] b, int off, int hln) {
        if (hln == 6) {
            return o.mac(MacAddress.read(b, off));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hln; i++) {
            sb.append(i > 0 ? ":" : "").append(String.format("%02x", b[off + i] & 0xff));
        }
        return sb.toString();
    }

    private static boolean allZero(byte[] b, int off, int n) {
        for (int i = 0; i < n; i++) {
            if (b[off + i] != 0) {
                return false;
            }
        }
        return true;
    }
}
