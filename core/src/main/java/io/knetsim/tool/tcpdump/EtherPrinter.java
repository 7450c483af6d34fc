package io.knetsim.tool.tcpdump;

import io.knetsim.addr.MacAddress;
import io.knetsim.packet.Bytes;

/**
 * {@code ether_print}: the Ethernet header (shown with {@code -e}:
 * {@code 02:aa:.. > 02:bb:.., ethertype IPv4 (0x0800), length 98: }) and the dispatch on the
 * EtherType, also used for the inner frame of VXLAN and OTV.
 */
final class EtherPrinter {
    private EtherPrinter() {
    }

    /** An Ethernet frame of {@code length} bytes on the wire at {@code off}, captured up to {@code end}. */
    static void ether(Out o, byte[] b, int off, int length, int end) {
        if (end - off < 14) {
            throw new Truncated("ether");
        }
        long dst = MacAddress.read(b, off);
        long src = MacAddress.read(b, off + 6);
        if (o.link) {
            o.p(o.mac(src)).p(" > ").p(o.mac(dst)).p(", ");
        }
        int type = Bytes.u16(b, off + 12);
        int len = length - 14;
        if (type <= 1500) {
            if (o.link) {
                o.p("802.3, length ").p(Math.min(type, len)).p(": ");
            }
            return; // 802.2 LLC is not decoded here; the simulator sends Ethernet II only
        }
        if (o.link) {
            o.p(typeString(o, type)).p(", length ").p(length).p(": ");
        }
        if (!payload(o, type, b, off + 14, len, end) && !o.link) {
            o.p(o.mac(src)).p(" > ").p(o.mac(dst)).p(", ").p(typeString(o, type)).p(", length ").p(length).p(": ");
        }
    }

    /** {@code ethertype IPv4 (0x0800)}, or with {@code -q} just {@code IPv4}. */
    static String typeString(Out o, int type) {
        String name = Names.etherType(type);
        if (o.quiet) {
            return name != null ? name : String.format("Unknown Ethertype (0x%04x)", type);
        }
        return "ethertype " + (name != null ? name : "Unknown") + String.format(" (0x%04x)", type);
    }

    /** {@code ethertype_print}: false for a type it cannot print. */
    static boolean payload(Out o, int type, byte[] b, int off, int length, int end) {
        switch (type) {
            case 0x0800 -> IpPrinter.ip(o, b, off, length, end);
            case 0x0806, 0x8035 -> ArpPrinter.arp(o, b, off, length, end);
            default -> {
                return false;
            }
        }
        return true;
    }
}
