package io.knetsim.tool.nft;

import io.knetsim.netfilter.nft.BitwiseExpr;
import io.knetsim.netfilter.nft.Chain;
import io.knetsim.netfilter.nft.CmpOp;
import io.knetsim.netfilter.nft.ConcatExpr;
import io.knetsim.netfilter.nft.ConstExpr;
import io.knetsim.netfilter.nft.CounterStmt;
import io.knetsim.netfilter.nft.CtExpr;
import io.knetsim.netfilter.nft.CtSetStmt;
import io.knetsim.netfilter.nft.NatStmt;
import io.knetsim.netfilter.nft.DataType;
import io.knetsim.netfilter.nft.Expr;
import io.knetsim.netfilter.nft.JhashExpr;
import io.knetsim.netfilter.nft.LimitStmt;
import io.knetsim.netfilter.nft.LogStmt;
import io.knetsim.netfilter.nft.MapLookupExpr;
import io.knetsim.netfilter.nft.MatchStmt;
import io.knetsim.netfilter.nft.MetaExpr;
import io.knetsim.netfilter.nft.MetaSetStmt;
import io.knetsim.netfilter.nft.NftException;
import io.knetsim.netfilter.nft.NftSet;
import io.knetsim.netfilter.nft.NftVerdict;
import io.knetsim.netfilter.nft.NumgenExpr;
import io.knetsim.netfilter.nft.PayloadExpr;
import io.knetsim.netfilter.nft.QuotaStmt;
import io.knetsim.netfilter.nft.RejectStmt;
import io.knetsim.netfilter.nft.Rhs;
import io.knetsim.netfilter.nft.Stmt;
import io.knetsim.netfilter.nft.Table;
import io.knetsim.netfilter.nft.VerdictStmt;
import io.knetsim.netfilter.nft.VmapStmt;
import io.knetsim.packet.IcmpHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule grammar: statements, expressions, values, anonymous sets and maps, resolved
 * against a table (chains for {@code jump}, named sets for {@code @name}) and type-checked as
 * they are read: a value must parse as the type of what it is compared with, and a set or
 * map must have the key type of its lookup expression.
 */
final class RuleParser {
    private final Tokens in;
    private final Table table;
    private int anonymous;

    RuleParser(Tokens in, Table table) {
        this.in = in;
        this.table = table;
    }

    private boolean atRuleEnd() {
        Token t = in.peek();
        return t.isEnd() || t.is("}");
    }

    /** Statements up to the end of the rule (newline, semicolon, closing brace or end of input). */
    List<Stmt> rule() {
        List<Stmt> out = new ArrayList<>();
        if (atRuleEnd()) {
            throw Tokens.unexpected(in.peek());
        }
        while (!atRuleEnd()) {
            out.add(stmt());
        }
        return out;
    }

    private Stmt stmt() {
        Token t = in.peek();
        if (t.kind() != Token.Kind.WORD) {
            throw Tokens.unexpected(t);
        }
        switch (t.text()) {
            case "counter" -> {
                in.next();
                long packets = 0;
                long bytes = 0;
                if (in.accept("packets")) {
                    packets = number(in.next());
                    in.expect("bytes");
                    bytes = number(in.next());
                }
                return new CounterStmt(packets, bytes);
            }
            case "limit" -> {
                in.next();
                return limit();
            }
            case "quota" -> {
                in.next();
                boolean over = in.accept("over");
                long limit = quantity();
                long used = 0;
                if (in.accept("used")) {
                    used = quantity();
                }
                return new QuotaStmt(limit, over, used);
            }
            case "log" -> {
                in.next();
                String prefix = null;
                if (in.accept("prefix")) {
                    Token p = in.next();
                    if (p.kind() != Token.Kind.STRING && p.kind() != Token.Kind.WORD) {
                        throw Tokens.unexpected(p);
                    }
                    prefix = p.text();
                }
                return new LogStmt(prefix);
            }
            case "accept", "drop", "continue", "return", "jump", "goto" -> {
                return new VerdictStmt(verdict());
            }
            case "reject" -> {
                in.next();
                return reject();
            }
            case "notrack", "redirect", "tproxy", "queue", "fwd", "dup" ->
                throw new NftSyntaxException("'" + t.text() + "' is not modelled by knetsim", t);
            case "dnat", "snat" -> {
                in.next();
                boolean inet = table.family() == io.knetsim.netfilter.nft.Family.INET;
                if (inet) {
                    in.expect("ip");
                } else {
                    in.accept("ip");
                }
                in.expect("to");
                Token at = in.peek();
                Expr addr;
                if (at.kind() == Token.Kind.WORD && Character.isDigit(at.text().charAt(0))) {
                    in.next();
                    addr = new ConstExpr(atom(at, DataType.IPV4_ADDR), DataType.IPV4_ADDR);
                } else {
                    addr = expr();
                    if (in.accept("map")) {
                        addr = new MapLookupExpr(addr, setOrMap(addr.types(), DataType.IPV4_ADDR));
                    }
                    if (!addr.types().equals(java.util.List.of(DataType.IPV4_ADDR))) {
                        throw new NftSyntaxException("datatype mismatch, expected IPv4 address, expression has type "
                            + describe(addr.types()), at.source(), at.start(), in.last().end());
                    }
                }
                int port = -1;
                if (in.accept(":")) {
                    port = (int) (long) (Long) atom(in.next(), DataType.INET_SERVICE);
                }
                return new NatStmt(t.is("dnat") ? NatStmt.Kind.DNAT : NatStmt.Kind.SNAT, addr, port, inet);
            }
            case "update" -> {
                in.next();
                Token at = in.expect("@");
                Token name = in.name();
                NftSet set = table.set(name.text());
                if (set == null || set.isMap()) {
                    throw new NftSyntaxException("Could not process rule: No such file or directory", name);
                }
                in.expect("{");
                Expr key = expr();
                in.expect("}");
                if (!key.types().equals(set.keyTypes())) {
                    throw new NftSyntaxException("datatype mismatch, expected " + describe(set.keyTypes())
                        + ", expression has type " + describe(key.types()), at.source(), at.start(), in.last().end());
                }
                if (!set.dynamic()) {
                    throw new NftSyntaxException("Could not process rule: Operation not supported", at.source(),
                        at.start(), in.last().end());
                }
                return new io.knetsim.netfilter.nft.UpdateStmt(set, key);
            }
            case "masquerade" -> {
                in.next();
                return new NatStmt(NatStmt.Kind.MASQUERADE, null, -1, false);
            }
            case "mark" -> {
                if (in.peek(1).is("set")) { // nft's unqualified meta key: kube-proxy writes mark set mark or 0x4000
                    in.next();
                    in.next();
                    return new MetaSetStmt(MetaExpr.Key.MARK, setValue(DataType.MARK));
                }
                return match();
            }
            case "ct" -> {
                if (in.peek(2).is("set")) {
                    in.next();
                    Token k = in.next();
                    if (!k.is("mark")) {
                        throw new NftSyntaxException("ct " + k.text() + " set is not modelled by knetsim (only mark)", k);
                    }
                    in.next();
                    return new CtSetStmt(CtExpr.Key.MARK, setValue(DataType.MARK));
                }
                return match();
            }
            case "meta" -> {
                if (in.peek(2).is("set")) {
                    in.next();
                    Token k = in.next();
                    if (k.is("nftrace")) {
                        in.next();
                        Token v = in.next();
                        if (!v.is("0") && !v.is("1")) {
                            throw new NftSyntaxException("Value " + v.text() + " exceeds valid range 0-1", v);
                        }
                        return new MetaSetStmt(MetaExpr.Key.NFTRACE, new ConstExpr(Long.parseLong(v.text()),
                            DataType.INTEGER));
                    }
                    if (!k.is("mark")) {
                        throw new NftSyntaxException("meta " + k.text() + " set is not modelled by knetsim (only mark and nftrace)", k);
                    }
                    in.next();
                    return new MetaSetStmt(MetaExpr.Key.MARK, setValue(DataType.MARK));
                }
                return match();
            }
            default -> {
                return match();
            }
        }
    }

    private LimitStmt limit() {
        in.expect("rate");
        boolean over = in.accept("over");
        Token n = in.next();
        long rate = number(n);
        if (in.peek().kind() == Token.Kind.WORD && QuotaStmt.bytes(1, in.peek().text()) > 0) {
            throw new NftSyntaxException("byte rates are not modelled by knetsim (only packets per unit)", in.peek());
        }
        in.expect("/");
        Token u = in.next();
        LimitStmt.Unit unit = LimitStmt.Unit.of(u.text());
        if (unit == null) {
            throw new NftSyntaxException("Wrong rate format", u);
        }
        int burst = LimitStmt.DEFAULT_BURST;
        if (in.accept("burst")) {
            burst = (int) number(in.next());
            in.expect("packets");
        }
        try {
            return new LimitStmt(rate, unit, burst, over);
        } catch (NftException e) {
            throw new NftSyntaxException(e.getMessage(), n);
        }
    }

    private long quantity() {
        long n = number(in.next());
        Token u = in.next();
        long b = QuotaStmt.bytes(n, u.text());
        if (b < 0) {
            throw new NftSyntaxException("Wrong quota format, expecting bytes, kbytes, mbytes or gbytes", u);
        }
        return b;
    }

    private RejectStmt reject() {
        if (!in.accept("with")) {
            return new RejectStmt(IcmpHeader.PORT_UNREACHABLE);
        }
        Token how = in.next();
        if (how.is("tcp")) {
            in.expect("reset");
            return new RejectStmt(RejectStmt.TCP_RESET);
        }
        if (!how.is("icmp")) {
            throw Tokens.unexpected(how);
        }
        in.accept("type");
        Token c = in.next();
        int code = RejectStmt.code(c.text());
        if (code < 0) {
            throw new NftSyntaxException("Could not parse reject with icmp type", c);
        }
        return new RejectStmt(code);
    }

    NftVerdict verdict() {
        Token t = in.next();
        switch (t.text()) {
            case "accept" -> {
                return NftVerdict.ACCEPT;
            }
            case "drop" -> {
                return NftVerdict.DROP;
            }
            case "continue" -> {
                return NftVerdict.CONTINUE;
            }
            case "return" -> {
                return NftVerdict.RETURN;
            }
            case "jump", "goto" -> {
                Token name = in.name();
                Chain c = table.chain(name.text());
                if (c == null) {
                    throw new NftSyntaxException("Could not process rule: No such file or directory", name);
                }
                return new NftVerdict(t.text().equals("jump") ? NftVerdict.Kind.JUMP : NftVerdict.Kind.GOTO, c);
            }
            default -> throw Tokens.unexpected(t);
        }
    }

    // ---- expressions ----------------------------------------------------------------------

    Expr expr() {
        Expr first = basic();
        if (!in.peek().is(".")) {
            return first;
        }
        List<Expr> parts = new ArrayList<>();
        parts.add(first);
        while (in.accept(".")) {
            parts.add(basic());
        }
        return new ConcatExpr(parts);
    }

    /** A primary expression, then any {@code & | ^} ({@code and or xor}) with constants, folded into one. */
    private Expr basic() {
        Token start = in.peek();
        Expr e = primary();
        BitwiseExpr b = null;
        while (in.peek().kind() == Token.Kind.PUNCT || in.peek().kind() == Token.Kind.WORD) {
            BitwiseExpr.Op op = BitwiseExpr.Op.of(in.peek().text());
            if (op == null) {
                break;
            }
            Token opTok = in.next();
            DataType type = e.types().size() == 1 ? e.types().get(0) : null;
            int bits = e instanceof PayloadExpr pe ? pe.field().bytes() * 8 : type == null ? 0 : type.bits();
            if (bits == 0) {
                throw new NftSyntaxException("Binary operation (" + op.symbol() + ") is undefined for "
                    + describe(e.types()) + " types", start.source(), start.start(), opTok.end());
            }
            Token v = in.peek();
            if (v.kind() == Token.Kind.WORD && isExprStart(v.text())) {
                Token vs = v;
                primary();
                throw new NftSyntaxException("Right hand side of binary operation (" + op.symbol()
                    + ") must be constant", vs.source(), vs.start(), in.last().end());
            }
            in.next();
            long value = (Long) atom(v, type);
            if (bits < 64 && (value >>> bits) != 0) {
                throw new NftSyntaxException("Value " + value + " exceeds valid range 0-" + ((1L << bits) - 1), v);
            }
            if (b == null) {
                b = BitwiseExpr.identity(e, bits);
            }
            b = b.then(op, value);
        }
        return b == null ? e : b;
    }

    private static boolean isExprStart(String w) {
        return switch (w) {
            case "ip", "tcp", "udp", "th", "icmp", "meta", "mark", "iifname", "oifname", "numgen", "jhash", "fib", "ct" ->
                true;
            default -> false;
        };
    }

    private Expr primary() {
        Token t = in.next();
        if (t.kind() != Token.Kind.WORD) {
            throw Tokens.unexpected(t);
        }
        switch (t.text()) {
            case "ip", "tcp", "udp", "th", "icmp" -> {
                Token f = in.next();
                PayloadExpr.Field field = PayloadExpr.Field.of(t.text(), f.text());
                if (field == null) {
                    throw Tokens.unexpected(f);
                }
                return new PayloadExpr(field);
            }
            case "meta" -> {
                Token k = in.next();
                MetaExpr.Key key = MetaExpr.Key.of(k.text());
                if (key == null) {
                    throw Tokens.unexpected(k);
                }
                return new MetaExpr(key);
            }
            case "iifname", "oifname", "mark" -> {
                return new MetaExpr(MetaExpr.Key.of(t.text()));
            }
            case "numgen" -> {
                Token mode = in.next();
                if (!mode.is("random") && !mode.is("inc")) {
                    throw Tokens.unexpected(mode);
                }
                in.expect("mod");
                int mod = (int) number(in.next());
                int off = in.accept("offset") ? (int) number(in.next()) : 0;
                return construct(() -> new NumgenExpr(mode.is("random"), mod, off), t);
            }
            case "jhash" -> {
                Expr of = expr();
                in.expect("mod");
                int mod = (int) number(in.next());
                boolean seedSet = in.accept("seed");
                int seed = seedSet ? (int) number(in.next()) : 0;
                int off = in.accept("offset") ? (int) number(in.next()) : 0;
                return construct(() -> new JhashExpr(of, mod, seed, seedSet, off), t);
            }
            case "fib" -> {
                Token k = in.next();
                if (!k.is("daddr") && !k.is("saddr")) {
                    throw new NftSyntaxException("fib " + k.text()
                        + " is not modelled by knetsim (only fib daddr type and fib saddr type)", k);
                }
                in.expect("type");
                return new io.knetsim.netfilter.nft.FibExpr(k.is("saddr"));
            }
            case "ct" -> {
                Token k = in.next();
                CtExpr.Key key = CtExpr.Key.of(k.text());
                if (key == null) {
                    throw new NftSyntaxException("ct " + k.text() + " is not modelled by knetsim (only state, status and mark)", k);
                }
                return new CtExpr(key);
            }
            default -> throw Tokens.unexpected(t);
        }
    }

    private static <T> T construct(java.util.function.Supplier<T> s, Token at) {
        try {
            return s.get();
        } catch (NftException e) {
            throw new NftSyntaxException(e.getMessage(), at);
        }
    }

    private Stmt match() {
        Token start = in.peek();
        Expr left = expr();
        List<DataType> types = left.types();
        if (in.accept("vmap")) {
            NftSet m = setOrMap(types, DataType.VERDICT);
            return new VmapStmt(left, m);
        }
        if (in.peek().is("map")) {
            in.next();
            NftSet m = setOrMap(types, null);
            left = new MapLookupExpr(left, m);
            types = left.types();
        }
        Token opTok = in.peek();
        CmpOp op = opTok.kind() == Token.Kind.PUNCT || opTok.kind() == Token.Kind.WORD ? CmpOp.of(opTok.text()) : null;
        if (op != null) {
            in.next();
        } else {
            op = CmpOp.EQ;
            if (atRuleEnd()) {
                throw Tokens.unexpected(in.peek());
            }
        }
        Token rhsTok = in.peek();
        Rhs rhs;
        if (rhsTok.is("{") || rhsTok.is("@")) {
            rhs = new Rhs.SetLookup(setOrMap(types, null));
        } else {
            Elem e = element(types);
            if (e.range) {
                rhs = e.prefix >= 0 ? new Rhs.Prefix(e.lo, e.prefix) : new Rhs.Range(e.lo, e.hi);
            } else if (left instanceof BitwiseExpr) {
                rhs = new Rhs.Value(e.key);
            } else if ((types.get(0) == DataType.CT_STATE || types.get(0) == DataType.CT_STATUS)
                && (op == CmpOp.EQ || op == CmpOp.NE)) {
                long mask = (Long) e.key;
                while (in.accept(",")) {
                    mask |= (Long) atom(in.next(), types.get(0));
                }
                rhs = new Rhs.Flags(mask);
            } else if (types.get(0) == DataType.TCP_FLAG && op == CmpOp.EQ && !opTok.is("==")) {
                rhs = new Rhs.Flags((Long) e.key);
            } else {
                rhs = new Rhs.Value(e.key);
            }
        }
        Expr field = left instanceof BitwiseExpr b ? b.of() : left;
        if (field instanceof PayloadExpr pe && pe.field().type() == DataType.INTEGER) {
            checkWidth(rhs, pe.field().bytes() * 8, rhsTok);
        }
        if (op != CmpOp.EQ && op != CmpOp.NE && !(rhs instanceof Rhs.Value v && v.value() instanceof Long)) {
            throw new NftSyntaxException("Relational expression size mismatch", rhsTok.source(), start.start(),
                in.last().end());
        }
        return new MatchStmt(left, op, rhs);
    }

    /** A header field narrower than 32 bits ({@code ip ttl}) takes only values that fit it. */
    private static void checkWidth(Rhs rhs, int bits, Token at) {
        long max = (1L << bits) - 1;
        long hi = rhs instanceof Rhs.Value v ? (Long) v.value() : rhs instanceof Rhs.Range r ? r.hi() : 0;
        if (hi > max) {
            throw new NftSyntaxException("Value " + hi + " exceeds valid range 0-" + max, at);
        }
        if (rhs instanceof Rhs.SetLookup s && s.set().maxScalarKey() > max) {
            throw new NftSyntaxException("Value " + s.set().maxScalarKey() + " exceeds valid range 0-" + max, at);
        }
    }

    private Expr setValue(DataType type) {
        Token t = in.peek();
        if (t.kind() == Token.Kind.WORD && Character.isDigit(t.text().charAt(0))) {
            in.next();
            return new ConstExpr(atom(t, type), type);
        }
        Expr e = expr();
        if (in.peek().is("map")) {
            in.next();
            e = new MapLookupExpr(e, setOrMap(e.types(), type));
        }
        DataType got = e.types().size() == 1 ? e.types().get(0) : null;
        if (got != DataType.MARK && got != DataType.INTEGER) {
            throw new NftSyntaxException("datatype mismatch: expected " + type.description() + ", expression has type "
                + describe(e.types()), t.source(), t.start(), in.last().end());
        }
        return e;
    }

    // ---- values, sets and maps ------------------------------------------------------------

    /** One key: a value, a concatenation of values, or (for a single scalar) a range or prefix. */
    static final class Elem {
        Object key;
        boolean range;
        long lo;
        long hi;
        int prefix = -1;
    }

    Elem element(List<DataType> types) {
        Elem e = new Elem();
        if (types.size() > 1) {
            List<Object> parts = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                if (i > 0) {
                    in.expect(".");
                }
                parts.add(atom(in.next(), types.get(i)));
            }
            e.key = parts;
            return e;
        }
        DataType t = types.get(0);
        Token first = in.next();
        e.key = atom(first, t);
        if (t == DataType.TCP_FLAG) {
            long m = (Long) e.key;
            while (in.accept("|")) {
                m |= (Long) atom(in.next(), t);
            }
            e.key = m;
        }
        if (in.peek().is("-") && e.key instanceof Long lo) {
            in.next();
            Token hiTok = in.next();
            long hi = (Long) atom(hiTok, t);
            if (hi < lo) {
                throw new NftSyntaxException("Range has zero or negative size", first.source(), first.start(), hiTok.end());
            }
            e.range = true;
            e.lo = lo;
            e.hi = hi;
        } else if (in.peek().is("/") && t == DataType.IPV4_ADDR) {
            in.next();
            Token lenTok = in.next();
            long len = number(lenTok);
            if (len > 32) {
                throw new NftSyntaxException("Prefix length " + len + " is invalid for type of 32 bits width", lenTok);
            }
            long mask = len == 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
            e.range = true;
            e.prefix = (int) len;
            e.lo = (Long) e.key & mask;
            e.hi = e.lo | (~mask & 0xffffffffL);
        }
        return e;
    }

    static Object atom(Token t, DataType type) {
        if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.STRING) {
            throw Tokens.unexpected(t);
        }
        if (t.kind() == Token.Kind.WORD && type != DataType.IFNAME && Keywords.isKeyword(t.text())
            && !t.text().equals("tcp") && !t.text().equals("udp") && !t.text().equals("icmp")
            && !(type == DataType.CT_STATUS && (t.text().equals("snat") || t.text().equals("dnat")))) {
            throw Tokens.unexpected(t);
        }
        try {
            return type.parse(t.text());
        } catch (NftException e) {
            throw new NftSyntaxException(e.getMessage(), t);
        }
    }

    /**
     * An anonymous {@code { ... }} or a named {@code @name}: a set when {@code dataType} is
     * null and no element has a value, else a map with values of {@code dataType}.
     */
    NftSet setOrMap(List<DataType> keyTypes, DataType dataType) {
        Token t = in.next();
        if (t.is("@")) {
            Token name = in.name();
            NftSet s = table.set(name.text());
            if (s == null) {
                throw new NftSyntaxException("Could not process rule: No such file or directory", name);
            }
            if (!s.keyTypes().equals(keyTypes)) {
                throw new NftSyntaxException("datatype mismatch, expected " + describe(keyTypes) + ", "
                    + (s.isMap() ? "map" : "set") + " has type " + describe(s.keyTypes()), t.source(), t.start(),
                    name.end());
            }
            if (dataType == DataType.VERDICT && !s.isVerdictMap()) {
                throw new NftSyntaxException("datatype mismatch, expected netfilter verdict, map has type "
                    + (s.isMap() ? s.dataType().description() : "none (a set)"), t.source(), t.start(), name.end());
            }
            if (dataType != null && dataType != DataType.VERDICT && (!s.isMap() || s.isVerdictMap())) {
                throw new NftSyntaxException("datatype mismatch, expected " + dataType.description() + ", "
                    + (s.isMap() ? "map" : "set") + " has no value of that type", t.source(), t.start(), name.end());
            }
            return s;
        }
        if (!t.is("{")) {
            throw Tokens.unexpected(t);
        }
        List<Elem> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        boolean interval = false;
        DataType valueType = dataType;
        skipNewlines();
        while (!in.peek().is("}")) {
            Elem e = element(keyTypes);
            interval |= e.range;
            keys.add(e);
            if (in.accept(":")) {
                if (valueType == null) {
                    valueType = in.peek().kind() == Token.Kind.WORD && isVerdictWord(in.peek().text())
                        ? DataType.VERDICT : DataType.INTEGER;
                }
                values.add(valueType == DataType.VERDICT ? verdict() : atom(in.next(), valueType));
            } else if (valueType != null) {
                throw Tokens.unexpected(in.peek());
            }
            skipNewlines();
            if (!in.accept(",")) {
                break;
            }
            skipNewlines();
        }
        in.expect("}");
        if (keys.isEmpty()) {
            throw Tokens.unexpected(in.last());
        }
        NftSet s;
        try {
            s = new NftSet("__" + (valueType == null ? "set" : "map") + anonymous++, true, keyTypes, valueType, interval);
            for (int i = 0; i < keys.size(); i++) {
                Elem e = keys.get(i);
                Object v = valueType == null ? null : values.get(i);
                if (e.range) {
                    s.addRange(e.lo, e.hi, e.prefix, v);
                } else {
                    s.add(e.key, v);
                }
            }
        } catch (NftException ex) {
            throw new NftSyntaxException(ex.getMessage(), t);
        }
        return s;
    }

    private void skipNewlines() {
        while (in.peek().kind() == Token.Kind.NEWLINE) {
            in.next();
        }
    }

    static boolean isVerdictWord(String w) {
        return switch (w) {
            case "accept", "drop", "continue", "return", "jump", "goto" -> true;
            default -> false;
        };
    }

    static String describe(List<DataType> types) {
        if (types.size() == 1) {
            return types.get(0).description();
        }
        StringBuilder sb = new StringBuilder("concatenation of (");
        for (int i = 0; i < types.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(types.get(i).description());
        }
        return sb.append(')').toString();
    }

    static long number(Token t) {
        Long n = t.kind() == Token.Kind.WORD ? DataType.number(t.text()) : null;
        if (n == null) {
            throw Tokens.unexpected(t);
        }
        return n;
    }
}
