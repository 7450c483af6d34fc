package io.knetsim.packet;

import io.knetsim.addr.Ipv4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The data of one resource record, by type (RFC 1035 3.3, RFC 3596, RFC 2782, RFC 6891). Each
 * kind parses itself from the wire and writes itself back; {@link #text} is the master-file
 * form dig prints after the type. Types knetsim does not know are kept as {@link Unknown} bytes
 * (RFC 3597), so a message with them still parses.
 */
public sealed interface DnsRdata {
    /** The master-file text of the data, as dig prints it. */
    String text();

    /** Writes the data at {@code off} (compressing names where RFC 3597 allows); returns the end. */
    int emit(byte[] b, int off, Map<String, Integer> seen);

    /** An upper bound of what {@link #emit} writes. */
    int maxLength();

    /** A: an IPv4 address. */
    record A(Ipv4Address address) implements DnsRdata {
        public String text() {
            return address.toString();
        }

        public int emit(byte[] b, int off, Map<String, Integer> seen) {
            Bytes.put32(b, off, address.bits());
            return off + 4;
        }

        public int maxLength() {
            return 4;
        }
    }

    /** AAAA: an IPv6 address, 16 bytes (parsed and printed; knetsim's stack is IPv4 only). */
    record Aaaa(byte[] address) implements DnsRdata {
        public String text() {
            return ipv6(address);
        }

        public int emit(byte[] b, int off, Map<String, Integer> seen) {
            System.arraycopy(address, 0, b, off, 16);
            return off + 16;
        }

        public int maxLength() {
            return 16;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Aaaa a && java.util.Arrays.equals(address, a.address);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(address);
        }
    }

    /** CNAME, NS and PTR: one domain name. */
    record Name(String name) implements DnsRdata {
        public String text() {
            return DnsName.absolute(name);
        }

        public int emit(byte[] b, int off, Map<String, Integer> seen) {
            return DnsName.emit(name, b, off, seen);
        }

        public int maxLength() {
            return DnsName.maxWireLength(name);
        }
    }

    /** SRV (RFC 2782): priority, weight, port, target; the target is never compressed. */
    record Srv(int priority, int weight, int port, String target) implements DnsRdata {
        public String text() {
            return priority + " " + weight + " " + port + " " + DnsName.absolute(target);
        }

        public int emit(byte[] b, int off, Map<String, Integer> seen) {
            Bytes.put16(b, off, priority);
            Bytes.put16(b, off + 2, weight);
            Bytes.put16(b, off + 4, port);
            return DnsName.emit(target, b, off + 6, null);
        }

        public int maxLength() {
            return 6 + DnsName.maxWireLength(target);
        }
    }

    /** SOA: the zone's primary server, its mailbox, serial and timers (seconds). */
    record Soa(String mname, String rname, long serial, long refresh, long retry, long expire, long minimum)
        implements DnsRdata {
        public String text() {
            return DnsName.absolute(mname) + " " + DnsName.absolute(rname) + " " + serial + " " + refresh + " "
                + retry + " " + expire + " " + minimum;
        }

        public int emit(byte[] b, int off, Map<String, Integer> seen) {
            off = DnsName.emit(mname, b, off, seen);
            off = DnsName.emit(rname, b, off, seen);
            long[] v = {serial, refresh, retry, expire, minimum};
            for (long x : v) {
                Bytes.put32(b, off, x);
                off += 4;
            }
            return off;
        }

        public int maxLength() {
            return DnsName.maxWireLength(mname) + DnsName.maxWireLength(rname) + 20;
        }
    }

    /** TXT: one or more character strings of up to 255 bytes each. */
    record Txt(List<String> strings) implements DnsRdata {
        public Txt {
            strings = List.copyOf(strings);
            for (String s : strings) {
                if (s.getBytes(StandardCharsets.UTF_8).length > 255) {
                    throw new IllegalArgumentException("TXT string longer than 255 bytes");
                }
            }
        }

        public String text() {
            StringBuilder sb = new StringBuilder();
            for (String s : strings) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            return sb.toString();
        }

        public int emit(byte[] b, int off, Map<String, Integer> seen) {
            for (String s : strings) {
                byte[] u = s.getBytes(StandardCharsets.UTF_8);
                b[off++] = (byte) u.length;
                System.arraycopy(u, 0, b, off, u.length);
                off += u.length;
            }
            return off;
        }

        public int maxLength() {
            int n = 0;
            for (String s : strings) {
                n += 1 + s.getBytes(StandardCharsets.UTF_8).length;
            }
            return n;
        }
    }

    /** Bytes of a type knetsim does not interpret (OPT's options among them), printed as RFC 3597 says. */
    record Unknown(byte[] data) implements DnsRdata {
        public String text() {
            return "\\# " + data.length + (data.length == 0 ? "" : " " + HexFormat.of().withUpperCase().formatHex(data));
        }

        public int emit(byte[] b, int off, Map<String, Integer> seen) {
            System.arraycopy(data, 0, b, off, data.length);
            return off + data.length;
        }

        public int maxLength() {
            return data.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && java.util.Arrays.equals(data, u.data);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(data);
        }
    }

    /**
     * Reads the data of a record of {@code type} at {@code off}, {@code len} bytes long, in the
     * message starting at {@code msg}; the data must use exactly its declared length.
     */
    static DnsRdata parse(int type, byte[] b, int msg, int off, int len) throws DnsFormatException {
        int end = off + len;
        switch (type) {
            case DnsMessage.TYPE_A -> {
                exact(type, len, 4);
                return new A(new Ipv4Address(Bytes.i32(b, off)));
            }
            case DnsMessage.TYPE_AAAA -> {
                exact(type, len, 16);
                byte[] a = new byte[16];
                System.arraycopy(b, off, a, 0, 16);
                return new Aaaa(a);
            }
            case DnsMessage.TYPE_CNAME, DnsMessage.TYPE_NS, DnsMessage.TYPE_PTR -> {
                DnsName.Parsed n = DnsName.parse(b, msg, off, end);
                used(type, n.end(), end);
                return new Name(n.name());
            }
            case DnsMessage.TYPE_SRV -> {
                if (len < 7) {
                    throw new DnsFormatException(DnsMessage.typeName(type) + " data of " + len + " bytes, expected at least 7");
                }
                DnsName.Parsed n = DnsName.parse(b, msg, off + 6, end);
                used(type, n.end(), end);
                return new Srv(Bytes.u16(b, off), Bytes.u16(b, off + 2), Bytes.u16(b, off + 4), n.name());
            }
            case DnsMessage.TYPE_SOA -> {
                DnsName.Parsed m = DnsName.parse(b, msg, off, end);
                DnsName.Parsed r = DnsName.parse(b, msg, m.end(), end);
                if (end - r.end() != 20) {
                    throw new DnsFormatException("SOA data: " + (end - r.end()) + " bytes of serial and timers, expected 20");
                }
                int p = r.end();
                return new Soa(m.name(), r.name(), Bytes.u32(b, p), Bytes.u32(b, p + 4), Bytes.u32(b, p + 8),
                    Bytes.u32(b, p + 12), Bytes.u32(b, p + 16));
            }
            case DnsMessage.TYPE_TXT -> {
                if (len == 0) {
                    throw new DnsFormatException("TXT data is empty, expected at least one string");
                }
                List<String> strings = new ArrayList<>();
                int p = off;
                while (p < end) {
                    int n = b[p] & 0xff;
                    if (p + 1 + n > end) {
                        throw new DnsFormatException("TXT string at " + (p - msg) + " runs past its record");
                    }
                    strings.add(new String(b, p + 1, n, StandardCharsets.UTF_8));
                    p += 1 + n;
                }
                return new Txt(strings);
            }
            default -> {
                byte[] d = new byte[len];
                System.arraycopy(b, off, d, 0, len);
                return new Unknown(d);
            }
        }
    }

    private static void exact(int type, int len, int want) throws DnsFormatException {
        if (len != want) {
            throw new DnsFormatException(DnsMessage.typeName(type) + " data of " + len + " bytes, expected " + want);
        }
    }

    private static void used(int type, int at, int end) throws DnsFormatException {
        if (at != end) {
            throw new DnsFormatException(DnsMessage.typeName(type) + " data: " + (end - at)
                + " bytes left after the name");
        }
    }

    /** An IPv6 address as inet_ntop writes it. */
    static String ipv6(byte[] a) {
        return io.knetsim.addr.Ipv6Text.format(a, 0);
    }
}
