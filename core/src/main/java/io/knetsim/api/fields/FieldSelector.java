package io.knetsim.api.fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A field selector ({@code kubectl --field-selector}, and what a kubelet watches its pods with):
 * terms {@code field=value}, {@code field==value} or {@code field!=value} joined by commas, e.g.
 * {@code spec.nodeName=c0w1,status.phase!=Failed}. A backslash escapes {@code ,} {@code =} and
 * {@code \} in values. Parsing follows apimachinery's {@code fields.ParseSelector}, with its
 * error {@code invalid selector: 'x'; can't understand 'x'}; which fields a kind supports is the
 * API server's business ({@code field label not supported: spec.foo}).
 */
public final class FieldSelector {
    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());
    private final List<Term> terms;

    /** One term: a field, {@code =}/{@code ==} (equal) or {@code !=}, and a value. */
    public record Term(String field, boolean equal, String value) {
        @Override
        public String toString() {
            return field + (equal ? "=" : "!=") + value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
        }
    }

    private FieldSelector(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /** Parses {@code text} ("" selects everything). */
    public static FieldSelector parse(String text) {
        List<Term> terms = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return EVERYTHING;
        }
        for (String term : splitTerms(text)) {
            Term t = null;
            for (String op : new String[] {"!=", "==", "="}) {
                int i = unescapedIndex(term, op);
                if (i >= 0) {
                    t = new Term(term.substring(0, i), !op.equals("!="), unescape(term.substring(i + op.length()), text));
                    break;
                }
            }
            if (t == null) {
                throw new IllegalArgumentException("invalid selector: '" + text + "'; can't understand '" + term + "'");
            }
            terms.add(t);
        }
        return new FieldSelector(terms);
    }

    private static List<String> splitTerms(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static int unescapedIndex(String s, String op) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.startsWith(op, i)) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String v, String whole) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\') {
                if (i + 1 >= v.length() || "\\,=".indexOf(v.charAt(i + 1)) < 0) {
                    throw new IllegalArgumentException("invalid field selector: invalid escape sequence in '" + whole + "'");
                }
                sb.append(v.charAt(++i));
            } else if (c == '=' || c == ',') {
                throw new IllegalArgumentException("invalid field selector: unescaped '" + c + "' in value of '" + whole + "'");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public List<Term> terms() {
        return terms;
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** Whether an object with these field values matches; a field the object lacks counts as "". */
    public boolean matches(Map<String, String> fields) {
        for (Term t : terms) {
            String v = fields.getOrDefault(t.field(), "");
            if (v.equals(t.value()) != t.equal()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return String.join(",", terms.stream().map(Term::toString).toList());
    }
}
