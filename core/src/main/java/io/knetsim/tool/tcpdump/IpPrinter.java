package io.knetsim.tool.tcpdump;

import io.knetsim.packet.Bytes;
import io.knetsim.packet.Checksum;

/**
 * {@code ip_print} and {@code ip_demux_print}: {@code IP src > dst: } then the transport; with
 * {@code -v} the header first, {@code IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto ICMP (1),
 * length 84)} and the rest on the next line after four spaces. A fragment other than the first
 * has no transport header to show: {@code IP 10.0.0.1 > 10.0.0.2: ip-proto-17} with {@code -n}.
 */
final class IpPrinter {
    private IpPrinter() {
    }

    static void ip(Out o, byte[] b, int off, int length, int end) {
        if (!o.link) {
            o.p("IP ");
        }
        if (length < 20) {
            o.p("[length ").p(length).p(" < 20] (invalid)");
            return;
        }
        Truncated.need(off, 1, end, "ip");
        int version = (b[off] & 0xff) >>> 4;
        if (version != 4) {
            o.p("[version ").p(version).p(" != 4] (invalid)");
            return;
        }
        int hlen = (b[off] & 0x0f) * 4;
        if (hlen < 20) {
            o.p("[header length ").p(hlen).p(" < 20] (invalid)");
            return;
        }
        Truncated.need(off, 4, end, "ip");
        int len = Bytes.u16(b, off + 2);
        if (len > length) {
            o.p("[total length ").p(len).p(" > length ").p(length).p("] (invalid) ");
        }
        boolean tso = false;
        if (len == 0) {
            len = length;
            tso = true;
        } else if (len < hlen) {
            o.p("[total length ").p(len).p(" < header length ").p(hlen).p("] (invalid)");
            return;
        }
        Truncated.need(off, 20, end, "ip");
        int ipEnd = Math.min(end, off + len);
        int payload = len - hlen;
        int frag = Bytes.u16(b, off + 6);
        int proto = b[off + 9] & 0xff;
        int src = Bytes.i32(b, off + 12);
        int dst = Bytes.i32(b, off + 16);
        if (o.verbose > 0) {
            verbose(o, b, off, length, end, hlen, frag, proto, tso);
        }
        if ((frag & 0x1fff) == 0) {
            if (proto != 6 && proto != 17) { // their printers show addresses with ports
                o.p(Out.ip(src)).p(" > ").p(Out.ip(dst)).p(": ");
            }
            if (end - off < hlen) {
                o.p(" [remaining caplen(").p(end - off).p(") < header length(").p(hlen).p(")]");
                throw new Truncated("ip");
            }
            demux(o, proto, b, off + hlen, payload, ipEnd, (frag & 0x2000) != 0, off);
        } else {
            o.p(Out.ip(src)).p(" > ").p(Out.ip(dst)).p(":");
            String name = o.numeric ? null : Names.ipProtoLower(proto);
            o.p(name != null ? " " + name : " ip-proto-" + proto);
        }
    }

    private static void verbose(Out o, byte[] b, int off, int length, int end, int hlen, int frag, int proto,
                                boolean tso) {
        int tos = b[off + 1] & 0xff;
        o.p("(tos 0x").p(Out.hex(tos));
        switch (tos & 3) {
            case 1 -> o.p(",ECT(1)");
            case 2 -> o.p(",ECT(0)");
            case 3 -> o.p(",CE");
            default -> {
            }
        }
        int ttl = b[off + 8] & 0xff;
        if (ttl >= 1) {
            o.p(", ttl ").p(ttl);
        }
        o.p(", id ").p(Bytes.u16(b, off + 4)).p(", offset ").p((frag & 0x1fff) * 8).p(", flags [")
            .p(fragFlags(frag)).p("], proto ").p(Names.ipProtoUpper(proto)).p(" (").p(proto).p(")");
        if (tso) {
            o.p(", length ").p(length).p(" [was 0, presumed TSO]");
        } else {
            o.p(", length ").p(Bytes.u16(b, off + 2));
        }
        if (hlen > 20) {
            o.p(", options (");
            options(o, b, off + 20, hlen - 20, end);
            o.p(")");
        }
        if (off + hlen <= end && !Checksum.verify(b, off, hlen)) {
            int stored = Bytes.u16(b, off + 10);
            byte[] copy = java.util.Arrays.copyOfRange(b, off, off + hlen);
            copy[10] = 0;
            copy[11] = 0;
            o.p(", bad cksum ").p(Out.hex(stored)).p(" (->").p(Out.hex(Checksum.compute(copy, 0, hlen))).p(")!");
        }
        o.p(")\n    ");
    }

    /** {@code ip_frag_values} in table order: {@code +}, {@code DF}, {@code rsvd}, or {@code none}. */
    private static String fragFlags(int frag) {
        StringBuilder sb = new StringBuilder();
        if ((frag & 0x2000) != 0) {
            sb.append('+');
        }
        if ((frag & 0x4000) != 0) {
            sb.append(sb.length() > 0 ? ", " : "").append("DF");
        }
        if ((frag & 0x8000) != 0) {
            sb.append(sb.length() > 0 ? ", " : "").append("rsvd");
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /** Option names, comma-separated (values are not decoded). */
    private static void options(Out o, byte[] b, int off, int len, int end) {
        String sep = "";
        int i = off;
        int stop = off + len;
        while (i < stop) {
            Truncated.need(i, 1, end, "ip");
            int code = b[i] & 0xff;
            o.p(sep);
            sep = ",";
            o.p(switch (code) {
                case 0 -> "EOL";
                case 1 -> "NOP";
                case 68 -> "timestamp";
                case 130 -> "security";
                case 7 -> "RR";
                case 137 -> "SSRR";
                case 131 -> "LSRR";
                case 148 -> "RA";
                case 82 -> "traceroute";
                default -> "unknown " + code;
            });
            if (code == 0) {
                return;
            }
            if (code == 1) {
                i++;
                continue;
            }
            Truncated.need(i + 1, 1, end, "ip");
            int olen = b[i + 1] & 0xff;
            if (olen < 2 || olen > stop - i) {
                o.p(" [bad length ").p(olen).p("]");
                return;
            }
            i += olen;
        }
    }

    private static void demux(Out o, int proto, byte[] b, int off, int length, int end, boolean fragmented,
                              int ipOff) {
        switch (proto) {
            case 1 -> IcmpPrinter.icmp(o, b, off, length, end, fragmented);
            case 6 -> TcpPrinter.tcp(o, b, off, length, end, ipOff, fragmented);
            case 17 -> UdpPrinter.udp(o, b, off, length, end, ipOff, fragmented);
            default -> {
                String name = o.numeric ? null : Names.ipProtoLower(proto);
                o.p(name != null ? " " + name : " ip-proto-" + proto).p(" ").p(length);
            }
        }
    }
}
