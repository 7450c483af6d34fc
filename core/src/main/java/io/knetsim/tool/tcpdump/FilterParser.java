package io.knetsim.tool.tcpdump;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.addr.MacAddress;
import io.knetsim.net.PacketTap;
import io.knetsim.tool.tcpdump.FilterLexer.Kind;
import io.knetsim.tool.tcpdump.FilterLexer.Token;
import io.knetsim.tool.tcpdump.FilterPrimitives.Dir;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A recursive-descent parser for the pcap-filter(7) subset knetsim handles, with libpcap's rules:
 *
 * <pre>
 *   expr      := term ( ( and | && | or | || ) term )*      and/or: equal precedence, left to right
 *   term      := ( not | ! ) term | '(' expr ')' | primitive
 *   primitive := [proto] [dir] [type] id | proto | [ip] proto N | ether (broadcast|multicast)
 *              | less N | greater N | inbound | outbound | id
 *   proto     := ether | ip | ip6 | arp | rarp | tcp | udp | icmp | sctp | igmp
 *   dir       := src | dst | src or dst | src and dst
 *   type      := host | net | port | portrange
 * </pre>
 *
 * An id standing alone takes the qualifiers of the primitive before it, so
 * {@code port 80 or 443} is {@code port 80 or port 443}, and {@code not host a and b} is
 * {@code (not host a) and host b}. With no qualifiers at all an id is a host. Errors carry
 * libpcap's messages; the forms knetsim leaves out (byte offsets, arithmetic, VLAN, ...) are
 * refused with a message that says so rather than a misleading syntax error.
 */
final class FilterParser {
    static final String SYNTAX = "can't parse filter expression: syntax error";

    private static final Set<String> PROTOS = Set.of("ether", "ip", "ip6", "arp", "rarp", "tcp", "udp", "icmp",
        "sctp", "igmp");
    private static final Set<String> DIRS = Set.of("src", "dst");
    private static final Set<String> TYPES = Set.of("host", "net", "port", "portrange");
    private static final Set<String> KEYWORDS = Set.of("proto", "mask", "broadcast", "multicast", "less",
        "greater", "inbound", "outbound");
    private static final Set<String> UNSUPPORTED = Set.of("len", "vlan", "mpls", "pppoed", "pppoes", "gateway",
        "icmp6", "geneve", "protochain", "atalk", "decnet", "iso", "stp", "ipx", "netbeui", "llc", "wlan", "type",
        "subtype", "dir", "ifname", "on", "rnr", "rulenum", "reason", "rset", "srnr", "subrulenum", "action");

    /** The qualifiers of the last primitive, inherited by a lone id. */
    private record Quals(String proto, Dir dir, String type) {
        static final Quals NONE = new Quals(null, null, null);
    }

    private final List<Token> toks;
    private int pos;
    private Quals last = Quals.NONE;

    private FilterParser(List<Token> toks) {
        this.toks = toks;
    }

    /** Compiles {@code expression}; an empty expression accepts every packet. */
    static Predicate<Frame> parse(String expression) throws FilterException {
        List<Token> toks = FilterLexer.tokens(expression);
        for (Token t : toks) {
            if (t.kind() == Kind.UNSUPPORTED || (t.kind() == Kind.WORD && !t.escaped()
                && UNSUPPORTED.contains(t.text()))) {
                throw new FilterException("knetsim's tcpdump does not support '" + t.text()
                    + "' in filters (byte offsets, arithmetic and link-specific primitives); it handles host, net,"
                    + " port, portrange, ether host, protocols, proto, less, greater, inbound and outbound");
            }
        }
        FilterParser p = new FilterParser(toks);
        if (p.peek().kind() == Kind.EOF) {
            return f -> true;
        }
        Predicate<Frame> e = p.expr();
        if (p.peek().kind() != Kind.EOF) {
            throw new FilterException(SYNTAX);
        }
        return e;
    }

    private Token peek() {
        return toks.get(pos);
    }

    private Token peek(int ahead) {
        return toks.get(Math.min(pos + ahead, toks.size() - 1));
    }

    private Token next() {
        Token t = toks.get(pos);
        if (t.kind() != Kind.EOF) {
            pos++;
        }
        return t;
    }

    private Predicate<Frame> expr() throws FilterException {
        Predicate<Frame> left = term();
        while (peek().kind() == Kind.AND || peek().kind() == Kind.OR) {
            boolean and = next().kind() == Kind.AND;
            Predicate<Frame> right = term();
            left = and ? left.and(right) : left.or(right);
        }
        return left;
    }

    private Predicate<Frame> term() throws FilterException {
        Token t = peek();
        if (t.kind() == Kind.NOT) {
            next();
            return term().negate();
        }
        if (t.kind() == Kind.LPAREN) {
            next();
            Predicate<Frame> e = expr();
            if (next().kind() != Kind.RPAREN) {
                throw new FilterException(SYNTAX);
            }
            return e;
        }
        return primitive();
    }

    private static boolean isKeyword(Token t) {
        return t.kind() == Kind.WORD && !t.escaped() && (PROTOS.contains(t.text()) || DIRS.contains(t.text())
            || TYPES.contains(t.text()) || KEYWORDS.contains(t.text()));
    }

    private Predicate<Frame> primitive() throws FilterException {
        Token t = peek();
        if (t.kind() != Kind.WORD) {
            throw new FilterException(SYNTAX);
        }
        if (t.escaped()) {
            return build(last, next());
        }
        String w = t.text();
        if (PROTOS.contains(w)) {
            next();
            return afterProto(w);
        }
        if (DIRS.contains(w) || TYPES.contains(w)) {
            return qualified(null);
        }
        switch (w) {
            case "proto" -> {
                next();
                return ipProtoNumber();
            }
            case "broadcast" -> {
                next();
                return FilterPrimitives.etherBroadcast();
            }
            case "multicast" -> {
                next();
                return FilterPrimitives.etherMulticast();
            }
            case "less", "greater" -> {
                next();
                int n = number(next());
                return w.equals("less") ? FilterPrimitives.lengthAtMost(n) : FilterPrimitives.lengthAtLeast(n);
            }
            case "inbound" -> {
                next();
                return FilterPrimitives.direction(PacketTap.Direction.IN);
            }
            case "outbound" -> {
                next();
                return FilterPrimitives.direction(PacketTap.Direction.OUT);
            }
            case "mask" -> throw new FilterException(SYNTAX);
            default -> {
                return build(last, next());
            }
        }
    }

    /** After a protocol keyword: qualifiers and an id follow, or it stands alone. */
    private Predicate<Frame> afterProto(String proto) throws FilterException {
        Token t = peek();
        if (t.kind() == Kind.WORD) {
            if (!t.escaped() && (DIRS.contains(t.text()) || TYPES.contains(t.text()))) {
                return qualified(proto);
            }
            if (t.isWord("proto") && (proto.equals("ip") || proto.equals("ether"))) {
                next();
                return proto.equals("ip") ? ipProtoNumber() : etherProto();
            }
            if (proto.equals("ether") && (t.isWord("broadcast") || t.isWord("multicast"))) {
                next();
                return t.text().equals("broadcast") ? FilterPrimitives.etherBroadcast()
                    : FilterPrimitives.etherMulticast();
            }
            if (!isKeyword(t)) {
                Quals q = new Quals(proto, null, null);
                last = q;
                return build(q, next());
            }
        }
        return switch (proto) {
            case "ether" -> throw new FilterException(SYNTAX);
            case "ip" -> FilterPrimitives.etherType(FilterPrimitives.TYPE_IPV4);
            case "ip6" -> FilterPrimitives.etherType(FilterPrimitives.TYPE_IPV6);
            case "arp" -> FilterPrimitives.etherType(FilterPrimitives.TYPE_ARP);
            case "rarp" -> FilterPrimitives.etherType(FilterPrimitives.TYPE_RARP);
            case "tcp" -> FilterPrimitives.ipProto(6);
            case "udp" -> FilterPrimitives.ipProto(17);
            case "icmp" -> FilterPrimitives.ipProto(1);
            case "sctp" -> FilterPrimitives.ipProto(132);
            case "igmp" -> FilterPrimitives.ipProto(2);
            default -> throw new FilterException(SYNTAX);
        };
    }

    private Predicate<Frame> qualified(String proto) throws FilterException {
        Dir dir = null;
        String type = null;
        Token t = peek();
        if (t.isWord("src") || t.isWord("dst")) {
            next();
            boolean src = t.text().equals("src");
            Token op = peek();
            Token other = peek(1);
            if ((op.kind() == Kind.OR || op.kind() == Kind.AND) && other.isWord(src ? "dst" : "src")) {
                next();
                next();
                dir = op.kind() == Kind.OR ? Dir.SRC_OR_DST : Dir.SRC_AND_DST;
            } else {
                dir = src ? Dir.SRC : Dir.DST;
            }
        }
        t = peek();
        if (t.kind() == Kind.WORD && !t.escaped() && TYPES.contains(t.text())) {
            type = next().text();
        }
        Token id = peek();
        if (id.kind() != Kind.WORD || isKeyword(id)) {
            throw new FilterException(SYNTAX);
        }
        Quals q = new Quals(proto, dir, type);
        last = q;
        return build(q, next());
    }

    private Predicate<Frame> build(Quals q, Token idTok) throws FilterException {
        String id = idTok.text();
        String proto = q.proto();
        Dir dir = q.dir() != null ? q.dir() : Dir.SRC_OR_DST;
        String type = q.type() != null ? q.type() : "host";
        boolean netSyntax = peek().kind() == Kind.SLASH || peek().isWord("mask");
        if (q.type() == null && netSyntax) {
            type = "net";
        }
        switch (type) {
            case "host" -> {
                if ("ether".equals(proto) || (proto == null && isMac(id))) {
                    if (!isMac(id)) {
                        throw new FilterException("unknown ether host '" + id + "'");
                    }
                    return FilterPrimitives.etherHost(MacAddress.parse(id).bits(), dir);
                }
                checkAddressProto(proto, "host");
                if (!Ipv4Address.isValid(id)) {
                    throw new FilterException("unknown host '" + id + "'");
                }
                return FilterPrimitives.host(Ipv4Address.parse(id).bits(), -1, dir, proto);
            }
            case "net" -> {
                checkAddressProto(proto, "net");
                return net(id, dir, proto);
            }
            case "port", "portrange" -> {
                if (proto != null && !proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
                    throw new FilterException("illegal qualifier of '" + type + "'");
                }
                int[] range = type.equals("port") ? new int[] {port(id, proto), 0} : portRange(id, proto);
                int lo = range[0];
                int hi = type.equals("port") ? lo : range[1];
                return FilterPrimitives.port(lo, hi, dir, proto);
            }
            default -> throw new FilterException(SYNTAX);
        }
    }

    private static void checkAddressProto(String proto, String type) throws FilterException {
        if (proto != null && !proto.equals("ip") && !proto.equals("arp") && !proto.equals("rarp")) {
            throw new FilterException("'" + proto + "' modifier applied to " + type);
        }
    }

    private Predicate<Frame> net(String id, Dir dir, String proto) throws FilterException {
        long[] an = atoin(id);
        if (an == null) {
            throw new FilterException("unknown network '" + id + "'");
        }
        int n = (int) an[0];
        int nlen = (int) an[1];
        int mask;
        if (peek().kind() == Kind.SLASH) {
            next();
            Token lenTok = next();
            int len = number(lenTok);
            if (len > 32) {
                throw new FilterException("mask length must be <= 32");
            }
            mask = len == 0 ? 0 : -1 << (32 - len);
            if ((n & ~mask) != 0) {
                throw new FilterException("non-network bits set in \"" + id + "/" + len + "\"");
            }
        } else if (peek().isWord("mask")) {
            next();
            Token m = next();
            long[] am = m.kind() == Kind.WORD ? atoin(m.text()) : null;
            if (am == null) {
                throw new FilterException(SYNTAX);
            }
            mask = (int) am[0];
            if ((n & ~mask) != 0) {
                throw new FilterException("non-network bits set in \"" + id + " mask " + m.text() + "\"");
            }
        } else {
            mask = nlen == 0 ? 0 : -1 << (32 - nlen);
        }
        return FilterPrimitives.host(n & mask, mask, dir, proto);
    }

    /**
     * libpcap's {@code __pcap_atoin}: {@code 10}, {@code 10.1}, {@code 10.1.2} or a whole address,
     * as the value shifted to the top and the number of bits given; null if not that form.
     */
    private static long[] atoin(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long v = 0;
        for (String p : parts) {
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > 255) {
                return null;
            }
            v = (v << 8) | Integer.parseInt(p);
        }
        int bits = 8 * parts.length;
        return new long[] {(int) (v << (32 - bits)), bits};
    }

    private static int port(String id, String proto) throws FilterException {
        if (id.matches("\\d+|0[xX][0-9a-fA-F]+")) {
            long p = id.startsWith("0x") || id.startsWith("0X") ? Long.parseLong(id.substring(2), 16)
                : Long.parseLong(id.length() > 10 ? "99999999999" : id);
            if (p > 65535) {
                throw new FilterException("illegal port number " + p + " > 65535");
            }
            return (int) p;
        }
        int p = Names.portByName(id, proto);
        if (p < 0) {
            throw new FilterException("unknown port '" + id + "'");
        }
        return p;
    }

    private static int[] portRange(String id, String proto) throws FilterException {
        for (int i = id.indexOf('-'); i > 0; i = id.indexOf('-', i + 1)) {
            String a = id.substring(0, i);
            String b = id.substring(i + 1);
            try {
                int lo = port(a, proto);
                int hi = port(b, proto);
                return lo <= hi ? new int[] {lo, hi} : new int[] {hi, lo};
            } catch (FilterException e) {
                if (e.getMessage().startsWith("illegal")) {
                    throw e;
                }
            }
        }
        throw new FilterException("unknown port in range '" + id + "'");
    }

    private Predicate<Frame> ipProtoNumber() throws FilterException {
        Token t = next();
        if (t.kind() != Kind.WORD) {
            throw new FilterException(SYNTAX);
        }
        int p;
        if (t.text().matches("\\d+")) {
            p = number(t);
            if (p > 255) {
                throw new FilterException("protocol number " + p + " too large");
            }
        } else {
            p = Names.ipProtoByName(t.text());
            if (p < 0) {
                throw new FilterException("unknown ip proto '" + t.text() + "'");
            }
        }
        return FilterPrimitives.ipProto(p);
    }

    private Predicate<Frame> etherProto() throws FilterException {
        Token t = next();
        if (t.kind() != Kind.WORD) {
            throw new FilterException(SYNTAX);
        }
        int type = switch (t.text()) {
            case "ip" -> FilterPrimitives.TYPE_IPV4;
            case "arp" -> FilterPrimitives.TYPE_ARP;
            case "rarp" -> FilterPrimitives.TYPE_RARP;
            case "ip6" -> FilterPrimitives.TYPE_IPV6;
            default -> number(t);
        };
        return FilterPrimitives.etherType(type);
    }

    private static int number(Token t) throws FilterException {
        if (t.kind() != Kind.WORD) {
            throw new FilterException(SYNTAX);
        }
        String s = t.text();
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Integer.parseInt(s.substring(2), 16);
            }
            if (s.matches("\\d+")) {
                return Integer.parseInt(s);
            }
        } catch (NumberFormatException e) {
            throw new FilterException("number " + s + " too large");
        }
        throw new FilterException(SYNTAX);
    }

    private static boolean isMac(String s) {
        return s.matches("[0-9a-fA-F]{1,2}([:-][0-9a-fA-F]{1,2}){5}");
    }
}
