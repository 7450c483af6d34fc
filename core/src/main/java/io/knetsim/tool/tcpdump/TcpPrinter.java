package io.knetsim.tool.tcpdump;

import io.knetsim.packet.Bytes;
import io.knetsim.packet.Checksum;
import io.knetsim.packet.TcpHeader;
import java.util.Set;

/**
 * {@code tcp_print}:
 * {@code 10.0.0.1.5000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0}.
 * Flags use the letters of {@link TcpHeader#flagsString}; sequence and acknowledgment numbers
 * are relative to the conversation's first ACK-bearing segment unless {@code -S}
 * ({@link TcpSeqTracker}); {@code -v} adds {@code cksum 0x1c46 (correct)}; {@code -q} prints
 * {@code tcp N}. Data to or from port 80 or 8080 shows the HTTP request or status line; port 53,
 * the DNS message.
 */
final class TcpPrinter {
    private static final Set<String> HTTP_METHODS = Set.of("GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL",
        "POST", "BCOPY", "BMOVE", "MKCOL", "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT",
        "UPDATE", "NOTIFY", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST",
        "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH", "UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE",
        "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL", "BASELINE-CONTROL");

    private TcpPrinter() {
    }

    static void tcp(Out o, byte[] b, int off, int length, int end, int ipOff, boolean fragmented) {
        int src = Bytes.i32(b, ipOff + 12);
        int dst = Bytes.i32(b, ipOff + 16);
        if (end - off < 4) {
            o.p(Out.ip(src)).p(" > ").p(Out.ip(dst)).p(":");
            throw new Truncated("tcp");
        }
        int sport = Bytes.u16(b, off);
        int dport = Bytes.u16(b, off + 2);
        o.p(Out.ip(src)).p(".").p(Names.tcpPort(sport, o.numeric)).p(" > ").p(Out.ip(dst)).p(".")
            .p(Names.tcpPort(dport, o.numeric)).p(": ");
        Truncated.need(off, 20, end, "tcp");
        int hlen = TcpHeader.headerLength(b, off);
        if (hlen < 20) {
            o.p(" tcp ").p(length - hlen).p(" [bad hdr length ").p(hlen).p(" - too short, < 20]");
            return;
        }
        int seq = TcpHeader.seq(b, off);
        int ack = TcpHeader.ack(b, off);
        int win = TcpHeader.window(b, off);
        int urp = TcpHeader.urgentPointer(b, off);
        if (o.quiet) {
            o.p("tcp ").p(length - hlen);
            if (hlen > length) {
                o.p(" [bad hdr length ").p(hlen).p(" - too long, > ").p(length).p("]");
            }
            return;
        }
        int flags = TcpHeader.flags(b, off);
        o.p("Flags [").p(TcpHeader.flagsString(flags)).p("]");
        int thseq = 0;
        int thack = 0;
        boolean rev = false;
        if (!o.absoluteSeq && (flags & TcpHeader.ACK) != 0) {
            int[] r = o.tcp.relative(src, dst, sport, dport, seq, ack, (flags & TcpHeader.SYN) != 0);
            seq = r[0];
            ack = r[1];
            thseq = r[2];
            thack = r[3];
            rev = r[4] != 0;
        }
        if (hlen > length) {
            o.p(" [bad hdr length ").p(hlen).p(" - too long, > ").p(length).p("]");
            return;
        }
        if (o.verbose > 0 && !fragmented && off + length <= end) {
            int stored = TcpHeader.checksum(b, off);
            o.p(", cksum 0x").p(Out.hex4(stored));
            if (Checksum.verifyTransport(src, dst, 6, b, off, length)) {
                o.p(" (correct)");
            } else {
                byte[] copy = java.util.Arrays.copyOfRange(b, off, off + length);
                copy[16] = 0;
                copy[17] = 0;
                o.p(" (incorrect -> 0x").p(Out.hex4(Checksum.transport(src, dst, 6, copy, 0, length))).p(")");
            }
        }
        int data = length - hlen;
        if (o.verbose > 1 || data > 0 || (flags & (TcpHeader.SYN | TcpHeader.FIN | TcpHeader.RST)) != 0) {
            o.p(", seq ").p(Out.u32(seq));
            if (data > 0) {
                o.p(":").p(Out.u32(seq + data));
            }
        }
        if ((flags & TcpHeader.ACK) != 0) {
            o.p(", ack ").p(Out.u32(ack));
        }
        o.p(", win ").p(win);
        if ((flags & TcpHeader.URG) != 0) {
            o.p(", urg ").p(urp);
        }
        if (hlen > 20 && !options(o, b, off + 20, hlen - 20, end, rev, thseq, thack)) {
            return;
        }
        o.p(", length ").p(data);
        if (data <= 0) {
            return;
        }
        int p = off + hlen;
        if ((flags & TcpHeader.RST) != 0 && o.verbose > 0) {
            rstData(o, b, p, data, end);
        } else if (sport == 80 || dport == 80 || sport == 8080 || dport == 8080) {
            o.p(": ");
            http(o, b, p, Math.min(data, end - p), data);
        } else if (sport == 53 || dport == 53) {
            DnsPrinter.overTcp(o, b, p, data, end);
        }
    }

    /** Prints {@code , options [...]}; false if an option was malformed ({@code [bad opt]}, no length). */
    private static boolean options(Out o, byte[] b, int cp, int hl, int end, boolean rev, int thseq, int thack) {
        o.p(", options [");
        char ch = 0;
        while (hl > 0) {
            if (ch != 0) {
                o.p(ch);
            }
            Truncated.need(cp, 1, end, "tcp");
            int opt = b[cp++] & 0xff;
            int len;
            if (opt == TcpHeader.OPT_EOL || opt == TcpHeader.OPT_NOP) {
                len = 1;
            } else {
                Truncated.need(cp, 1, end, "tcp");
                len = b[cp++] & 0xff;
                if (len < 2 || len > hl) {
                    return bad(o, ch);
                }
                hl--;
            }
            hl--;
            int datalen = 0;
            o.p(optionName(opt));
            switch (opt) {
                case TcpHeader.OPT_MSS -> {
                    datalen = 2;
                    if (datalen > hl) {
                        return bad(o, ch);
                    }
                    Truncated.need(cp, 2, end, "tcp");
                    o.p(" ").p(Bytes.u16(b, cp));
                }
                case TcpHeader.OPT_WSCALE -> {
                    datalen = 1;
                    if (datalen > hl) {
                        return bad(o, ch);
                    }
                    Truncated.need(cp, 1, end, "tcp");
                    o.p(" ").p(b[cp] & 0xff);
                }
                case TcpHeader.OPT_SACK -> {
                    datalen = len - 2;
                    if (datalen % 8 != 0) {
                        o.p(" invalid sack");
                    } else {
                        o.p(" ").p(datalen / 8).p(" ");
                        for (int i = 0; i < datalen; i += 8) {
                            if (i + 8 > hl) {
                                return bad(o, ch);
                            }
                            Truncated.need(cp + i, 8, end, "tcp");
                            int s = Bytes.i32(b, cp + i);
                            int e = Bytes.i32(b, cp + i + 4);
                            s -= rev ? thseq : thack;
                            e -= rev ? thseq : thack;
                            o.p("{").p(Out.u32(s)).p(":").p(Out.u32(e)).p("}");
                        }
                    }
                }
                case 6, 7, 11, 12, 13 -> {
                    datalen = 4;
                    if (datalen > hl) {
                        return bad(o, ch);
                    }
                    Truncated.need(cp, 4, end, "tcp");
                    o.p(" ").p(Out.u32(Bytes.i32(b, cp)));
                }
                case TcpHeader.OPT_TIMESTAMP -> {
                    datalen = 8;
                    if (datalen > hl) {
                        return bad(o, ch);
                    }
                    Truncated.need(cp, 8, end, "tcp");
                    o.p(" val ").p(Out.u32(Bytes.i32(b, cp))).p(" ecr ").p(Out.u32(Bytes.i32(b, cp + 4)));
                }
                case TcpHeader.OPT_EOL, TcpHeader.OPT_NOP, TcpHeader.OPT_SACK_PERM -> {
                }
                default -> {
                    datalen = len - 2;
                    if (datalen > 0) {
                        o.p(" 0x");
                    }
                    for (int i = 0; i < datalen; i++) {
                        if (i + 1 > hl) {
                            return bad(o, ch);
                        }
                        Truncated.need(cp + i, 1, end, "tcp");
                        o.p(String.format("%02x", b[cp + i] & 0xff));
                    }
                }
            }
            cp += datalen;
            hl -= datalen;
            datalen++;
            if (opt != TcpHeader.OPT_EOL && opt != TcpHeader.OPT_NOP) {
                datalen++;
            }
            if (datalen != len) {
                o.p("[len ").p(len).p("]");
            }
            ch = ',';
            if (opt == TcpHeader.OPT_EOL) {
                break;
            }
        }
        o.p("]");
        return true;
    }

    private static boolean bad(Out o, char ch) {
        o.p("[bad opt]");
        if (ch != 0) {
            o.p("]");
        }
        return false;
    }

    /** {@code tcp_option_values}. */
    private static String optionName(int opt) {
        return switch (opt) {
            case 0 -> "eol";
            case 1 -> "nop";
            case 2 -> "mss";
            case 3 -> "wscale";
            case 4 -> "sackOK";
            case 5 -> "sack";
            case 6 -> "echo";
            case 7 -> "echoreply";
            case 8 -> "TS";
            case 11 -> "cc";
            case 12 -> "ccnew";
            case 13 -> "";
            case 19 -> "md5";
            case 20 -> "scps";
            case 28 -> "uto";
            case 29 -> "tcp-ao";
            case 30 -> "mptcp";
            case 34 -> "tfo";
            case 254 -> "exp";
            default -> "unknown-" + opt;
        };
    }

    /** {@code print_tcp_rst_data}: the text some stacks put in a RST ({@code -v}). */
    private static void rstData(Out o, byte[] b, int p, int length, int end) {
        o.p(p + length <= end ? " [RST" : " [!RST");
        if (length > 30) {
            length = 30;
            o.p("+");
        }
        o.p(" ");
        o.printn(b, p, Math.max(0, Math.min(length, end - p)));
        o.p("]");
    }

    /**
     * {@code http_print} ({@code txtproto_print}): {@code HTTP}, then for a request or status line
     * {@code : GET / HTTP/1.1}, or with {@code -v} every header line on its own tab-indented line.
     */
    private static void http(Out o, byte[] b, int p, int avail, int len) {
        o.p("HTTP");
        String first = token(b, p, avail, 0);
        boolean show = first != null && HTTP_METHODS.contains(first.toUpperCase(java.util.Locale.ROOT));
        if (!show && first != null) {
            int next = first.length();
            while (next < avail && (b[p + next] == ' ' || b[p + next] == '\t')) {
                next++;
            }
            String second = token(b, p, avail, next);
            show = second != null && second.matches("\\d{3}");
        }
        if (!show) {
            return;
        }
        if (o.verbose > 0) {
            o.p(", length: ").p(len);
            for (int idx = 0; idx < avail; ) {
                int eol = line(o, "\n\t", b, p, idx, avail);
                if (eol == 0) {
                    break;
                }
                idx = eol;
            }
        } else {
            line(o, ": ", b, p, 0, avail);
        }
    }

    private static String token(byte[] b, int p, int avail, int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < avail; i++) {
            int c = b[p + i] & 0xff;
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                return sb.length() == 0 ? null : sb.toString();
            }
            if (c < 0x20 || c > 0x7e) {
                return null;
            }
            sb.append((char) c);
        }
        return null;
    }

    /** Prints one CRLF- or LF-ended line of printable text; returns the index after it, or 0. */
    private static int line(Out o, String prefix, byte[] b, int p, int idx, int len) {
        int start = idx;
        while (idx < len) {
            int c = b[p + idx] & 0xff;
            if (c == '\n') {
                o.p(prefix).p(new String(b, p + start, idx - start, java.nio.charset.StandardCharsets.US_ASCII));
                return idx + 1;
            }
            if (c == '\r') {
                if (idx + 1 >= len || b[p + idx + 1] != '\n') {
                    return 0;
                }
                o.p(prefix).p(new String(b, p + start, idx - start, java.nio.charset.StandardCharsets.US_ASCII));
                return idx + 2;
            }
            if ((c < 0x20 || c > 0x7e) && c != '\t') {
                return 0;
            }
            idx++;
        }
        o.p(prefix).p(new String(b, p + start, idx - start, java.nio.charset.StandardCharsets.US_ASCII));
        throw new Truncated("http");
    }
}
