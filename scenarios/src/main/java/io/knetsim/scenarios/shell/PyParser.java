package io.knetsim.scenarios.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the one shape of Python the labs use: {@code NAME.METHOD(ARG, ...)}, possibly after
 * other calls ({@code C0.get("w1").run_ingress(...)}), where each argument is a string literal
 * ({@code "..."} or {@code '...'}, with backslash escapes), an integer, a list or a dict
 * ({@code {"path": "/svc1"}}) of those. Errors read as Python's {@code SyntaxError}s.
 */
final class PyParser {
    /** The last call, on {@code target} after the calls of {@code via} (in order). */
    record Call(String target, List<Step> via, String method, List<Object> args) {
    }

    /** One {@code .METHOD(ARGS)} of a chain. */
    record Step(String method, List<Object> args) {
    }

    private final String s;
    private int i;

    private PyParser(String s) {
        this.s = s;
    }

    static Call parse(String expr) throws PyForms.PyError {
        PyParser p = new PyParser(expr.strip());
        String target = p.identifier();
        List<Step> steps = new ArrayList<>();
        do {
            p.expect('.');
            String method = p.identifier();
            p.expect('(');
            steps.add(new Step(method, p.items(')')));
            p.skipSpace();
        } while (p.i < p.s.length() && p.s.charAt(p.i) == '.');
        if (p.i != p.s.length()) {
            throw p.syntax();
        }
        Step last = steps.remove(steps.size() - 1);
        return new Call(target, List.copyOf(steps), last.method(), last.args());
    }

    private PyForms.PyError syntax() {
        return new PyForms.PyError("invalid syntax (<string>, line 1)");
    }

    private void skipSpace() {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
    }

    private String identifier() throws PyForms.PyError {
        skipSpace();
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        if (start == i || Character.isDigit(s.charAt(start))) {
            throw syntax();
        }
        return s.substring(start, i);
    }

    private void expect(char c) throws PyForms.PyError {
        skipSpace();
        if (i >= s.length() || s.charAt(i) != c) {
            throw syntax();
        }
        i++;
    }

    private List<Object> items(char close) throws PyForms.PyError {
        List<Object> out = new ArrayList<>();
        skipSpace();
        if (i < s.length() && s.charAt(i) == close) {
            i++;
            return out;
        }
        while (true) {
            out.add(value());
            skipSpace();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                skipSpace();
                if (i < s.length() && s.charAt(i) == close) {
                    i++;
                    return out;
                }
                continue;
            }
            expect(close);
            return out;
        }
    }

    private Object value() throws PyForms.PyError {
        skipSpace();
        if (i >= s.length()) {
            throw new PyForms.PyError("unexpected EOF while parsing (<string>, line 1)");
        }
        char c = s.charAt(i);
        if (c == '"' || c == '\'') {
            return string(c);
        }
        if (c == '[') {
            i++;
            return items(']');
        }
        if (c == '{') {
            i++;
            return dict();
        }
        int start = i;
        if (c == '-') {
            i++;
        }
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == start || i == start + 1 && c == '-') {
            throw syntax();
        }
        return Long.parseLong(s.substring(start, i));
    }

    /** {@code {KEY: VALUE, ...}} after the brace, keys in order. */
    private java.util.Map<Object, Object> dict() throws PyForms.PyError {
        java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
        skipSpace();
        if (i < s.length() && s.charAt(i) == '}') {
            i++;
            return out;
        }
        while (true) {
            Object key = value();
            expect(':');
            out.put(key, value());
            skipSpace();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                skipSpace();
                if (i < s.length() && s.charAt(i) == '}') {
                    i++;
                    return out;
                }
                continue;
            }
            expect('}');
            return out;
        }
    }

    private String string(char quote) throws PyForms.PyError {
        i++;
        StringBuilder sb = new StringBuilder();
        while (i < s.length() && s.charAt(i) != quote) {
            char c = s.charAt(i++);
            if (c == '\\' && i < s.length()) {
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case '\\', '\'', '"' -> sb.append(e);
                    default -> sb.append('\\').append(e);
                }
            } else {
                sb.append(c);
            }
        }
        if (i >= s.length()) {
            throw new PyForms.PyError("unterminated string literal (detected at line 1) (<string>, line 1)");
        }
        i++;
        return sb.toString();
    }
}
