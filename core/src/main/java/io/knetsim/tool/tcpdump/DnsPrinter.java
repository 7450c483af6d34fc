package io.knetsim.tool.tcpdump;

import io.knetsim.packet.Bytes;

/**
 * {@code domain_print}, for UDP and TCP port 53:
 *
 * <pre>
 *   query:     36185+ A? kubernetes.default.svc.cluster.local. (54)
 *   answer:    36185*- 1/0/0 A 10.96.0.1 (108)
 *   no name:   52711 NXDomain*- 0/1/0 (147)
 * </pre>
 *
 * A query is its id, {@code +} if recursion is desired, then its questions; a response is its
 * id, its rcode, {@code *} if authoritative, {@code -} if recursion is not available, then
 * answers/authority/additional counts and the answers. {@code -v} adds answer names, {@code -vv}
 * the question and the other sections; the message length ends the line.
 */
final class DnsPrinter {
    private static final String[] OPS = {"", " inv_q", " stat", " op3", " notify", " update", " op6", " op7", " op8",
        " updateA", " updateD", " updateDA", " updateM", " updateMA", " zoneInit", " zoneRef"};
    private static final String[] RCODES = {"", " FormErr", " ServFail", " NXDomain", " NotImp", " Refused",
        " YXDomain", " YXRRSet", " NXRRSet", " NotAuth", " NotZone", " Resp11", " Resp12", " Resp13", " Resp14",
        " NoChange"};

    private DnsPrinter() {
    }

    /** A message over TCP: a two-byte length first, then a space where UDP has none. */
    static void overTcp(Out o, byte[] b, int off, int length, int end) {
        if (length < 2) {
            o.p(" [DNS over TCP: length ").p(length).p(" < 2] (invalid)");
            return;
        }
        Truncated.need(off, 2, end, "domain");
        int prefix = Bytes.u16(b, off);
        if (prefix != length - 2) {
            o.p(" [prefix length(").p(prefix).p(") != length(").p(length - 2).p(")] (invalid)");
            return;
        }
        o.p(" ");
        print(o, b, off + 2, length - 2, end);
    }

    static void print(Out o, byte[] b, int bp, int length, int end) {
        Truncated.need(bp, 12, end, "domain");
        int id = Bytes.u16(b, bp);
        int flags = Bytes.u16(b, bp + 2);
        int qd = Bytes.u16(b, bp + 4);
        int an = Bytes.u16(b, bp + 6);
        int ns = Bytes.u16(b, bp + 8);
        int ar = Bytes.u16(b, bp + 10);
        boolean response = (flags & 0x8000) != 0;
        int opcode = (flags >>> 11) & 0xf;
        int cp = bp + 12;
        if (response) {
            o.p(id).p(OPS[opcode]).p(RCODES[flags & 0xf]).p((flags & 0x0400) != 0 ? "*" : "")
                .p((flags & 0x0080) != 0 ? "" : "-").p((flags & 0x0200) != 0 ? "|" : "")
                .p((flags & 0x0020) != 0 ? "$" : "");
            if (qd != 1) {
                o.p(" [").p(qd).p("q]");
            }
            for (int i = 0; i < qd; i++) {
                if (i > 0) {
                    o.p(",");
                }
                if (o.verbose > 1) {
                    o.p(" q:");
                    cp = question(o, b, cp, bp, end);
                } else {
                    cp = skipName(b, cp, end) + 4;
                }
            }
            o.p(" ").p(an).p("/").p(ns).p("/").p(ar);
            cp = records(o, b, cp, bp, end, an, "");
            if (o.verbose > 1) {
                cp = records(o, b, cp, bp, end, ns, " ns:");
                records(o, b, cp, bp, end, ar, " ar:");
            }
        } else {
            o.p(id).p(OPS[opcode]).p((flags & 0x0100) != 0 ? "+" : "").p((flags & 0x0010) != 0 ? "%" : "");
            if ((flags & 0x6cf) != 0) {
                o.p(" [b2&3=0x").p(Integer.toHexString(flags)).p("]");
            }
            if (opcode == 1) {
                if (qd != 0) {
                    o.p(" [").p(qd).p("q]");
                }
                if (an != 1) {
                    o.p(" [").p(an).p("a]");
                }
            } else {
                if (an != 0) {
                    o.p(" [").p(an).p("a]");
                }
                if (qd != 1) {
                    o.p(" [").p(qd).p("q]");
                }
            }
            if (ns != 0) {
                o.p(" [").p(ns).p("n]");
            }
            if (ar != 0) {
                o.p(" [").p(ar).p("au]");
            }
            for (int i = 0; i < qd; i++) {
                cp = question(o, b, cp, bp, end);
            }
            if (o.verbose > 1) {
                cp = records(o, b, cp, bp, end, an, "");
                cp = records(o, b, cp, bp, end, ns, " ns:");
                records(o, b, cp, bp, end, ar, " ar:");
            }
        }
        o.p(" (").p(length).p(")");
    }

    /** {@code count} resource records, comma-separated after {@code label}. */
    private static int records(Out o, byte[] b, int cp, int bp, int end, int count, String label) {
        if (count > 0 && cp < end) {
            o.p(label);
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    if (cp >= end) {
                        throw new Truncated("domain");
                    }
                    o.p(",");
                }
                cp = record(o, b, cp, bp, end);
            }
        } else if (count > 0) {
            throw new Truncated("domain");
        }
        return cp;
    }

    /** {@code ns_qprint}: {@code  A? name.} */
    private static int question(Out o, byte[] b, int cp, int bp, int end) {
        int after = skipName(b, cp, end);
        Truncated.need(after, 4, end, "domain");
        int type = Bytes.u16(b, after);
        int cls = Bytes.u16(b, after + 2);
        o.p(" ").p(typeName(type));
        if (cls != 1) {
            o.p(" ").p(className(cls));
        }
        o.p("? ");
        name(o, b, cp, bp, end);
        return after + 4;
    }

    /** {@code ns_rprint}: {@code  A 10.96.0.1}, {@code  CNAME x.}, ... (the owner name only with -v). */
    private static int record(Out o, byte[] b, int cp, int bp, int end) {
        if (o.verbose > 0) {
            o.p(" ");
            name(o, b, cp, bp, end);
        }
        cp = skipName(b, cp, end);
        Truncated.need(cp, 10, end, "domain");
        int type = Bytes.u16(b, cp);
        int cls = Bytes.u16(b, cp + 2);
        if (cls != 1 && type != 41) {
            o.p(" ").p(className(cls));
        }
        int ttlFlags = Bytes.u16(b, cp + 6);
        int len = Bytes.u16(b, cp + 8);
        int rd = cp + 10;
        int rp = rd + len;
        o.p(" ").p(typeName(type));
        Truncated.need(rd, len, end, "domain");
        switch (type) {
            case 1 -> {
                Truncated.need(rd, 4, end, "domain");
                o.p(" ").p(Out.ip(Bytes.i32(b, rd)));
            }
            case 2, 5, 12, 39 -> {
                o.p(" ");
                name(o, b, rd, bp, end);
            }
            case 6 -> {
                if (o.verbose > 0) {
                    o.p(" ");
                    int p = name(o, b, rd, bp, end);
                    o.p(" ");
                    p = name(o, b, p, bp, end);
                    Truncated.need(p, 20, end, "domain");
                    for (int i = 0; i < 5; i++) {
                        o.p(" ").p(Integer.toUnsignedString(Bytes.i32(b, p + 4 * i)));
                    }
                }
            }
            case 15 -> {
                o.p(" ");
                Truncated.need(rd, 2, end, "domain");
                name(o, b, rd + 2, bp, end);
                o.p(" ").p(Bytes.u16(b, rd));
            }
            case 16 -> {
                for (int p = rd; p < rp; ) {
                    int n = b[p] & 0xff;
                    Truncated.need(p + 1, n, end, "domain");
                    o.p(" \"");
                    o.printn(b, p + 1, n);
                    o.p("\"");
                    p += 1 + n;
                }
            }
            case 28 -> {
                Truncated.need(rd, 16, end, "domain");
                o.p(" ").p(ipv6(b, rd));
            }
            case 33 -> {
                o.p(" ");
                Truncated.need(rd, 6, end, "domain");
                name(o, b, rd + 6, bp, end);
                o.p(":").p(Bytes.u16(b, rd + 4)).p(" ").p(Bytes.u16(b, rd)).p(" ").p(Bytes.u16(b, rd + 2));
            }
            case 41 -> {
                o.p(" UDPsize=").p(cls);
                if ((ttlFlags & 0x8000) != 0) {
                    o.p(" DO");
                }
            }
            default -> {
            }
        }
        return rp;
    }

    /** The offset after the name at {@code cp} (a compression pointer ends it). */
    private static int skipName(byte[] b, int cp, int end) {
        while (true) {
            Truncated.need(cp, 1, end, "domain");
            int l = b[cp] & 0xff;
            if (l == 0) {
                return cp + 1;
            }
            if ((l & 0xc0) == 0xc0) {
                return cp + 2;
            }
            cp += 1 + l;
        }
    }

    /** {@code ns_nprint}: labels each followed by a dot, the root as {@code .}; pointers must go back. */
    private static int name(Out o, byte[] b, int cp, int bp, int end) {
        Truncated.need(cp, 1, end, "domain");
        int max = cp - bp;
        int after = -1;
        int l = b[cp++] & 0xff;
        if (l == 0) {
            o.p(".");
            return cp;
        }
        while (l != 0) {
            if ((l & 0xc0) == 0xc0) {
                Truncated.need(cp, 1, end, "domain");
                int offset = ((l << 8) | (b[cp] & 0xff)) & 0x3fff;
                if (after < 0) {
                    after = cp + 1;
                }
                if (offset >= max) {
                    o.p("<BAD PTR>");
                    throw new Truncated("domain");
                }
                max = offset;
                cp = bp + offset;
                Truncated.need(cp, 1, end, "domain");
                l = b[cp++] & 0xff;
                continue;
            }
            if ((l & 0xc0) != 0) {
                o.p("<ELT ").p(l & 0x3f).p(">");
                throw new Truncated("domain");
            }
            Truncated.need(cp, l, end, "domain");
            o.printn(b, cp, l);
            o.p(".");
            cp += l;
            Truncated.need(cp, 1, end, "domain");
            l = b[cp++] & 0xff;
        }
        return after >= 0 ? after : cp;
    }


    static String ipv6(byte[] b, int off) {
        return io.knetsim.addr.Ipv6Text.format(b, off);
    }

    static String typeName(int t) {
        return switch (t) {
            case 1 -> "A";
            case 2 -> "NS";
            case 5 -> "CNAME";
            case 6 -> "SOA";
            case 12 -> "PTR";
            case 13 -> "HINFO";
            case 15 -> "MX";
            case 16 -> "TXT";
            case 28 -> "AAAA";
            case 33 -> "SRV";
            case 35 -> "NAPTR";
            case 39 -> "DNAME";
            case 41 -> "OPT";
            case 43 -> "DS";
            case 46 -> "RRSIG";
            case 47 -> "NSEC";
            case 48 -> "DNSKEY";
            case 99 -> "SPF";
            case 250 -> "TSIG";
            case 251 -> "IXFR";
            case 252 -> "AXFR";
            case 255 -> "ANY";
            default -> "Type" + t;
        };
    }

    private static String className(int c) {
        return switch (c) {
            case 1 -> "IN";
            case 3 -> "CHAOS";
            case 4 -> "HS";
            case 255 -> "ANY";
            default -> "(Class " + c + ")";
        };
    }
}
