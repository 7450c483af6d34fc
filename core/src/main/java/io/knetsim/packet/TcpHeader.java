package io.knetsim.packet;

import java.util.List;

/**
 * TCP header (RFC 9293), 20 bytes plus up to 40 bytes of options. Sequence and
 * acknowledgment numbers are {@code int}s with unsigned, modulo-2^32 meaning, as in Linux's
 * {@code struct tcphdr}.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |       |C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 * |       |       |R|E|G|K|H|T|N|N|                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |         Urgent Pointer        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (Data Offset - 5 words)            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Options are laid out as Linux lays them out ({@link Options}); {@link #validate} checks a received header
 * (bounds, data offset, option lengths) and returns a reason instead of throwing.
 */
public final class TcpHeader {
    public static final int MIN_LENGTH = 20;
    public static final int MAX_LENGTH = 60;

    public static final int SRC_PORT = 0;
    public static final int DST_PORT = 2;
    public static final int SEQ = 4;
    /** Offset of the acknowledgment number ({@code ack_seq} in Linux). */
    public static final int ACK_SEQ = 8;
    /** Offset of the byte holding the data offset ({@code doff}) in its high nibble. */
    public static final int DOFF = 12;
    public static final int FLAGS = 13;
    public static final int WINDOW = 14;
    public static final int CHECKSUM = 16;
    public static final int URG_PTR = 18;
    public static final int OPTIONS = 20;

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    /** Option kinds (IANA "TCP Option Kind Numbers"). */
    public static final int OPT_EOL = 0;
    public static final int OPT_NOP = 1;
    public static final int OPT_MSS = 2;
    public static final int OPT_WSCALE = 3;
    public static final int OPT_SACK_PERM = 4;
    public static final int OPT_SACK = 5;
    public static final int OPT_TIMESTAMP = 8;
    /** Most options a header can carry: 60 - 20 bytes. */
    public static final int MAX_OPTIONS_LENGTH = MAX_LENGTH - MIN_LENGTH;

    private TcpHeader() {
    }

    public static int srcPort(byte[] b, int off) {
        return Bytes.u16(b, off + SRC_PORT);
    }

    public static int dstPort(byte[] b, int off) {
        return Bytes.u16(b, off + DST_PORT);
    }

    public static int seq(byte[] b, int off) {
        return Bytes.i32(b, off + SEQ);
    }

    public static int ack(byte[] b, int off) {
        return Bytes.i32(b, off + ACK_SEQ);
    }

    /** The data offset field: header length in 32-bit words (5 to 15). */
    public static int dataOffset(byte[] b, int off) {
        return (b[off + DOFF] & 0xff) >>> 4;
    }

    /** Header length in bytes, options included (data offset * 4). */
    public static int headerLength(byte[] b, int off) {
        return dataOffset(b, off) * 4;
    }

    public static int flags(byte[] b, int off) {
        return b[off + FLAGS] & 0xff;
    }

    public static boolean hasFlags(byte[] b, int off, int mask) {
        return (flags(b, off) & mask) == mask;
    }

    public static int window(byte[] b, int off) {
        return Bytes.u16(b, off + WINDOW);
    }

    public static int checksum(byte[] b, int off) {
        return Bytes.u16(b, off + CHECKSUM);
    }

    public static int urgentPointer(byte[] b, int off) {
        return Bytes.u16(b, off + URG_PTR);
    }

    public static void setSrcPort(byte[] b, int off, int port) {
        Bytes.put16(b, off + SRC_PORT, port);
    }

    public static void setDstPort(byte[] b, int off, int port) {
        Bytes.put16(b, off + DST_PORT, port);
    }

    public static void setSeq(byte[] b, int off, int seq) {
        Bytes.put32(b, off + SEQ, seq);
    }

    public static void setAck(byte[] b, int off, int ack) {
        Bytes.put32(b, off + ACK_SEQ, ack);
    }

    /** Sets the header length in bytes (a multiple of 4, 20 to 60); the reserved bits are cleared. */
    public static void setHeaderLength(byte[] b, int off, int length) {
        if (length < MIN_LENGTH || length > MAX_LENGTH || (length & 3) != 0) {
            throw new IllegalArgumentException("TCP header length " + length
                + ": expected a multiple of 4 from 20 to 60");
        }
        b[off + DOFF] = (byte) ((length / 4) << 4);
    }

    public static void setFlags(byte[] b, int off, int flags) {
        b[off + FLAGS] = (byte) flags;
    }

    public static void setWindow(byte[] b, int off, int window) {
        Bytes.put16(b, off + WINDOW, window);
    }

    public static void setChecksum(byte[] b, int off, int checksum) {
        Bytes.put16(b, off + CHECKSUM, checksum);
    }

    public static void setUrgentPointer(byte[] b, int off, int urgent) {
        Bytes.put16(b, off + URG_PTR, urgent);
    }

    /** Writes the fixed 20 bytes with a zero checksum; options, if any, follow at {@code off + 20}. */
    public static void write(byte[] b, int off, int srcPort, int dstPort, int seq, int ack, int headerLength,
                             int flags, int window, int urgent) {
        setSrcPort(b, off, srcPort);
        setDstPort(b, off, dstPort);
        setSeq(b, off, seq);
        setAck(b, off, ack);
        setHeaderLength(b, off, headerLength);
        setFlags(b, off, flags);
        setWindow(b, off, window);
        setChecksum(b, off, 0);
        setUrgentPointer(b, off, urgent);
    }

    /** Fills the checksum of a segment of {@code length} bytes (header + payload) at {@code off}. */
    public static void fillChecksum(byte[] b, int off, int length, int srcIp, int dstIp) {
        setChecksum(b, off, 0);
        setChecksum(b, off, Checksum.transport(srcIp, dstIp, Ipv4Header.PROTO_TCP, b, off, length));
    }

    public static boolean checksumValid(byte[] b, int off, int length, int srcIp, int dstIp) {
        return Checksum.verifyTransport(srcIp, dstIp, Ipv4Header.PROTO_TCP, b, off, length);
    }

    /**
     * Why the {@code len} bytes at {@code off} are not a well-formed TCP header, or null if they
     * are: too short, data offset below 5 or beyond the bytes present, or a malformed option.
     */
    public static String validate(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off > b.length - len) {
            return "TCP header range " + off + "+" + len + " outside a " + b.length + "-byte buffer";
        }
        if (len < MIN_LENGTH) {
            return "TCP header truncated: " + len + " bytes, need at least " + MIN_LENGTH;
        }
        int hl = headerLength(b, off);
        if (hl < MIN_LENGTH) {
            return "TCP data offset " + dataOffset(b, off) + " words (" + hl + " bytes) is below the minimum of 5";
        }
        if (hl > len) {
            return "TCP data offset says a " + hl + "-byte header but only " + len + " bytes are present";
        }
        return Options.validate(b, off + OPTIONS, hl - MIN_LENGTH);
    }

    /**
     * The flags as tcpdump prints them between brackets: letters in the order of tcpdump's
     * {@code tcp_flag_values} table, F S R P . U E W, with {@code .} for ACK, or {@code none}.
     * A SYN-ACK is {@code S.}, a pure ACK {@code .}, data with push {@code P.}.
     */
    public static String flagsString(int flags) {
        if ((flags & 0xff) == 0) {
            return "none";
        }
        StringBuilder sb = new StringBuilder(8);
        appendIf(sb, flags, FIN, 'F');
        appendIf(sb, flags, SYN, 'S');
        appendIf(sb, flags, RST, 'R');
        appendIf(sb, flags, PSH, 'P');
        appendIf(sb, flags, ACK, '.');
        appendIf(sb, flags, URG, 'U');
        appendIf(sb, flags, ECE, 'E');
        appendIf(sb, flags, CWR, 'W');
        return sb.toString();
    }

    private static void appendIf(StringBuilder sb, int flags, int bit, char c) {
        if ((flags & bit) != 0) {
            sb.append(c);
        }
    }

    /**
     * Parsed form. {@code headerLength} is the data offset in bytes as received (or as wanted).
     * {@link #emit} writes the options in Linux's layout and pads with zero (EOL) bytes up to
     * {@code headerLength}; a peer's tighter layout that Linux's would not fit into grows to
     * {@code 20 + options.length()}, and emit returns the length it wrote.
     */
    public record Repr(int srcPort, int dstPort, int seq, int ack, int flags, int window, int urgent,
                       Options options, int headerLength) {
        public Repr {
            checkU16("source port", srcPort);
            checkU16("destination port", dstPort);
            checkU16("window", window);
            checkU16("urgent pointer", urgent);
            if (flags < 0 || flags > 0xff) {
                throw new IllegalArgumentException("TCP flags 0x" + Integer.toHexString(flags) + ": expected 8 bits");
            }
            if (options == null) {
                throw new IllegalArgumentException("TCP options are null: use Options.NONE");
            }
            if (headerLength < MIN_LENGTH || headerLength > MAX_LENGTH || (headerLength & 3) != 0) {
                throw new IllegalArgumentException("TCP header length " + headerLength
                    + ": expected a multiple of 4 from 20 to 60");
            }
        }

        /** A header just long enough for its options. */
        public Repr(int srcPort, int dstPort, int seq, int ack, int flags, int window, int urgent, Options options) {
            this(srcPort, dstPort, seq, ack, flags, window, urgent, options, MIN_LENGTH + options.length());
        }

        /** Parses a header that may run to the end of {@code b}; see {@link #parse(byte[], int, int)}. */
        public static Repr parse(byte[] b, int off) {
            return parse(b, off, b.length - off);
        }

        /** Parses the header in {@code len} bytes at {@code off}; IllegalArgumentException says what is wrong. */
        public static Repr parse(byte[] b, int off, int len) {
            String problem = validate(b, off, len);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            int hl = TcpHeader.headerLength(b, off);
            return new Repr(TcpHeader.srcPort(b, off), TcpHeader.dstPort(b, off), TcpHeader.seq(b, off),
                TcpHeader.ack(b, off), TcpHeader.flags(b, off), TcpHeader.window(b, off),
                TcpHeader.urgentPointer(b, off), Options.parse(b, off + OPTIONS, hl - MIN_LENGTH), hl);
        }

        /**
         * Writes header and options with a zero checksum and returns the header length written;
         * call fillChecksum once the payload is in place.
         */
        public int emit(byte[] b, int off) {
            int n = options.length();
            if (n > MAX_OPTIONS_LENGTH) {
                options.emit(b, off + OPTIONS); // throws, saying why
            }
            int hl = Math.max(headerLength, MIN_LENGTH + n);
            write(b, off, srcPort, dstPort, seq, ack, hl, flags, window, urgent);
            options.emit(b, off + OPTIONS);
            for (int i = off + OPTIONS + n; i < off + hl; i++) {
                b[i] = OPT_EOL;
            }
            return hl;
        }

        public boolean has(int flag) {
            return (flags & flag) == flag;
        }

        /** Sequence space this segment uses for {@code payloadLength} bytes: SYN and FIN count one each. */
        public int sequenceLength(int payloadLength) {
            return payloadLength + ((flags & SYN) != 0 ? 1 : 0) + ((flags & FIN) != 0 ? 1 : 0);
        }

        private static void checkU16(String what, int v) {
            if (v < 0 || v > 0xffff) {
                throw new IllegalArgumentException("TCP " + what + " " + v + ": expected 0 to 65535");
            }
        }
    }

    /**
     * The options Linux sends and understands. Absent values are -1 ({@code mss},
     * {@code windowScale}) or false; {@code tsVal} and {@code tsEcr} are unsigned 32-bit values
     * (zero without timestamps). {@link #emit} lays them out as Linux's
     * {@code tcp_options_write()} does, every option padded to a 32-bit word:
     *
     * <pre>
     *   SYN:   02 04 mm mm | 04 02 08 0a | tsval | tsecr | 01 03 03 ws   mss, sackOK, TS, nop, wscale
     *   data:                01 01 08 0a | tsval | tsecr                 nop, nop, TS
     *   SACK:  01 01 05 0a | left | right | ...                          nop, nop, sack
     * </pre>
     *
     * {@link #parse} accepts any order, skips unknown kinds and stops at EOL. A known option with
     * the wrong length, or a length that runs past the header, is a malformed header.
     */
    public record Options(int mss, int windowScale, boolean sackPermitted, long tsVal, long tsEcr,
                          boolean timestamps, List<SackBlock> sackBlocks) {
        /** No options at all. */
        public static final Options NONE = new Options(-1, -1, false, 0, 0, false, List.of());

        public Options {
            if (mss < -1 || mss > 0xffff) {
                throw new IllegalArgumentException("TCP MSS " + mss + ": expected 0 to 65535, or -1 for none");
            }
            if (windowScale < -1 || windowScale > 0xff) {
                throw new IllegalArgumentException("TCP window scale " + windowScale
                    + ": expected 0 to 14 (255 at most on the wire), or -1 for none");
            }
            if ((tsVal & ~0xFFFF_FFFFL) != 0 || (tsEcr & ~0xFFFF_FFFFL) != 0) {
                throw new IllegalArgumentException("TCP timestamps " + tsVal + "/" + tsEcr
                    + ": expected 32-bit values");
            }
            if (!timestamps && (tsVal != 0 || tsEcr != 0)) {
                throw new IllegalArgumentException("TCP tsVal/tsEcr set without the timestamps option");
            }
            if (sackBlocks == null || sackBlocks.size() > 4) {
                throw new IllegalArgumentException("TCP SACK blocks: expected a list of at most 4, got "
                    + (sackBlocks == null ? "null" : sackBlocks.size()));
            }
            sackBlocks = List.copyOf(sackBlocks);
        }

        /** What Linux puts on a SYN or SYN-ACK with SACK, timestamps and window scaling on. */
        public static Options syn(int mss, int windowScale, long tsVal, long tsEcr) {
            return new Options(mss, windowScale, true, tsVal, tsEcr, true, List.of());
        }

        /** What Linux puts on every segment of a connection that negotiated timestamps. */
        public static Options timestamps(long tsVal, long tsEcr) {
            return new Options(-1, -1, false, tsVal, tsEcr, true, List.of());
        }

        /** These options with the given SACK blocks. */
        public Options withSack(List<SackBlock> blocks) {
            return new Options(mss, windowScale, sackPermitted, tsVal, tsEcr, timestamps, blocks);
        }

        /** Bytes {@link #emit} writes: a multiple of 4. */
        public int length() {
            int n = mss >= 0 ? 4 : 0;
            if (timestamps) {
                n += 12; // sackOK, if any, takes the two NOP slots in front of TS
            } else if (sackPermitted) {
                n += 4;
            }
            n += windowScale >= 0 ? 4 : 0;
            return n + (sackBlocks.isEmpty() ? 0 : 4 + 8 * sackBlocks.size());
        }

        /** Writes the options at {@code off} in Linux's layout; returns {@link #length()}. */
        public int emit(byte[] b, int off) {
            int n = length();
            if (n > MAX_OPTIONS_LENGTH) {
                throw new IllegalArgumentException("TCP options need " + n + " bytes, more than the "
                    + MAX_OPTIONS_LENGTH + " a header has room for (Linux sends at most 3 SACK blocks with TS)");
            }
            int i = off;
            if (mss >= 0) {
                i = word(b, i, OPT_MSS, 4, mss >>> 8, mss);
            }
            if (timestamps) {
                i = sackPermitted ? word(b, i, OPT_SACK_PERM, 2, OPT_TIMESTAMP, 10)
                                  : word(b, i, OPT_NOP, OPT_NOP, OPT_TIMESTAMP, 10);
                Bytes.put32(b, i, tsVal);
                Bytes.put32(b, i + 4, tsEcr);
                i += 8;
            } else if (sackPermitted) {
                i = word(b, i, OPT_NOP, OPT_NOP, OPT_SACK_PERM, 2);
            }
            if (windowScale >= 0) {
                i = word(b, i, OPT_NOP, OPT_WSCALE, 3, windowScale);
            }
            if (!sackBlocks.isEmpty()) {
                i = word(b, i, OPT_NOP, OPT_NOP, OPT_SACK, 2 + 8 * sackBlocks.size());
                for (SackBlock s : sackBlocks) {
                    Bytes.put32(b, i, s.left());
                    Bytes.put32(b, i + 4, s.right());
                    i += 8;
                }
            }
            return i - off;
        }

        private static int word(byte[] b, int i, int b0, int b1, int b2, int b3) {
            b[i] = (byte) b0;
            b[i + 1] = (byte) b1;
            b[i + 2] = (byte) b2;
            b[i + 3] = (byte) b3;
            return i + 4;
        }

        /** Parses {@code len} option bytes at {@code off}; IllegalArgumentException says what is malformed. */
        public static Options parse(byte[] b, int off, int len) {
            String problem = validate(b, off, len);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            int mss = -1;
            int ws = -1;
            boolean sackOk = false;
            boolean ts = false;
            long tsVal = 0;
            long tsEcr = 0;
            List<SackBlock> sacks = List.of();
            int end = off + len;
            for (int i = off; i < end; ) {
                int kind = b[i] & 0xff;
                if (kind == OPT_EOL) {
                    break;
                }
                if (kind == OPT_NOP) {
                    i++;
                    continue;
                }
                int l = b[i + 1] & 0xff;
                switch (kind) {
                    case OPT_MSS -> mss = Bytes.u16(b, i + 2);
                    case OPT_WSCALE -> ws = b[i + 2] & 0xff;
                    case OPT_SACK_PERM -> sackOk = true;
                    case OPT_TIMESTAMP -> {
                        ts = true;
                        tsVal = Bytes.u32(b, i + 2);
                        tsEcr = Bytes.u32(b, i + 6);
                    }
                    case OPT_SACK -> {
                        SackBlock[] blocks = new SackBlock[(l - 2) / 8];
                        for (int k = 0; k < blocks.length; k++) {
                            blocks[k] = new SackBlock(Bytes.i32(b, i + 2 + 8 * k), Bytes.i32(b, i + 6 + 8 * k));
                        }
                        sacks = List.of(blocks);
                    }
                    default -> {
                        // Unknown kinds are skipped by their length, as Linux's tcp_parse_options() does.
                    }
                }
                i += l;
            }
            return new Options(mss, ws, sackOk, tsVal, tsEcr, ts, sacks);
        }

        /**
         * Why the {@code len} option bytes at {@code off} are malformed, or null if they are not:
         * a kind without a length byte, a length below 2 or past the end, or a known kind whose
         * length is not the one its RFC gives. Never throws on bad bytes.
         */
        public static String validate(byte[] b, int off, int len) {
            if (off < 0 || len < 0 || off > b.length - len) {
                return "TCP options range " + off + "+" + len + " outside a " + b.length + "-byte buffer";
            }
            int end = off + len;
            for (int i = off; i < end; ) {
                int kind = b[i] & 0xff;
                if (kind == OPT_EOL) {
                    return null;
                }
                if (kind == OPT_NOP) {
                    i++;
                    continue;
                }
                String what = "TCP option " + kindName(kind) + " at option byte " + (i - off);
                if (i + 1 >= end) {
                    return what + " has no length byte";
                }
                int l = b[i + 1] & 0xff;
                if (l < 2) {
                    return what + " has length " + l + ", expected at least 2";
                }
                if (l > end - i) {
                    return what + " has length " + l + " but only " + (end - i) + " option bytes remain";
                }
                int want = switch (kind) {
                    case OPT_MSS -> 4;
                    case OPT_WSCALE -> 3;
                    case OPT_SACK_PERM -> 2;
                    case OPT_TIMESTAMP -> 10;
                    default -> -1;
                };
                if (want >= 0 && l != want) {
                    return what + " has length " + l + ", expected " + want;
                }
                if (kind == OPT_SACK && (l < 10 || l > 34 || (l - 2) % 8 != 0)) {
                    return what + " has length " + l + ", expected 2 + 8 per block, 1 to 4 blocks";
                }
                i += l;
            }
            return null;
        }

        /** tcpdump's name for an option kind: mss, wscale, sackOK, sack, TS, or "kind N". */
        public static String kindName(int kind) {
            return switch (kind) {
                case OPT_EOL -> "eol";
                case OPT_NOP -> "nop";
                case OPT_MSS -> "mss";
                case OPT_WSCALE -> "wscale";
                case OPT_SACK_PERM -> "sackOK";
                case OPT_SACK -> "sack";
                case OPT_TIMESTAMP -> "TS";
                default -> "kind " + kind;
            };
        }
    }

    /** A SACK block (RFC 2018): sequence numbers {@code [left, right)}, unsigned like seq. */
    public record SackBlock(int left, int right) {
    }

    /** Shorthand for a list of SACK blocks, as used by {@link Options}. */
    public static List<SackBlock> sack(int... edges) {
        if ((edges.length & 1) != 0) {
            throw new IllegalArgumentException("SACK edges come in pairs, got " + edges.length);
        }
        SackBlock[] blocks = new SackBlock[edges.length / 2];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new SackBlock(edges[2 * i], edges[2 * i + 1]);
        }
        return List.of(blocks);
    }
}
