package io.knetsim.netfilter.nft;

import io.knetsim.addr.Ipv4Address;
import java.util.Locale;
import java.util.Map;

/**
 * The data types of nft expressions and set keys ({@code nft describe}): the name in
 * {@code type ipv4_addr}, the description used in type errors, how a constant is parsed
 * and how a value is listed. Scalar values are {@code Long}s, interface names
 * {@code String}s, verdicts {@link NftVerdict}s.
 */
public enum DataType {
    IPV4_ADDR("ipv4_addr", "IPv4 address", 32),
    INET_SERVICE("inet_service", "internet network service", 16),
    INET_PROTO("inet_proto", "Internet protocol", 8),
    IFNAME("ifname", "network interface name", 0),
    MARK("mark", "packet mark", 32),
    INTEGER("integer", "integer", 32),
    ICMP_TYPE("icmp_type", "ICMP type", 8),
    TCP_FLAG("tcp_flag", "TCP flag", 8),
    NFPROTO("nf_proto", "netfilter protocol", 8),
    CT_STATE("ct_state", "conntrack state", 32),
    CT_STATUS("ct_status", "conntrack status", 32),
    FIB_ADDRTYPE("fib_addrtype", "fib address type", 32),
    VERDICT("verdict", "netfilter verdict", 0);

    private static final Map<String, Long> SERVICES = Map.ofEntries(Map.entry("ftp", 21L), Map.entry("ssh", 22L),
        Map.entry("telnet", 23L), Map.entry("smtp", 25L), Map.entry("domain", 53L), Map.entry("http", 80L),
        Map.entry("ntp", 123L), Map.entry("https", 443L), Map.entry("bootps", 67L), Map.entry("bootpc", 68L));
    private static final String[] ICMP_TYPES = {"echo-reply", null, null, "destination-unreachable", "source-quench",
        "redirect", null, null, "echo-request", "router-advertisement", "router-solicitation", "time-exceeded",
        "parameter-problem", "timestamp-request", "timestamp-reply", "info-request", "info-reply",
        "address-mask-request", "address-mask-reply"};
    private static final String[] CT_STATES = {"invalid", "established", "related", "new", null, null, "untracked"};
    private static final String[] CT_STATUSES = {"expected", "seen-reply", "assured", "confirmed", "snat", "dnat",
        null, null, null, "dying"};
    private static final String[] FIB_ADDRTYPES = {"unspec", "unicast", "local", "broadcast", "anycast", "multicast",
        "blackhole", "unreachable", "prohibit"};
    private static final String[] TCP_FLAGS = {"fin", "syn", "rst", "psh", "ack", "urg", "ecn", "cwr"};

    private final String name;
    private final String description;
    private final int bits;

    DataType(String name, String description, int bits) {
        this.name = name;
        this.description = description;
        this.bits = bits;
    }

    /** The name in a set declaration: {@code type ipv4_addr}. */
    public String typeName() {
        return name;
    }

    /** The words nft uses in errors: {@code datatype mismatch, expected IPv4 address, ...}. */
    public String description() {
        return description;
    }

    /** Width in bits of a scalar value (0 for strings and verdicts). */
    public int bits() {
        return bits;
    }

    /** The type named {@code w} in a set declaration. */
    public static DataType byName(String w) {
        for (DataType t : values()) {
            if (t.name.equals(w)) {
                return t;
            }
        }
        return null;
    }

    /**
     * Parses a constant of this type: an address, a number (decimal or 0x hex), a service or
     * protocol name, an interface name, an ICMP type or TCP flag name.
     *
     * @throws NftException with nft's message when the word is not a value of this type
     */
    public Object parse(String w) {
        switch (this) {
            case IPV4_ADDR -> {
                if (!Ipv4Address.isValid(w)) {
                    throw new NftException("Could not resolve hostname: Name or service not known");
                }
                return (long) Ipv4Address.parse(w).bits() & 0xffffffffL;
            }
            case IFNAME -> {
                return w;
            }
            case INET_SERVICE -> {
                Long n = number(w);
                if (n == null) {
                    n = SERVICES.get(w);
                    if (n == null) {
                        throw new NftException("Could not resolve service: Servname not supported for ai_socktype");
                    }
                }
                return checkWidth(n, w);
            }
            case INET_PROTO -> {
                Long n = number(w);
                if (n != null) {
                    return checkWidth(n, w);
                }
                return switch (w) {
                    case "icmp" -> 1L;
                    case "tcp" -> 6L;
                    case "udp" -> 17L;
                    default -> throw new NftException("Could not resolve protocol name");
                };
            }
            case ICMP_TYPE -> {
                for (int i = 0; i < ICMP_TYPES.length; i++) {
                    if (w.equals(ICMP_TYPES[i])) {
                        return (long) i;
                    }
                }
                Long n = number(w);
                if (n == null) {
                    throw new NftException("Could not parse ICMP type");
                }
                return checkWidth(n, w);
            }
            case TCP_FLAG -> {
                for (int i = 0; i < TCP_FLAGS.length; i++) {
                    if (w.equals(TCP_FLAGS[i])) {
                        return 1L << i;
                    }
                }
                Long n = number(w);
                if (n == null) {
                    throw new NftException("Could not parse TCP flag");
                }
                return checkWidth(n, w);
            }
            case CT_STATE -> {
                for (int i = 0; i < CT_STATES.length; i++) {
                    if (w.equals(CT_STATES[i])) {
                        return 1L << i;
                    }
                }
                Long n = number(w);
                if (n == null) {
                    throw new NftException("Could not parse conntrack state");
                }
                return checkWidth(n, w);
            }
            case CT_STATUS -> {
                for (int i = 0; i < CT_STATUSES.length; i++) {
                    if (w.equals(CT_STATUSES[i])) {
                        return 1L << i;
                    }
                }
                Long n = number(w);
                if (n == null) {
                    throw new NftException("Could not parse conntrack status");
                }
                return checkWidth(n, w);
            }
            case FIB_ADDRTYPE -> {
                for (int i = 0; i < FIB_ADDRTYPES.length; i++) {
                    if (w.equals(FIB_ADDRTYPES[i])) {
                        return (long) i;
                    }
                }
                Long n = number(w);
                if (n == null) {
                    throw new NftException("Could not parse fib address type");
                }
                return checkWidth(n, w);
            }
            case NFPROTO -> {
                return switch (w) {
                    case "ipv4" -> 2L;
                    case "ipv6" -> 10L;
                    default -> {
                        Long n = number(w);
                        if (n == null) {
                            throw new NftException("Could not parse netfilter protocol");
                        }
                        yield checkWidth(n, w);
                    }
                };
            }
            case MARK, INTEGER -> {
                Long n = number(w);
                if (n == null) {
                    throw new NftException("Could not parse " + description);
                }
                return checkWidth(n, w);
            }
            default -> throw new NftException("Could not parse " + description);
        }
    }

    private Long checkWidth(long n, String w) {
        if (bits < 64 && (n >>> bits) != 0) {
            throw new NftException("Value " + w + " exceeds valid range 0-" + ((1L << bits) - 1));
        }
        return n;
    }

    /** A decimal or {@code 0x} hex number, or null. */
    public static Long number(String w) {
        try {
            if (w.startsWith("0x") || w.startsWith("0X")) {
                return Long.parseLong(w.substring(2), 16);
            }
            if (!w.isEmpty() && Character.isDigit(w.charAt(0))) {
                return Long.parseLong(w);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    /** A value as {@code nft list} writes it (services as numbers, marks in 0x%08x). */
    public String format(Object v) {
        switch (this) {
            case IPV4_ADDR -> {
                return new Ipv4Address((int) (long) (Long) v).toString();
            }
            case IFNAME -> {
                return "\"" + v + "\"";
            }
            case INET_PROTO -> {
                long n = (Long) v;
                return n == 1 ? "icmp" : n == 6 ? "tcp" : n == 17 ? "udp" : Long.toString(n);
            }
            case ICMP_TYPE -> {
                long n = (Long) v;
                return n < ICMP_TYPES.length && ICMP_TYPES[(int) n] != null ? ICMP_TYPES[(int) n] : Long.toString(n);
            }
            case TCP_FLAG -> {
                long n = (Long) v;
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < TCP_FLAGS.length; i++) {
                    if ((n & (1L << i)) != 0) {
                        sb.append(sb.length() == 0 ? "" : " | ").append(TCP_FLAGS[i]);
                    }
                }
                return sb.length() == 0 ? "0x0" : sb.toString();
            }
            case CT_STATE -> {
                long n = (Long) v;
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < CT_STATES.length; i++) {
                    if ((n & (1L << i)) != 0 && CT_STATES[i] != null) {
                        sb.append(sb.length() == 0 ? "" : ",").append(CT_STATES[i]);
                    }
                }
                return sb.length() == 0 ? "0x0" : sb.toString();
            }
            case CT_STATUS -> {
                long n = (Long) v;
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < CT_STATUSES.length; i++) {
                    if ((n & (1L << i)) != 0 && CT_STATUSES[i] != null) {
                        sb.append(sb.length() == 0 ? "" : ",").append(CT_STATUSES[i]);
                    }
                }
                return sb.length() == 0 ? "0x0" : sb.toString();
            }
            case FIB_ADDRTYPE -> {
                long n = (Long) v;
                return n < FIB_ADDRTYPES.length ? FIB_ADDRTYPES[(int) n] : Long.toString(n);
            }
            case NFPROTO -> {
                long n = (Long) v;
                return n == 2 ? "ipv4" : n == 10 ? "ipv6" : Long.toString(n);
            }
            case MARK -> {
                return String.format(Locale.ROOT, "0x%08x", (Long) v);
            }
            case VERDICT -> {
                return ((NftVerdict) v).format();
            }
            default -> {
                return Long.toString((Long) v);
            }
        }
    }
}
