package io.knetsim.kv;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of a {@code /v2/keys} request, read as Go's {@code Request.FormValue} reads
 * them: the URL query, and for PUT, POST and DELETE a form body
 * ({@code application/x-www-form-urlencoded}) whose values win over the query's. Values are
 * checked as etcd's v2 handler checks them, with its error codes: a bad boolean is 209, a bad
 * index 203, a bad TTL 202, an empty {@code prevValue} 201, each with
 * {@code invalid value for "FIELD"} as the cause and index 0.
 */
final class EtcdForm {
    private final Map<String, String> values = new LinkedHashMap<>();

    /** Parses {@code a=1&b=x%20y} into {@code values} (first value of a name wins). */
    static Map<String, String> parse(String s, Map<String, String> into) {
        if (s == null || s.isEmpty()) {
            return into;
        }
        for (String pair : s.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            into.putIfAbsent(k, v);
        }
        return into;
    }

    /** Percent-decoding with {@code +} as a space; a malformed escape is 210 "Invalid POST form". */
    static String decode(String s) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                o.write(' ');
            } else if (c == '%') {
                try {
                    o.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                } catch (NumberFormatException | IndexOutOfBoundsException e) {
                    throw new KvError(KvErrorCode.INVALID_FORM,
                        "invalid URL escape \"" + s.substring(i, Math.min(s.length(), i + 3)) + "\"", 0);
                }
                i += 2;
            } else {
                o.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return o.toString(StandardCharsets.UTF_8);
    }

    EtcdForm(String body, String query) {
        parse(body, values);
        Map<String, String> q = parse(query, new LinkedHashMap<>());
        q.forEach(values::putIfAbsent);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name) {
        return values.getOrDefault(name, "");
    }

    /** Go's {@code strconv.ParseBool}; absent is false. */
    boolean bool(String name) {
        Boolean b = optionalBool(name);
        return b != null && b;
    }

    Boolean optionalBool(String name) {
        if (!values.containsKey(name)) {
            return null;
        }
        switch (values.get(name)) {
            case "1", "t", "T", "TRUE", "true", "True":
                return true;
            case "0", "f", "F", "FALSE", "false", "False":
                return false;
            default:
                throw new KvError(KvErrorCode.INVALID_FIELD, "invalid value for \"" + name + "\"", 0);
        }
    }

    /** An unsigned number; absent or empty is 0; else 203 ("index") for indexes. */
    long index(String name) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) {
            return 0;
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0 || !v.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new KvError(KvErrorCode.INDEX_NAN, "invalid value for \"" + name + "\"", 0);
        }
    }

    /** The TTL in seconds, null when absent or empty (a permanent key); 202 when not a number. */
    Long ttl() {
        String v = values.get("ttl");
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0 || !v.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new KvError(KvErrorCode.TTL_NAN, "invalid value for \"ttl\"", 0);
        }
    }

    /** {@code prevValue}, null when absent; 201 when present and empty. */
    String prevValue() {
        if (!values.containsKey("prevValue")) {
            return null;
        }
        String v = values.get("prevValue");
        if (v.isEmpty()) {
            throw new KvError(KvErrorCode.PREV_VALUE_REQUIRED, "\"prevValue\" cannot be empty", 0);
        }
        return v;
    }
}
