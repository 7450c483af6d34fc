package io.knetsim.addr;

/**
 * An IPv4 address held as its 32 bits in network order ({@code 10.0.0.1} is {@code 0x0A000001}).
 */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {
    public static final Ipv4Address ANY = new Ipv4Address(0);
    public static final Ipv4Address BROADCAST = new Ipv4Address(-1);
    public static final Ipv4Address LOOPBACK = new Ipv4Address(0x7F000001);

    /** Parses a dotted quad, e.g. {@code 10.0.0.3}. */
    public static Ipv4Address parse(String text) {
        Integer bits = tryParseBits(text);
        if (bits == null) {
            throw new IllegalArgumentException("invalid IPv4 address '" + text
                + "': expected four decimal numbers 0-255 separated by dots, e.g. 10.0.0.1");
        }
        return new Ipv4Address(bits);
    }

    /** True if {@code text} is a valid dotted quad. */
    public static boolean isValid(String text) {
        return tryParseBits(text) != null;
    }

    static Integer tryParseBits(String text) {
        if (text == null) {
            return null;
        }
        int bits = 0;
        int parts = 0;
        int i = 0;
        int n = text.length();
        while (i <= n) {
            int start = i;
            int value = 0;
            while (i < n && text.charAt(i) != '.') {
                char c = text.charAt(i);
                if (c < '0' || c > '9' || i - start >= 3) {
                    return null;
                }
                value = value * 10 + (c - '0');
                i++;
            }
            if (i == start || value > 255) {
                return null;
            }
            bits = (bits << 8) | value;
            parts++;
            i++;
            if (parts == 4) {
                return i == n + 1 ? bits : null;
            }
        }
        return null;
    }

    public static Ipv4Address of(int a, int b, int c, int d) {
        return new Ipv4Address((a << 24) | (b << 16) | (c << 8) | d);
    }

    public byte[] toBytes() {
        return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    public boolean isAny() {
        return bits == 0;
    }

    public boolean isLoopback() {
        return (bits >>> 24) == 127;
    }

    public boolean isMulticast() {
        return (bits >>> 28) == 0xE;
    }

    public boolean isLimitedBroadcast() {
        return bits == -1;
    }

    public Ipv4Address plus(int n) {
        return new Ipv4Address(bits + n);
    }

    @Override
    public int compareTo(Ipv4Address o) {
        return Integer.compareUnsigned(bits, o.bits);
    }

    /** Dotted-quad text for raw bits, without allocating an address object. */
    public static String format(int bits) {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }

    @Override
    public String toString() {
        return format(bits);
    }
}
