package io.knetsim.api.labels;

import io.knetsim.api.GoQuote;
import io.knetsim.api.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The label selector lexer and recursive-descent parser of apimachinery's {@code labels.Parse},
 * token for token, so that errors read the same:
 * {@code unable to parse requirement: found '', expected: identifier},
 * {@code found ')', expected: !, identifier, or 'end of string'}. Keys and values are checked as
 * label keys and values ({@code <nil>: Invalid value: "a@b": name part must consist of ...}).
 */
final class SelectorParser {
    private enum Tok { ERROR, EOS, CLOSE_PAR, COMMA, NOT, DOUBLE_EQ, EQ, GT, IDENT, IN, LT, NEQ, NOTIN, OPEN_PAR }

    private record Item(Tok tok, String lit) {
    }

    private static final Map<String, Tok> KEYWORDS = Map.ofEntries(Map.entry(")", Tok.CLOSE_PAR),
        Map.entry(",", Tok.COMMA), Map.entry("!", Tok.NOT), Map.entry("==", Tok.DOUBLE_EQ), Map.entry("=", Tok.EQ),
        Map.entry(">", Tok.GT), Map.entry("in", Tok.IN), Map.entry("<", Tok.LT), Map.entry("!=", Tok.NEQ),
        Map.entry("notin", Tok.NOTIN), Map.entry("(", Tok.OPEN_PAR));

    private final String s;
    private int pos;
    private final List<Item> items = new ArrayList<>();
    private int position;

    SelectorParser(String s) {
        this.s = s;
    }

    private static final class Fail extends Exception {
        Fail(String m) {
            super(m, null, false, false);
        }
    }

    // ---- lexer ----

    private char read() {
        return pos < s.length() ? s.charAt(pos++) : 0;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isSpecial(char c) {
        return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
    }

    private Item lex() {
        char c = read();
        while (isWhitespace(c)) {
            c = read();
        }
        if (c == 0) {
            return new Item(Tok.EOS, "");
        }
        pos--;
        return isSpecial(c) ? scanSpecial() : scanIdOrKeyword();
    }

    private Item scanIdOrKeyword() {
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = read();
            if (c == 0) {
                break;
            }
            if (isSpecial(c) || isWhitespace(c)) {
                pos--;
                break;
            }
            b.append(c);
        }
        String str = b.toString();
        Tok t = KEYWORDS.get(str);
        return t != null ? new Item(t, str) : new Item(Tok.IDENT, str);
    }

    private Item scanSpecial() {
        Item last = null;
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = read();
            if (c == 0) {
                break;
            }
            if (isSpecial(c)) {
                b.append(c);
                Tok t = KEYWORDS.get(b.toString());
                if (t != null) {
                    last = new Item(t, b.toString());
                } else if (last != null) {
                    pos--;
                    break;
                }
            } else {
                pos--;
                break;
            }
        }
        return last != null ? last : new Item(Tok.ERROR, "error expected: keyword found '" + b + "'");
    }

    // ---- parser ----

    private Item lookahead(boolean values) {
        return adjust(items.get(position), values);
    }

    private Item consume(boolean values) {
        return adjust(items.get(position++), values);
    }

    private static Item adjust(Item it, boolean values) {
        if (values && (it.tok == Tok.IN || it.tok == Tok.NOTIN)) {
            return new Item(Tok.IDENT, it.lit);
        }
        return it;
    }

    List<Requirement> parse() {
        while (true) {
            Item it = lex();
            items.add(it);
            if (it.tok == Tok.EOS) {
                break;
            }
        }
        List<Requirement> reqs = new ArrayList<>();
        try {
            while (true) {
                Item t = lookahead(true);
                switch (t.tok) {
                    case IDENT, NOT -> {
                        try {
                            reqs.add(parseRequirement());
                        } catch (Fail f) {
                            throw new Fail("unable to parse requirement: " + f.getMessage());
                        }
                        Item n = consume(true);
                        switch (n.tok) {
                            case EOS -> {
                                return reqs;
                            }
                            case COMMA -> {
                                Item t2 = lookahead(true);
                                if (t2.tok != Tok.IDENT && t2.tok != Tok.NOT) {
                                    throw new Fail("found '" + t2.lit + "', expected: identifier after ','");
                                }
                            }
                            default -> throw new Fail("found '" + n.lit + "', expected: ',' or 'end of string'");
                        }
                    }
                    case EOS -> {
                        return reqs;
                    }
                    default -> throw new Fail("found '" + t.lit + "', expected: !, identifier, or 'end of string'");
                }
            }
        } catch (Fail f) {
            throw new SelectorParseException(f.getMessage());
        }
    }

    private Requirement parseRequirement() throws Fail {
        Operator op = null;
        Item t = consume(true);
        if (t.tok == Tok.NOT) {
            op = Operator.DOES_NOT_EXIST;
            t = consume(true);
        }
        if (t.tok != Tok.IDENT) {
            throw new Fail("found '" + t.lit + "', expected: identifier");
        }
        String key = t.lit;
        List<String> keyErrs = Validation.qualifiedName(key);
        if (!keyErrs.isEmpty()) {
            throw new Fail("<nil>: Invalid value: " + GoQuote.quote(key) + ": " + String.join("; ", keyErrs));
        }
        Tok next = lookahead(true).tok;
        if ((next == Tok.EOS || next == Tok.COMMA) && op != Operator.DOES_NOT_EXIST) {
            op = Operator.EXISTS;
        }
        if (op == Operator.EXISTS || op == Operator.DOES_NOT_EXIST) {
            return new Requirement(key, op, List.of());
        }
        Item o = consume(false);
        op = switch (o.tok) {
            case IN -> Operator.IN;
            case EQ -> Operator.EQUALS;
            case DOUBLE_EQ -> Operator.DOUBLE_EQUALS;
            case GT -> Operator.GREATER_THAN;
            case LT -> Operator.LESS_THAN;
            case NOTIN -> Operator.NOT_IN;
            case NEQ -> Operator.NOT_EQUALS;
            default -> throw new Fail("found '" + o.lit + "', expected: in, notin, =, ==, !=, gt, lt");
        };
        TreeSet<String> values = op == Operator.IN || op == Operator.NOT_IN ? parseValues() : parseExactValue();
        List<String> sorted = List.copyOf(values);
        List<String> errs = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            String v = sorted.get(i);
            if ((op == Operator.GREATER_THAN || op == Operator.LESS_THAN)) {
                try {
                    Long.parseLong(v);
                } catch (NumberFormatException e) {
                    errs.add("values[" + i + "]: Invalid value: " + GoQuote.quote(v)
                        + ": for 'Gt', 'Lt' operators, the value must be an integer");
                }
            }
        }
        for (int i = 0; i < sorted.size(); i++) {
            for (String m : Validation.labelValue(sorted.get(i))) {
                errs.add("values[" + i + "][" + key + "]: Invalid value: " + GoQuote.quote(sorted.get(i)) + ": " + m);
            }
        }
        if (errs.size() == 1) {
            throw new Fail(errs.get(0));
        } else if (!errs.isEmpty()) {
            throw new Fail("[" + String.join(", ", errs) + "]");
        }
        return new Requirement(key, op, sorted);
    }

    private TreeSet<String> parseValues() throws Fail {
        Item t = consume(true);
        if (t.tok != Tok.OPEN_PAR) {
            throw new Fail("found '" + t.lit + "' expected: '('");
        }
        Item la = lookahead(true);
        switch (la.tok) {
            case IDENT, COMMA -> {
                TreeSet<String> v = parseIdentifiersList();
                if (consume(true).tok != Tok.CLOSE_PAR) {
                    throw new Fail("found '" + la.lit + "', expected: ')'");
                }
                return v;
            }
            case CLOSE_PAR -> {
                consume(true);
                TreeSet<String> v = new TreeSet<>();
                v.add("");
                return v;
            }
            default -> throw new Fail("found '" + la.lit + "', expected: ',', ')' or identifier");
        }
    }

    private TreeSet<String> parseIdentifiersList() throws Fail {
        TreeSet<String> v = new TreeSet<>();
        while (true) {
            Item t = consume(true);
            switch (t.tok) {
                case IDENT -> {
                    v.add(t.lit);
                    Item t2 = lookahead(true);
                    if (t2.tok == Tok.COMMA) {
                        continue;
                    }
                    if (t2.tok == Tok.CLOSE_PAR) {
                        return v;
                    }
                    throw new Fail("found '" + t2.lit + "', expected: ',' or ')'");
                }
                case COMMA -> {
                    if (v.isEmpty()) {
                        v.add("");
                    }
                    Tok t2 = lookahead(true).tok;
                    if (t2 == Tok.CLOSE_PAR) {
                        v.add("");
                        return v;
                    }
                    if (t2 == Tok.COMMA) {
                        consume(true);
                        v.add("");
                    }
                }
                default -> throw new Fail("found '" + t.lit + "', expected: ',', or identifier");
            }
        }
    }

    private TreeSet<String> parseExactValue() throws Fail {
        TreeSet<String> v = new TreeSet<>();
        Tok la = lookahead(true).tok;
        if (la == Tok.EOS || la == Tok.COMMA) {
            v.add("");
            return v;
        }
        Item t = consume(true);
        if (t.tok == Tok.IDENT) {
            v.add(t.lit);
            return v;
        }
        throw new Fail("found '" + t.lit + "', expected: identifier");
    }
}
