package io.knetsim.packet;

/**
 * UDP header (RFC 768), 8 bytes. The checksum covers an IPv4 pseudo-header, the header and
 * the payload; a computed value of 0 is sent as 0xFFFF, and 0 on the wire means "none".
 *
 * <pre>
 *  0               2               4               6               8
 *  +---------------+---------------+---------------+---------------+
 *  |  source port  |   dest port   |    length     |   checksum    |
 *  +---------------+---------------+---------------+---------------+
 * </pre>
 */
public final class UdpHeader {
    public static final int LENGTH = 8;
    public static final int SRC_PORT = 0;
    public static final int DST_PORT = 2;
    public static final int LEN = 4;
    public static final int CHECKSUM = 6;

    private UdpHeader() {
    }

    public static int srcPort(byte[] b, int off) {
        return Bytes.u16(b, off + SRC_PORT);
    }

    public static int dstPort(byte[] b, int off) {
        return Bytes.u16(b, off + DST_PORT);
    }

    public static int length(byte[] b, int off) {
        return Bytes.u16(b, off + LEN);
    }

    public static int checksum(byte[] b, int off) {
        return Bytes.u16(b, off + CHECKSUM);
    }

    public static void write(byte[] b, int off, int srcPort, int dstPort, int length) {
        Bytes.put16(b, off + SRC_PORT, srcPort);
        Bytes.put16(b, off + DST_PORT, dstPort);
        Bytes.put16(b, off + LEN, length);
        Bytes.put16(b, off + CHECKSUM, 0);
    }

    /** Fills the checksum of a datagram of {@code length} bytes (header + payload) at {@code off}. */
    public static void fillChecksum(byte[] b, int off, int length, int srcIp, int dstIp) {
        Bytes.put16(b, off + CHECKSUM, 0);
        int c = Checksum.transport(srcIp, dstIp, Ipv4Header.PROTO_UDP, b, off, length);
        Bytes.put16(b, off + CHECKSUM, c == 0 ? 0xffff : c);
    }

    /** True when the checksum verifies or is absent (0). */
    public static boolean checksumValid(byte[] b, int off, int length, int srcIp, int dstIp) {
        return checksum(b, off) == 0 || Checksum.verifyTransport(srcIp, dstIp, Ipv4Header.PROTO_UDP, b, off, length);
    }

    /** Parsed form. */
    public record Repr(int srcPort, int dstPort, int length, int checksum) {
        public static Repr parse(byte[] b, int off) {
            return new Repr(UdpHeader.srcPort(b, off), UdpHeader.dstPort(b, off), UdpHeader.length(b, off),
                UdpHeader.checksum(b, off));
        }

        /** Writes the header with a zero checksum; call fillChecksum once the payload is in place. */
        public int emit(byte[] b, int off) {
            write(b, off, srcPort, dstPort, length);
            return LENGTH;
        }
    }
}
