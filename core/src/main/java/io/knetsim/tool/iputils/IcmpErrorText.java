package io.knetsim.tool.iputils;

import io.knetsim.packet.IcmpHeader;

/** The words iputils' ping prints for an ICMP error ({@code pr_icmph}). */
final class IcmpErrorText {
    private IcmpErrorText() {
    }

    static String of(int type, int code, int info) {
        if (type == IcmpHeader.DEST_UNREACHABLE) {
            return switch (code) {
                case IcmpHeader.NET_UNREACHABLE -> "Destination Net Unreachable";
                case IcmpHeader.HOST_UNREACHABLE -> "Destination Host Unreachable";
                case IcmpHeader.PROTOCOL_UNREACHABLE -> "Destination Protocol Unreachable";
                case IcmpHeader.PORT_UNREACHABLE -> "Destination Port Unreachable";
                case IcmpHeader.FRAG_NEEDED -> "Frag needed and DF set (mtu = " + info + ")";
                case 5 -> "Source Route Failed";
                case IcmpHeader.NET_PROHIBITED -> "Destination Net Prohibited";
                case IcmpHeader.HOST_PROHIBITED -> "Destination Host Prohibited";
                case IcmpHeader.ADMIN_PROHIBITED -> "Communication prohibited by filter";
                default -> "Dest Unreachable, Bad Code: " + code;
            };
        }
        if (type == IcmpHeader.TIME_EXCEEDED) {
            return code == 0 ? "Time to live exceeded" : "Frag reassembly time exceeded";
        }
        return "Bad ICMP type: " + type;
    }
}
