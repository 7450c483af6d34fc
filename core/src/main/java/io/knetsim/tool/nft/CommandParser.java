package io.knetsim.tool.nft;

import io.knetsim.netfilter.NfHook;
import io.knetsim.netfilter.nft.BaseChain;
import io.knetsim.netfilter.nft.Chain;
import io.knetsim.netfilter.nft.ChainType;
import io.knetsim.netfilter.nft.DataType;
import io.knetsim.netfilter.nft.Family;
import io.knetsim.netfilter.nft.NftException;
import io.knetsim.netfilter.nft.NftSet;
import io.knetsim.netfilter.nft.Nftables;
import io.knetsim.netfilter.nft.Priority;
import io.knetsim.netfilter.nft.Rule;
import io.knetsim.netfilter.nft.Stmt;
import io.knetsim.netfilter.nft.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The command grammar of nft ({@code add|create|insert|replace|delete|flush|list ...}, and the
 * file syntax with {@code table ... { chain ... { ... } }} blocks and {@code define}), run
 * command by command inside one transaction: a syntax error or a refused change anywhere
 * leaves the ruleset as it was.
 */
final class CommandParser {
    private final Nftables nft;
    private final Tokens in;
    private final boolean handles;
    private final StringBuilder out = new StringBuilder();
    private int commandStart;

    CommandParser(Nftables nft, Source src, boolean handles) {
        this.nft = nft;
        this.in = new Tokens(Lexer.lex(src));
        this.handles = handles;
    }

    /** Runs every command; returns what list commands printed. */
    String run() {
        nft.apply(n -> {
            while (true) {
                in.skipSeparators();
                if (in.peek().kind() == Token.Kind.EOF) {
                    break;
                }
                Token start = in.peek();
                commandStart = start.start();
                try {
                    command();
                } catch (NftException e) {
                    throw new NftSyntaxException(e.getMessage(), start.source(), commandStart, in.last().end());
                }
                Token end = in.peek();
                if (!end.isEnd()) {
                    throw Tokens.unexpected(end);
                }
            }
        });
        return out.toString();
    }

    private void command() {
        Token verb = in.next();
        switch (verb.text()) {
            case "add", "create" -> add(verb.is("create"));
            case "insert" -> {
                in.expect("rule");
                ruleCommand(true, false);
            }
            case "replace" -> {
                in.expect("rule");
                ruleCommand(false, true);
            }
            case "delete", "destroy" -> delete();
            case "flush" -> flush();
            case "list" -> list();
            case "table" -> {
                Table t = nft.addTable(family(), in.name().text(), false);
                tableBlock(t);
            }
            case "define" -> {
                Token name = in.name();
                in.expect("=");
                List<Token> value = new ArrayList<>();
                int depth = 0;
                while (!(in.peek().isEnd() && depth == 0) && in.peek().kind() != Token.Kind.EOF) {
                    Token t = in.next();
                    depth += t.is("{") ? 1 : t.is("}") ? -1 : 0;
                    value.add(t);
                }
                if (value.isEmpty()) {
                    throw Tokens.unexpected(in.peek());
                }
                in.define(name.text(), value);
            }
            default -> throw Tokens.unexpected(verb);
        }
    }

    private Family family() {
        Token t = in.peek();
        if (t.kind() == Token.Kind.WORD && Family.isFamilyWord(t.text())) {
            in.next();
            try {
                return Family.parse(t.text());
            } catch (NftException e) {
                throw new NftSyntaxException(e.getMessage(), t);
            }
        }
        return Family.IP;
    }

    private Table table(Family f, Token name) {
        Table t = nft.table(f, name.text());
        if (t == null) {
            throw new NftSyntaxException("No such file or directory", name);
        }
        return t;
    }

    private Chain chain(Table t, Token name) {
        Chain c = t.chain(name.text());
        if (c == null) {
            throw new NftSyntaxException("No such file or directory", name);
        }
        return c;
    }

    private NftSet set(Table t, Token name, boolean map) {
        NftSet s = t.set(name.text());
        if (s == null || s.isMap() != map) {
            throw new NftSyntaxException("No such file or directory", name);
        }
        return s;
    }

    // ---- add ------------------------------------------------------------------------------

    private void add(boolean create) {
        Token what = in.next();
        switch (what.text()) {
            case "table" -> {
                Table t = nft.addTable(family(), in.name().text(), create);
                if (in.peek().is("{")) {
                    tableBlock(t);
                }
            }
            case "chain" -> {
                Family f = family();
                Table t = table(f, in.name());
                Token name = in.name();
                if (in.peek().is("{")) {
                    chainBlock(t, name, create);
                } else {
                    nft.addChain(t, name.text(), null, create);
                }
            }
            case "rule" -> ruleCommand(false, false);
            case "set", "map" -> {
                Family f = family();
                Table t = table(f, in.name());
                setBlock(t, in.name(), what.is("map"), create);
            }
            case "element" -> {
                Family f = family();
                Table t = table(f, in.name());
                Token name = in.name();
                NftSet s = t.set(name.text());
                if (s == null) {
                    throw new NftSyntaxException("No such file or directory", name);
                }
                elements(t, s, false);
            }
            default -> throw Tokens.unexpected(what);
        }
    }

    private void ruleCommand(boolean insert, boolean replace) {
        Family f = family();
        Table t = table(f, in.name());
        Chain c = chain(t, in.name());
        Nftables.Position pos = insert ? Nftables.Position.PREPEND : Nftables.Position.APPEND;
        long handle = 0;
        if (in.peek().is("position") || in.peek().is("handle")) {
            in.next();
            Token h = in.next();
            handle = RuleParser.number(h);
            if (c.rule(handle) == null) {
                throw new NftSyntaxException("Could not process rule: No such file or directory", h);
            }
            pos = insert ? Nftables.Position.BEFORE : Nftables.Position.AFTER;
        } else if (in.accept("index")) {
            Token i = in.next();
            long idx = RuleParser.number(i);
            List<Rule> rules = c.rules();
            if (idx >= rules.size()) {
                throw new NftSyntaxException("Could not process rule: No such file or directory", i);
            }
            handle = rules.get((int) idx).handle();
            pos = insert ? Nftables.Position.BEFORE : Nftables.Position.AFTER;
        } else if (replace) {
            throw Tokens.unexpected(in.peek());
        }
        List<Stmt> stmts = new RuleParser(in, t).rule();
        if (replace) {
            nft.replaceRule(c, handle, stmts);
        } else {
            nft.addRule(c, stmts, pos, handle);
        }
    }

    /**
     * A table block, expanded as nft expands it: first every chain (with its hook), then
     * the sets and maps (whose verdicts may name any chain of the block), then the rules.
     */
    private void tableBlock(Table t) {
        in.expect("{");
        List<Token> chainNames = new ArrayList<>();
        List<Integer> chainBodies = new ArrayList<>();
        List<Token> setNames = new ArrayList<>();
        List<Integer> setBodies = new ArrayList<>();
        List<Boolean> setIsMap = new ArrayList<>();
        while (true) {
            in.skipSeparators();
            Token item = in.next();
            if (item.is("}")) {
                break;
            }
            switch (item.text()) {
                case "chain" -> {
                    chainNames.add(in.name());
                    chainBodies.add(in.position());
                    in.skipBlock();
                }
                case "set", "map" -> {
                    setNames.add(in.name());
                    setBodies.add(in.position());
                    setIsMap.add(item.is("map"));
                    in.skipBlock();
                }
                default -> throw Tokens.unexpected(item);
            }
        }
        int end = in.position();
        List<Chain> chains = new ArrayList<>();
        List<Integer> rules = new ArrayList<>();
        for (int i = 0; i < chainNames.size(); i++) {
            in.seek(chainBodies.get(i));
            chains.add(chainHeader(t, chainNames.get(i), false));
            rules.add(in.position());
        }
        for (int i = 0; i < setNames.size(); i++) {
            in.seek(setBodies.get(i));
            setBlock(t, setNames.get(i), setIsMap.get(i), false);
        }
        for (int i = 0; i < chains.size(); i++) {
            in.seek(rules.get(i));
            chainRules(t, chains.get(i));
        }
        in.seek(end);
    }

    private void chainBlock(Table t, Token name, boolean create) {
        chainRules(t, chainHeader(t, name, create));
    }

    /** {@code { type ... ; policy ... ;} up to the first rule: makes (or updates) the chain. */
    private Chain chainHeader(Table t, Token name, boolean create) {
        in.expect("{");
        BaseChain base = null;
        Boolean policyDrop = null;
        while (true) {
            in.skipSeparators();
            Token item = in.peek();
            if (item.is("type")) {
                in.next();
                base = baseChain();
            } else if (item.is("policy")) {
                in.next();
                Token p = in.next();
                if (!p.is("accept") && !p.is("drop")) {
                    throw Tokens.unexpected(p);
                }
                policyDrop = p.is("drop");
                requireSeparator();
            } else {
                return nft.addChain(t, name.text(), withPolicy(base, policyDrop, name), create);
            }
        }
    }

    /** The rules of a chain block, up to its closing brace. */
    private void chainRules(Table t, Chain c) {
        while (true) {
            in.skipSeparators();
            if (in.accept("}")) {
                return;
            }
            nft.addRule(c, new RuleParser(in, t).rule(), Nftables.Position.APPEND, 0);
            if (!in.peek().isEnd() && !in.peek().is("}")) {
                throw Tokens.unexpected(in.peek());
            }
        }
    }

    private static BaseChain withPolicy(BaseChain base, Boolean policyDrop, Token at) {
        if (base == null) {
            if (policyDrop != null) {
                throw new NftSyntaxException("policy is only valid on base chains", at);
            }
            return null;
        }
        return policyDrop == null ? base
            : new BaseChain(base.type(), base.hook(), base.priority(), policyDrop);
    }

    private BaseChain baseChain() {
        Token typeTok = in.name();
        ChainType type;
        try {
            type = ChainType.parse(typeTok.text());
        } catch (NftException e) {
            throw new NftSyntaxException(e.getMessage(), typeTok);
        }
        in.expect("hook");
        Token hookTok = in.name();
        NfHook hook = null;
        for (NfHook h : NfHook.values()) {
            if (h.text().equals(hookTok.text())) {
                hook = h;
            }
        }
        if (hook == null) {
            throw new NftSyntaxException("unknown chain hook", hookTok);
        }
        if (!type.allows(hook)) {
            throw new NftSyntaxException("Could not process rule: Operation not supported", typeTok.source(),
                typeTok.start(), hookTok.end());
        }
        in.expect("priority");
        int prio;
        Token p = in.next();
        if (p.is("-")) {
            prio = (int) -RuleParser.number(in.next());
        } else if (p.kind() == Token.Kind.WORD && Character.isDigit(p.text().charAt(0))) {
            prio = (int) RuleParser.number(p);
        } else if (p.kind() == Token.Kind.WORD) {
            try {
                prio = Priority.named(p.text(), hook);
            } catch (NftException e) {
                throw new NftSyntaxException(e.getMessage(), p);
            }
            if (in.peek().is("+") || in.peek().is("-")) {
                boolean minus = in.next().is("-");
                long off = RuleParser.number(in.next());
                prio += minus ? -off : off;
            }
        } else {
            throw Tokens.unexpected(p);
        }
        requireSeparator();
        return new BaseChain(type, hook, prio, false);
    }

    /** {@code type ...} and {@code policy ...} end with a semicolon or a newline, as in nft's grammar. */
    private void requireSeparator() {
        Token t = in.peek();
        if (!t.is(";") && t.kind() != Token.Kind.NEWLINE) {
            throw new NftSyntaxException("syntax error, unexpected " + t.describe() + ", expecting newline or semicolon", t);
        }
    }

    private void setBlock(Table t, Token name, boolean map, boolean create) {
        in.expect("{");
        List<DataType> keyTypes = null;
        DataType dataType = null;
        boolean interval = false;
        boolean dynamic = false;
        boolean timeouts = false;
        long timeout = 0;
        NftSet s = null;
        while (true) {
            in.skipSeparators();
            Token item = in.next();
            if (item.is("}")) {
                break;
            }
            switch (item.text()) {
                case "type" -> {
                    keyTypes = new ArrayList<>();
                    keyTypes.add(dataType(in.name()));
                    while (in.accept(".")) {
                        keyTypes.add(dataType(in.name()));
                    }
                    if (map) {
                        in.expect(":");
                        dataType = dataType(in.name());
                    }
                }
                case "flags" -> {
                    do {
                        Token f = in.name();
                        switch (f.text()) {
                            case "interval" -> interval = true;
                            case "dynamic" -> dynamic = true;
                            case "timeout" -> timeouts = true;
                            default -> throw new NftSyntaxException("set flag '" + f.text() + "' is not modelled by knetsim",
                                f);
                        }
                    } while (in.accept(","));
                }
                case "timeout" -> timeout = time(in.next());
                case "elements" -> {
                    in.expect("=");
                    s = makeSet(t, name, keyTypes, dataType, interval, create, item, dynamic, timeouts, timeout);
                    elements(t, s, false);
                }
                default -> throw Tokens.unexpected(item);
            }
        }
        if (s == null) {
            makeSet(t, name, keyTypes, dataType, interval, create, name, dynamic, timeouts, timeout);
        }
    }

    private NftSet makeSet(Table t, Token name, List<DataType> keyTypes, DataType dataType, boolean interval,
                           boolean create, Token at, boolean dynamic, boolean timeouts, long timeout) {
        if (keyTypes == null) {
            throw new NftSyntaxException("set definition does not specify key", name);
        }
        try {
            return nft.addSet(t, new NftSet(name.text(), false, keyTypes, dataType, interval)
                .withTimeouts(dynamic, timeouts, timeout), create);
        } catch (NftException e) {
            throw new NftSyntaxException(e.getMessage(), at);
        }
    }

    /** nft's time: {@code 10800s}, {@code 3h}, {@code 2h30m}, {@code 1d}, {@code 500ms}; nanoseconds. */
    private static long time(Token t) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|d|h|m|s)").matcher(t.text());
        long ms = 0;
        int at = 0;
        while (m.find() && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            ms += n * switch (m.group(2)) {
                case "d" -> 86_400_000L;
                case "h" -> 3_600_000L;
                case "m" -> 60_000L;
                case "s" -> 1000L;
                default -> 1L;
            };
            at = m.end();
        }
        if (at == 0 || at != t.text().length()) {
            throw new NftSyntaxException("Wrong time format, expecting [NUMd][NUMh][NUMm][NUMs][NUMms]", t);
        }
        return ms * 1_000_000L;
    }

    private DataType dataType(Token t) {
        DataType d = DataType.byName(t.text());
        if (d == null) {
            throw new NftSyntaxException("unknown datatype " + t.text(), t);
        }
        return d;
    }

    /** {@code { e1, e2 : v2, 10.0.0.0/8 }} into a table's set, or out of it when {@code delete}. */
    private void elements(Table t, NftSet s, boolean delete) {
        in.expect("{");
        RuleParser rp = new RuleParser(in, t);
        while (true) {
            while (in.peek().kind() == Token.Kind.NEWLINE) {
                in.next();
            }
            if (in.accept("}")) {
                return;
            }
            Token first = in.peek();
            RuleParser.Elem e = rp.element(s.keyTypes());
            Object data = null;
            if (s.isMap() && !delete) {
                in.expect(":");
                data = s.isVerdictMap() ? rp.verdict() : RuleParser.atom(in.next(), s.dataType());
            }
            try {
                if (delete) {
                    nft.deleteElement(s, e.range ? new NftSet.Interval(e.lo, e.hi, e.prefix, null) : e.key);
                } else if (e.range) {
                    nft.addRange(t, s, e.lo, e.hi, e.prefix, data);
                } else {
                    nft.addElement(t, s, e.key, data);
                }
            } catch (NftException ex) {
                throw new NftSyntaxException(ex.getMessage(), first.source(), first.start(), in.last().end());
            }
            while (in.peek().kind() == Token.Kind.NEWLINE) {
                in.next();
            }
            if (!in.accept(",")) {
                in.expect("}");
                return;
            }
        }
    }

    // ---- delete, flush, list ----------------------------------------------------------------

    private void delete() {
        Token what = in.next();
        switch (what.text()) {
            case "table" -> nft.deleteTable(table(family(), in.name()));
            case "chain" -> {
                Table t = table(family(), in.name());
                nft.deleteChain(chain(t, in.name()));
            }
            case "rule" -> {
                Table t = table(family(), in.name());
                Chain c = chain(t, in.name());
                in.expect("handle");
                Token h = in.next();
                long handle = RuleParser.number(h);
                if (c.rule(handle) == null) {
                    throw new NftSyntaxException("Could not process rule: No such file or directory", h);
                }
                nft.deleteRule(c, handle);
            }
            case "set", "map" -> {
                Table t = table(family(), in.name());
                nft.deleteSet(t, set(t, in.name(), what.is("map")));
            }
            case "element" -> {
                Table t = table(family(), in.name());
                Token name = in.name();
                NftSet s = t.set(name.text());
                if (s == null) {
                    throw new NftSyntaxException("No such file or directory", name);
                }
                elements(t, s, true);
            }
            default -> throw Tokens.unexpected(what);
        }
    }

    /** The tables {@code flush ruleset [FAMILY]} and {@code list ruleset [FAMILY]} act on, in table order. */
    private List<Table> rulesetTables() {
        Family f = in.peek().kind() == Token.Kind.WORD && Family.isFamilyWord(in.peek().text()) ? family() : null;
        List<Table> picked = new ArrayList<>();
        for (Table t : nft.tables()) {
            if (f == null || t.family() == f) {
                picked.add(t);
            }
        }
        return picked;
    }

    private void flush() {
        Token what = in.next();
        switch (what.text()) {
            case "ruleset" -> rulesetTables().forEach(nft::deleteTable);
            case "table" -> nft.flushTable(table(family(), in.name()));
            case "chain" -> {
                Table t = table(family(), in.name());
                nft.flushChain(chain(t, in.name()));
            }
            case "set", "map" -> {
                Table t = table(family(), in.name());
                nft.flushSet(set(t, in.name(), what.is("map")));
            }
            default -> throw Tokens.unexpected(what);
        }
    }

    private void list() {
        Token what = in.next();
        switch (what.text()) {
            case "ruleset" -> rulesetTables().forEach(t -> out.append(new Listing(handles).table(t, null, null)));
            case "tables" -> {
                for (Table t : nft.tables()) {
                    out.append("table ").append(t.family().text()).append(' ').append(t.name()).append('\n');
                }
            }
            case "table" -> out.append(new Listing(handles).table(table(family(), in.name()), null, null));
            case "chain" -> {
                Table t = table(family(), in.name());
                out.append(new Listing(handles).table(t, chain(t, in.name()), null));
            }
            case "set", "map" -> {
                Table t = table(family(), in.name());
                out.append(new Listing(handles).table(t, null, set(t, in.name(), what.is("map"))));
            }
            default -> throw Tokens.unexpected(what);
        }
    }
}
