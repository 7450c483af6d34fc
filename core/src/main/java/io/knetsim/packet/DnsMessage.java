package io.knetsim.packet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A DNS message (RFC 1035 4.1): a 12-byte header, then the question, answer, authority and
 * additional sections. Over UDP the message is the datagram's payload; over TCP each message
 * is preceded by a two-byte length (RFC 1035 4.2.2).
 *
 * <pre>
 *  0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |                      ID                       |
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |QR|   Opcode  |AA|TC|RD|RA| Z|AD|CD|   RCODE   |
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |          QDCOUNT / ANCOUNT / NSCOUNT / ARCOUNT |   four 16-bit counts
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * | question: QNAME QTYPE QCLASS                   |
 * | answer, authority, additional: resource records|
 * |   NAME TYPE CLASS TTL(32) RDLENGTH RDATA       |
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * </pre>
 *
 * Static accessors read the header in place; {@link Repr} is the parsed message, whose
 * {@link Repr#emit} compresses names. EDNS0 (RFC 6891) rides as an OPT record in the
 * additional section: its class is the sender's UDP payload size.
 */
public final class DnsMessage {
    public static final int HEADER_LENGTH = 12;
    public static final int ID = 0;
    public static final int FLAGS = 2;
    public static final int QDCOUNT = 4;
    public static final int ANCOUNT = 6;
    public static final int NSCOUNT = 8;
    public static final int ARCOUNT = 10;

    /** The standard port, UDP and TCP. */
    public static final int PORT = 53;
    /** Largest UDP message without EDNS0 (RFC 1035 4.2.1). */
    public static final int UDP_MAX = 512;

    public static final int QR = 0x8000;
    public static final int AA = 0x0400;
    public static final int TC = 0x0200;
    public static final int RD = 0x0100;
    public static final int RA = 0x0080;
    public static final int AD = 0x0020;
    public static final int CD = 0x0010;

    public static final int OPCODE_QUERY = 0;

    public static final int NOERROR = 0;
    public static final int FORMERR = 1;
    public static final int SERVFAIL = 2;
    public static final int NXDOMAIN = 3;
    public static final int NOTIMP = 4;
    public static final int REFUSED = 5;

    public static final int TYPE_A = 1;
    public static final int TYPE_NS = 2;
    public static final int TYPE_CNAME = 5;
    public static final int TYPE_SOA = 6;
    public static final int TYPE_PTR = 12;
    public static final int TYPE_TXT = 16;
    public static final int TYPE_AAAA = 28;
    public static final int TYPE_SRV = 33;
    public static final int TYPE_OPT = 41;
    public static final int TYPE_ANY = 255;

    public static final int CLASS_IN = 1;

    private DnsMessage() {
    }

    public static int id(byte[] b, int off) {
        return Bytes.u16(b, off + ID);
    }

    public static int flags(byte[] b, int off) {
        return Bytes.u16(b, off + FLAGS);
    }

    public static boolean isResponse(byte[] b, int off) {
        return (flags(b, off) & QR) != 0;
    }

    public static int opcode(byte[] b, int off) {
        return (flags(b, off) >>> 11) & 0xf;
    }

    public static int rcode(byte[] b, int off) {
        return flags(b, off) & 0xf;
    }

    public static int qdCount(byte[] b, int off) {
        return Bytes.u16(b, off + QDCOUNT);
    }

    public static int anCount(byte[] b, int off) {
        return Bytes.u16(b, off + ANCOUNT);
    }

    public static int nsCount(byte[] b, int off) {
        return Bytes.u16(b, off + NSCOUNT);
    }

    public static int arCount(byte[] b, int off) {
        return Bytes.u16(b, off + ARCOUNT);
    }

    /** A question: the name, type and class asked for. */
    public record Question(String name, int type, int cls) {
        public Question(String name, int type) {
            this(name, type, CLASS_IN);
        }
    }

    /** A resource record; for OPT, {@code cls} is the UDP payload size and {@code ttl} the extended flags. */
    public record Record(String name, int type, int cls, long ttl, DnsRdata data) {
        public Record(String name, int type, long ttl, DnsRdata data) {
            this(name, type, CLASS_IN, ttl, data);
        }

        /** An EDNS0 OPT pseudo-record advertising {@code udpSize} bytes, no options. */
        public static Record opt(int udpSize) {
            return new Record("", TYPE_OPT, udpSize, 0, new DnsRdata.Unknown(new byte[0]));
        }
    }

    /** The parsed message. */
    public record Repr(int id, int flags, List<Question> questions, List<Record> answers, List<Record> authority,
                       List<Record> additional) {
        public Repr {
            questions = List.copyOf(questions);
            answers = List.copyOf(answers);
            authority = List.copyOf(authority);
            additional = List.copyOf(additional);
        }

        /** A standard query for one name and type, recursion desired, as a stub resolver sends it. */
        public static Repr query(int id, String name, int type) {
            return new Repr(id, RD, List.of(new Question(name, type)), List.of(), List.of(), List.of());
        }

        public boolean isResponse() {
            return (flags & QR) != 0;
        }

        public int opcode() {
            return (flags >>> 11) & 0xf;
        }

        public int rcode() {
            return flags & 0xf;
        }

        public boolean has(int flag) {
            return (flags & flag) != 0;
        }

        /** The EDNS0 OPT record of the additional section, or null. */
        public Record opt() {
            for (Record r : additional) {
                if (r.type() == TYPE_OPT) {
                    return r;
                }
            }
            return null;
        }

        /** The same message with other flags. */
        public Repr withFlags(int newFlags) {
            return new Repr(id, newFlags, questions, answers, authority, additional);
        }

        /**
         * Parses {@code len} bytes at {@code off}. Everything must be there and well-formed:
         * the four counts, names (see {@link DnsName#parse}), each record's data within its
         * length; bytes after the last record are ignored, as most resolvers do.
         */
        public static Repr parse(byte[] b, int off, int len) throws DnsFormatException {
            if (len < HEADER_LENGTH) {
                throw new DnsFormatException("message of " + len + " bytes is shorter than the 12-byte header");
            }
            int end = off + len;
            int p = off + HEADER_LENGTH;
            List<Question> qs = new ArrayList<>();
            for (int i = 0; i < qdCount(b, off); i++) {
                DnsName.Parsed n = named("question " + (i + 1), b, off, p, end);
                if (n.end() + 4 > end) {
                    throw new DnsFormatException("question " + (i + 1) + ": type and class cut short");
                }
                qs.add(new Question(n.name(), Bytes.u16(b, n.end()), Bytes.u16(b, n.end() + 2)));
                p = n.end() + 4;
            }
            int[] at = {p};
            List<Record> an = records("answer", anCount(b, off), b, off, at, end);
            List<Record> ns = records("authority", nsCount(b, off), b, off, at, end);
            List<Record> ar = records("additional", arCount(b, off), b, off, at, end);
            return new Repr(DnsMessage.id(b, off), DnsMessage.flags(b, off), qs, an, ns, ar);
        }

        private static DnsName.Parsed named(String where, byte[] b, int msg, int p, int end)
            throws DnsFormatException {
            try {
                return DnsName.parse(b, msg, p, end);
            } catch (DnsFormatException e) {
                throw new DnsFormatException(where + ": " + e.getMessage());
            }
        }

        private static List<Record> records(String section, int count, byte[] b, int msg, int[] at, int end)
            throws DnsFormatException {
            List<Record> out = new ArrayList<>(count);
            int p = at[0];
            for (int i = 0; i < count; i++) {
                String where = section + " " + (i + 1);
                DnsName.Parsed n = named(where, b, msg, p, end);
                p = n.end();
                if (p + 10 > end) {
                    throw new DnsFormatException(where + ": record header cut short");
                }
                int type = Bytes.u16(b, p);
                int cls = Bytes.u16(b, p + 2);
                long ttl = Bytes.u32(b, p + 4);
                int rdlen = Bytes.u16(b, p + 8);
                p += 10;
                if (p + rdlen > end) {
                    throw new DnsFormatException(where + ": data length " + rdlen + " runs past the end of the message");
                }
                DnsRdata data;
                try {
                    data = DnsRdata.parse(type, b, msg, p, rdlen);
                } catch (DnsFormatException e) {
                    throw new DnsFormatException(where + ": " + e.getMessage());
                }
                out.add(new Record(n.name(), type, cls, ttl, data));
                p += rdlen;
            }
            at[0] = p;
            return out;
        }

        /** The message on the wire, names compressed. */
        public byte[] emit() {
            int max = HEADER_LENGTH;
            for (Question q : questions) {
                max += DnsName.maxWireLength(q.name()) + 4;
            }
            for (List<Record> s : List.of(answers, authority, additional)) {
                for (Record r : s) {
                    max += DnsName.maxWireLength(r.name()) + 10 + r.data().maxLength();
                }
            }
            byte[] b = new byte[max];
            int n = emit(b, 0);
            return java.util.Arrays.copyOf(b, n);
        }

        /** Writes the message at {@code off} (room for {@link #emit()}'s length needed); returns its length. */
        public int emit(byte[] b, int off) {
            Map<String, Integer> seen = new HashMap<>();
            Bytes.put16(b, off + ID, id);
            Bytes.put16(b, off + FLAGS, flags);
            Bytes.put16(b, off + QDCOUNT, questions.size());
            Bytes.put16(b, off + ANCOUNT, answers.size());
            Bytes.put16(b, off + NSCOUNT, authority.size());
            Bytes.put16(b, off + ARCOUNT, additional.size());
            // Offsets in pointers count from the message's start: emit into a view starting there.
            int p = HEADER_LENGTH;
            byte[] view = off == 0 ? b : new byte[b.length - off];
            if (off != 0) {
                System.arraycopy(b, off, view, 0, HEADER_LENGTH);
            }
            for (Question q : questions) {
                p = DnsName.emit(q.name(), view, p, seen);
                Bytes.put16(view, p, q.type());
                Bytes.put16(view, p + 2, q.cls());
                p += 4;
            }
            for (List<Record> s : List.of(answers, authority, additional)) {
                for (Record r : s) {
                    p = DnsName.emit(r.name(), view, p, seen);
                    Bytes.put16(view, p, r.type());
                    Bytes.put16(view, p + 2, r.cls());
                    Bytes.put32(view, p + 4, r.ttl());
                    int rd = p + 10;
                    int rdEnd = r.data().emit(view, rd, seen);
                    Bytes.put16(view, p + 8, rdEnd - rd);
                    p = rdEnd;
                }
            }
            if (off != 0) {
                System.arraycopy(view, 0, b, off, p);
            }
            return p;
        }
    }

    /** The mnemonic of a record type ({@code A}, {@code SRV}, ... or {@code TYPE99} as RFC 3597 writes it). */
    public static String typeName(int type) {
        return switch (type) {
            case TYPE_A -> "A";
            case TYPE_NS -> "NS";
            case TYPE_CNAME -> "CNAME";
            case TYPE_SOA -> "SOA";
            case TYPE_PTR -> "PTR";
            case 15 -> "MX";
            case TYPE_TXT -> "TXT";
            case TYPE_AAAA -> "AAAA";
            case TYPE_SRV -> "SRV";
            case TYPE_OPT -> "OPT";
            case TYPE_ANY -> "ANY";
            default -> "TYPE" + type;
        };
    }

    /** The type for a mnemonic ({@code a}, {@code SRV}, {@code TYPE33}), or -1. */
    public static int typeOf(String name) {
        String n = name.toUpperCase(java.util.Locale.ROOT);
        for (int t : new int[] {TYPE_A, TYPE_NS, TYPE_CNAME, TYPE_SOA, TYPE_PTR, 15, TYPE_TXT, TYPE_AAAA, TYPE_SRV,
            TYPE_ANY}) {
            if (typeName(t).equals(n)) {
                return t;
            }
        }
        if (n.startsWith("TYPE") && n.length() > 4 && n.substring(4).chars().allMatch(Character::isDigit)
            && n.length() <= 9) {
            int t = Integer.parseInt(n.substring(4));
            return t <= 65535 ? t : -1;
        }
        return -1;
    }

    /** The mnemonic of a response code, as dig prints it after {@code status:}. */
    public static String rcodeName(int rcode) {
        return switch (rcode) {
            case NOERROR -> "NOERROR";
            case FORMERR -> "FORMERR";
            case SERVFAIL -> "SERVFAIL";
            case NXDOMAIN -> "NXDOMAIN";
            case NOTIMP -> "NOTIMP";
            case REFUSED -> "REFUSED";
            case 6 -> "YXDOMAIN";
            case 7 -> "YXRRSET";
            case 8 -> "NXRRSET";
            case 9 -> "NOTAUTH";
            case 10 -> "NOTZONE";
            default -> "RESERVED" + rcode;
        };
    }
}
