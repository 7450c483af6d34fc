package io.knetsim.addr;

/**
 * An IPv4 prefix such as {@code 11.0.0.0/8}. {@link #parse} keeps the host bits as written
 * ({@code 10.0.0.3/8} is an interface address); {@link #network()} clears them.
 */
public record Cidr(Ipv4Address address, int prefixLength) {
    public Cidr {
        if (address == null) {
            throw new IllegalArgumentException("address is null");
        }
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("invalid prefix length /" + prefixLength + ": expected 0 to 32");
        }
    }

    /** Parses {@code A.B.C.D/N}; a bare address is taken as /32. */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("invalid CIDR: null");
        }
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        Integer bits = Ipv4Address.tryParseBits(addr);
        if (bits == null) {
            throw new IllegalArgumentException("invalid CIDR '" + text
                + "': expected an IPv4 address and prefix length such as 10.0.0.0/8");
        }
        int len = 32;
        if (slash >= 0) {
            len = prefixLength(text, slash + 1);
        }
        return new Cidr(new Ipv4Address(bits), len);
    }

    /** The one- or two-digit prefix length at {@code from}, 0 to 32. */
    private static int prefixLength(String text, int from) {
        int n = text.length() - from;
        int len = -1;
        if (n == 1 || n == 2) {
            len = 0;
            for (int i = from; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    len = -1;
                    break;
                }
                len = len * 10 + (c - '0');
            }
        }
        if (len < 0 || len > 32) {
            throw new IllegalArgumentException("invalid CIDR '" + text + "': prefix length must be 0 to 32");
        }
        return len;
    }

    public static Cidr of(Ipv4Address network, int prefixLength) {
        return new Cidr(network, prefixLength);
    }

    /** The netmask bits: /20 is 0xFFFFF000. */
    public static int maskBits(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    public int mask() {
        return maskBits(prefixLength);
    }

    public Ipv4Address netmask() {
        return new Ipv4Address(mask());
    }

    /** The prefix with host bits cleared. */
    public Cidr network() {
        int net = address.bits() & mask();
        return net == address.bits() ? this : new Cidr(new Ipv4Address(net), prefixLength);
    }

    public Ipv4Address broadcast() {
        return new Ipv4Address(address.bits() | ~mask());
    }

    public boolean contains(Ipv4Address a) {
        return contains(a.bits());
    }

    public boolean contains(int bits) {
        int m = mask();
        return (bits & m) == (address.bits() & m);
    }

    public boolean contains(Cidr other) {
        return other.prefixLength >= prefixLength && contains(other.address);
    }

    public boolean overlaps(Cidr other) {
        return contains(other.address) || other.contains(address);
    }

    /** Number of addresses in the prefix. */
    public long size() {
        return 1L << (32 - prefixLength);
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
