package io.knetsim.tool.tcpdump;

import io.knetsim.packet.Bytes;
import io.knetsim.packet.Checksum;

/**
 * {@code icmp_print}: {@code ICMP echo request, id 1, seq 1, length 64},
 * {@code ICMP 10.0.0.2 udp port 33434 unreachable, length 36},
 * {@code ICMP 10.0.0.9 unreachable - need to frag (mtu 1450), length 556},
 * {@code ICMP time exceeded in-transit, length 36}. The length is the ICMP message's (header and
 * body). With {@code -v}, a wrong checksum is flagged and an error's quoted datagram is printed
 * on the next line.
 */
final class IcmpPrinter {
    private IcmpPrinter() {
    }

    static void icmp(Out o, byte[] b, int off, int plen, int end, boolean fragmented) {
        Truncated.need(off, 2, end, "icmp");
        int type = b[off] & 0xff;
        int code = b[off + 1] & 0xff;
        String str;
        switch (type) {
            case 0, 8 -> {
                Truncated.need(off, 8, end, "icmp");
                str = "echo " + (type == 8 ? "request" : "reply") + ", id " + Bytes.u16(b, off + 4) + ", seq "
                    + Bytes.u16(b, off + 6);
            }
            case 3 -> str = unreachable(o, b, off, code, end);
            case 5 -> {
                Truncated.need(off, 28, end, "icmp");
                String to = Out.ip(Bytes.i32(b, off + 24));
                String gw = Out.ip(Bytes.i32(b, off + 4));
                str = switch (code) {
                    case 0 -> "redirect " + to + " to net " + gw;
                    case 1 -> "redirect " + to + " to host " + gw;
                    case 2 -> "redirect-tos " + to + " to net " + gw;
                    case 3 -> "redirect-tos " + to + " to host " + gw;
                    default -> "redirect-#" + code + " " + to + " to " + gw;
                };
            }
            case 11 -> {
                Truncated.need(off, 28, end, "icmp");
                str = switch (code) {
                    case 0 -> "time exceeded in-transit";
                    case 1 -> "ip reassembly time exceeded";
                    default -> "time exceeded-#" + code;
                };
            }
            case 12 -> {
                if (code != 0) {
                    str = "parameter problem - code " + code;
                } else {
                    Truncated.need(off, 5, end, "icmp");
                    str = "parameter problem - octet " + (b[off + 4] & 0xff);
                }
            }
            case 13 -> {
                Truncated.need(off, 8, end, "icmp");
                str = "time stamp query id " + Bytes.u16(b, off + 4) + " seq " + Bytes.u16(b, off + 6);
            }
            case 18 -> {
                Truncated.need(off, 12, end, "icmp");
                str = String.format("address mask is 0x%08x", Bytes.i32(b, off + 8));
            }
            default -> str = switch (type) {
                case 4 -> "source quench";
                case 10 -> "router solicitation";
                case 14 -> "time stamp reply";
                case 15 -> "information request";
                case 16 -> "information reply";
                case 17 -> "address mask request";
                default -> "type-#" + type;
            };
        }
        o.p("ICMP ").p(str).p(", length ").p(plen);
        if (o.verbose > 0 && !fragmented && off + plen <= end && plen >= 4 && !Checksum.verify(b, off, plen)) {
            int stored = Bytes.u16(b, off + 2);
            byte[] copy = java.util.Arrays.copyOfRange(b, off, off + plen);
            copy[2] = 0;
            copy[3] = 0;
            o.p(" (wrong icmp cksum ").p(Out.hex(stored)).p(" (->").p(Out.hex(Checksum.compute(copy, 0, plen)))
                .p(")!)");
        }
        if (o.verbose > 0 && (type == 3 || type == 4 || type == 5 || type == 11 || type == 12)) {
            int q = off + 8;
            Truncated.need(q, 4, end, "icmp");
            int qlen = Bytes.u16(b, q + 2);
            o.p("\n\t");
            IpPrinter.ip(o, b, q, qlen, Math.min(end, q + qlen));
        }
    }

    private static String unreachable(Out o, byte[] b, int off, int code, int end) {
        Truncated.need(off, 28, end, "icmp");
        String dst = Out.ip(Bytes.i32(b, off + 24));
        return switch (code) {
            case 0 -> "net " + dst + " unreachable";
            case 1 -> "host " + dst + " unreachable";
            case 2 -> dst + " protocol " + (b[off + 17] & 0xff) + " unreachable";
            case 3 -> {
                int q = off + 8;
                int hlen = (b[q] & 0x0f) * 4;
                Truncated.need(q + hlen, 4, end, "icmp");
                int dport = Bytes.u16(b, q + hlen + 2);
                int p = b[q + 9] & 0xff;
                yield switch (p) {
                    case 6 -> dst + " tcp port " + Names.tcpPort(dport, o.numeric) + " unreachable";
                    case 17 -> dst + " udp port " + Names.udpPort(dport, o.numeric) + " unreachable";
                    default -> dst + " protocol " + p + " port " + dport + " unreachable";
                };
            }
            case 4 -> {
                int mtu = Bytes.u16(b, off + 6);
                yield mtu != 0 ? dst + " unreachable - need to frag (mtu " + mtu + ")"
                    : dst + " unreachable - need to frag";
            }
            case 5 -> dst + " unreachable - source route failed";
            case 6 -> "net " + dst + " unreachable - unknown";
            case 7 -> "host " + dst + " unreachable - unknown";
            case 8 -> dst + " unreachable - source host isolated";
            case 9 -> "net " + dst + " unreachable - admin prohibited";
            case 10 -> "host " + dst + " unreachable - admin prohibited";
            case 11 -> "net " + dst + " unreachable - tos prohibited";
            case 12 -> "host " + dst + " unreachable - tos prohibited";
            case 13 -> "host " + dst + " unreachable - admin prohibited filter";
            case 14 -> "host " + dst + " unreachable - host precedence violation";
            case 15 -> "host " + dst + " unreachable - precedence cutoff";
            default -> dst + " unreachable - #" + code;
        };
    }
}
