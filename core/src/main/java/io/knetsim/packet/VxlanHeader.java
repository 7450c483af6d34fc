package io.knetsim.packet;

/**
 * VXLAN header (RFC 7348), 8 bytes, carried in UDP in front of the inner Ethernet frame.
 * Only the I flag (a valid VNI is present) is defined; every reserved bit is sent as zero.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |R|R|R|R|I|R|R|R|            Reserved                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                VXLAN Network Identifier (VNI) |   Reserved    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *   outer Ethernet | outer IPv4 | UDP (dst 8472 or 4789) | VXLAN | inner Ethernet frame
 *        14              20              8                   8
 * </pre>
 */
public final class VxlanHeader {
    public static final int LENGTH = 8;
    public static final int FLAGS = 0;
    public static final int VNI = 4;

    /** The I flag: the VNI field is valid. */
    public static final int FLAG_I = 0x08;
    /** Largest 24-bit VNI. */
    public static final int MAX_VNI = 0xFF_FFFF;
    /** IANA-assigned UDP port (RFC 7348). */
    public static final int DEFAULT_PORT = 4789;
    /** The port Linux's vxlan driver used before IANA's, and flannel's VXLAN backend still uses. */
    public static final int LINUX_FLANNEL_PORT = 8472;
    /** Outer headers a VXLAN device adds: Ethernet, IPv4, UDP, VXLAN (the 1450-byte MTU's 50). */
    public static final int ENCAP_OVERHEAD = EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH + UdpHeader.LENGTH + LENGTH;

    private VxlanHeader() {
    }

    public static int flags(byte[] b, int off) {
        return b[off + FLAGS] & 0xff;
    }

    public static int vni(byte[] b, int off) {
        return ((b[off + VNI] & 0xff) << 16) | ((b[off + VNI + 1] & 0xff) << 8) | (b[off + VNI + 2] & 0xff);
    }

    /** True when the I flag is set, as Linux's vxlan_rcv() requires before it looks at the VNI. */
    public static boolean isValid(byte[] b, int off) {
        return (flags(b, off) & FLAG_I) != 0;
    }

    /** True if {@code len} bytes at {@code off} hold a whole header inside {@code b}. */
    public static boolean canParse(byte[] b, int off, int len) {
        return off >= 0 && len >= LENGTH && off <= b.length - len;
    }

    public static void setVni(byte[] b, int off, int vni) {
        checkVni(vni);
        b[off + VNI] = (byte) (vni >>> 16);
        b[off + VNI + 1] = (byte) (vni >>> 8);
        b[off + VNI + 2] = (byte) vni;
    }

    /** Writes a header with the I flag, the VNI and all reserved bits zero. */
    public static void write(byte[] b, int off, int vni) {
        checkVni(vni);
        b[off + FLAGS] = (byte) FLAG_I;
        b[off + 1] = 0;
        b[off + 2] = 0;
        b[off + 3] = 0;
        setVni(b, off, vni);
        b[off + 7] = 0;
    }

    private static void checkVni(int vni) {
        if (vni < 0 || vni > MAX_VNI) {
            throw new IllegalArgumentException("VXLAN VNI " + vni + ": expected 0 to " + MAX_VNI);
        }
    }

    /** Parsed form: the flags byte as received, and the VNI. */
    public record Repr(int flags, int vni) {
        public Repr {
            if (flags < 0 || flags > 0xff) {
                throw new IllegalArgumentException("VXLAN flags 0x" + Integer.toHexString(flags) + ": expected 8 bits");
            }
            checkVni(vni);
        }

        /** A header as Linux sends it: I flag set. */
        public static Repr of(int vni) {
            return new Repr(FLAG_I, vni);
        }

        /** Parses 8 bytes at {@code off}; IllegalArgumentException if fewer remain in {@code b}. */
        public static Repr parse(byte[] b, int off) {
            if (!canParse(b, off, b.length - off)) {
                throw new IllegalArgumentException("VXLAN header truncated: " + Math.max(0, b.length - off)
                    + " bytes at offset " + off + ", need " + LENGTH);
            }
            return new Repr(VxlanHeader.flags(b, off), VxlanHeader.vni(b, off));
        }

        public boolean isValid() {
            return (flags & FLAG_I) != 0;
        }

        /** Writes the flags and VNI with the reserved bytes zero; returns 8. */
        public int emit(byte[] b, int off) {
            write(b, off, vni);
            b[off + FLAGS] = (byte) flags;
            return LENGTH;
        }
    }
}
