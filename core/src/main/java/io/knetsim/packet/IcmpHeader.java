package io.knetsim.packet;

/**
 * ICMP (RFC 792, RFC 1191). The first 8 bytes: type, code, checksum, and a 4-byte field whose
 * meaning depends on the type (echo: identifier and sequence; fragmentation needed: the
 * next-hop MTU in the low 16 bits). Error messages then carry the offending IP header and
 * the first 8 bytes of its payload.
 *
 * <pre>
 *  0       1       2               4
 *  +-------+-------+---------------+
 *  | type  | code  |   checksum    |
 *  +-------+-------+---------------+
 *  |  identifier   |   sequence    |   (echo)    | unused | next-hop MTU | (frag needed)
 *  +---------------+---------------+
 * </pre>
 */
public final class IcmpHeader {
    public static final int LENGTH = 8;
    public static final int TYPE = 0;
    public static final int CODE = 1;
    public static final int CHECKSUM = 2;
    public static final int ID = 4;
    public static final int SEQ = 6;
    public static final int MTU = 6;

    public static final int ECHO_REPLY = 0;
    public static final int DEST_UNREACHABLE = 3;
    public static final int ECHO_REQUEST = 8;
    public static final int TIME_EXCEEDED = 11;

    /** Destination unreachable codes. */
    public static final int NET_UNREACHABLE = 0;
    public static final int HOST_UNREACHABLE = 1;
    public static final int PROTOCOL_UNREACHABLE = 2;
    public static final int PORT_UNREACHABLE = 3;
    public static final int FRAG_NEEDED = 4;
    public static final int NET_PROHIBITED = 9;
    public static final int HOST_PROHIBITED = 10;
    public static final int ADMIN_PROHIBITED = 13;

    /** Time exceeded codes. */
    public static final int TTL_EXCEEDED = 0;
    public static final int REASSEMBLY_EXCEEDED = 1;

    private IcmpHeader() {
    }

    public static int type(byte[] b, int off) {
        return b[off + TYPE] & 0xff;
    }

    public static int code(byte[] b, int off) {
        return b[off + CODE] & 0xff;
    }

    public static int checksum(byte[] b, int off) {
        return Bytes.u16(b, off + CHECKSUM);
    }

    public static int id(byte[] b, int off) {
        return Bytes.u16(b, off + ID);
    }

    public static int seq(byte[] b, int off) {
        return Bytes.u16(b, off + SEQ);
    }

    public static int nextHopMtu(byte[] b, int off) {
        return Bytes.u16(b, off + MTU);
    }

    /** True for the error types whose body quotes an offending datagram. */
    public static boolean isError(int type) {
        return type == DEST_UNREACHABLE || type == TIME_EXCEEDED || type == 4 || type == 5 || type == 12;
    }

    /** Writes type, code and the 4-byte rest-of-header, leaving the checksum zero. */
    public static void write(byte[] b, int off, int type, int code, int restOfHeader) {
        b[off + TYPE] = (byte) type;
        b[off + CODE] = (byte) code;
        Bytes.put16(b, off + CHECKSUM, 0);
        Bytes.put32(b, off + ID, restOfHeader);
    }

    /** Computes the checksum over the ICMP message of {@code len} bytes (header and body). */
    public static void fillChecksum(byte[] b, int off, int len) {
        Bytes.put16(b, off + CHECKSUM, 0);
        Bytes.put16(b, off + CHECKSUM, Checksum.compute(b, off, len));
    }

    /** Parsed first 8 bytes. */
    public record Repr(int type, int code, int checksum, int restOfHeader) {
        public static Repr parse(byte[] b, int off) {
            return new Repr(IcmpHeader.type(b, off), IcmpHeader.code(b, off), IcmpHeader.checksum(b, off),
                Bytes.i32(b, off + ID));
        }

        public int id() {
            return restOfHeader >>> 16;
        }

        public int seq() {
            return restOfHeader & 0xffff;
        }

        /** Writes the 8 header bytes with the checksum field zero; call fillChecksum after the body. */
        public int emit(byte[] b, int off) {
            write(b, off, type, code, restOfHeader);
            return LENGTH;
        }
    }
}
