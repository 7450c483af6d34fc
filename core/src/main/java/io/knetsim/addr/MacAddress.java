package io.knetsim.addr;

/** A 48-bit Ethernet MAC address held in the low bits of a long. */
public record MacAddress(long bits) {
    public static final MacAddress ZERO = new MacAddress(0);
    public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);

    public MacAddress {
        if ((bits & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("MAC address wider than 48 bits");
        }
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff} (also with dashes). */
    public static MacAddress parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("[:-]", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("invalid MAC address '" + text
                + "': expected six hex bytes such as 0a:58:0a:f4:01:02");
        }
        long bits = 0;
        for (String p : parts) {
            if (!p.matches("[0-9a-fA-F]{1,2}")) {
                throw new IllegalArgumentException("invalid MAC address '" + text
                    + "': expected six hex bytes such as 0a:58:0a:f4:01:02");
            }
            bits = (bits << 8) | Integer.parseInt(p, 16);
        }
        return new MacAddress(bits);
    }

    /** Reads six bytes at {@code off}. */
    public static long read(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }

    /** Writes six bytes at {@code off}. */
    public static void write(byte[] b, int off, long bits) {
        for (int i = 5; i >= 0; i--) {
            b[off + i] = (byte) bits;
            bits >>>= 8;
        }
    }

    public static boolean isMulticast(long bits) {
        return (bits & 0x0100_0000_0000L) != 0;
    }

    public boolean isBroadcast() {
        return bits == BROADCAST.bits;
    }

    public boolean isMulticast() {
        return isMulticast(bits);
    }

    public boolean isZero() {
        return bits == 0;
    }

    public byte[] toBytes() {
        byte[] b = new byte[6];
        write(b, 0, bits);
        return b;
    }

    public static String format(long bits) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            int v = (int) (bits >>> (8 * i)) & 0xff;
            sb.append(Character.forDigit(v >>> 4, 16)).append(Character.forDigit(v & 0xf, 16));
            if (i > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format(bits);
    }
}
