package io.knetsim.skupper.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The attribute map of one entity being read, with the location (source, index, type) that
 * every error message carries. Values are checked against the schema's types the way
 * skupper-router reads its JSON configuration: integers may also be written as strings of
 * digits (Skupper writes {@code "helloMaxAgeSeconds": "3"}, the labs {@code "port": "55671"}),
 * booleans also as {@code "yes"}/{@code "no"}.
 */
final class Attributes {
    /** Types of attributes kept as they are, without a typed field of their own. */
    enum Kind { STRING, INTEGER, BOOLEAN, STRING_OR_INTEGER }

    private final String source;
    private final int index;
    private final String type;
    private final ObjectNode node;

    Attributes(String source, int index, String type, ObjectNode node) {
        this.source = source;
        this.index = index;
        this.type = type;
        this.node = node;
    }

    RouterConfigException error(String attribute, String detail) {
        return new RouterConfigException(source, index, type, attribute, detail);
    }

    /** Rejects any attribute that is neither typed nor one of {@code others}. */
    void checkKnown(Set<String> typed, Map<String, Kind> others) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!typed.contains(name) && !others.containsKey(name)) {
                throw error(name, "unknown attribute for " + type);
            }
        }
    }

    boolean has(String name) {
        return node.has(name);
    }

    String string(String name, String dflt) {
        JsonNode v = node.get(name);
        if (v == null) {
            return dflt;
        }
        if (!v.isTextual()) {
            throw error(name, "expected a string, got " + show(v));
        }
        return v.textValue();
    }

    String requiredString(String name) {
        String s = string(name, null);
        if (s == null) {
            throw error(name, "required but missing");
        }
        if (s.isEmpty()) {
            throw error(name, "expected a non-empty string, got \"\"");
        }
        return s;
    }

    int integer(String name, int dflt, int min, int max) {
        OptionalInt v = optionalInteger(name, min, max);
        return v.isPresent() ? v.getAsInt() : dflt;
    }

    OptionalInt optionalInteger(String name, int min, int max) {
        JsonNode v = node.get(name);
        if (v == null) {
            return OptionalInt.empty();
        }
        Long n = wholeNumber(v);
        if (n == null || n < min || n > max) {
            throw error(name, "expected an integer from " + min + " to " + max + ", got " + show(v));
        }
        return OptionalInt.of(n.intValue());
    }

    /** A port: a number or string of digits from 0 to 65535, or the service names amqp/amqps. */
    int port(String name, int dflt, boolean required) {
        JsonNode v = node.get(name);
        if (v == null) {
            if (required) {
                throw error(name, "required but missing");
            }
            return dflt;
        }
        if (v.isTextual() && v.textValue().equals("amqp")) {
            return 5672;
        }
        if (v.isTextual() && v.textValue().equals("amqps")) {
            return 5671;
        }
        Long n = wholeNumber(v);
        if (n == null || n < 0 || n > 65535) {
            throw error(name, "expected a port number from 0 to 65535, \"amqp\" or \"amqps\", got " + show(v));
        }
        return n.intValue();
    }

    <E extends Enum<E>> E choice(String name, E[] values, E dflt) {
        JsonNode v = node.get(name);
        if (v == null) {
            return dflt;
        }
        StringBuilder expected = new StringBuilder();
        for (E e : values) {
            String wire = wireName(e);
            if (v.isTextual() && v.textValue().equals(wire)) {
                return e;
            }
            expected.append(expected.length() == 0 ? "" : ", ").append(wire);
        }
        throw error(name, "expected one of " + expected + ", got " + show(v));
    }

    /** The values of the untyped attributes present, in the order they were written. */
    Map<String, Object> others(Map<String, Kind> kinds) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            Kind kind = kinds.get(f.getKey());
            if (kind != null) {
                out.put(f.getKey(), value(f.getKey(), f.getValue(), kind));
            }
        }
        return out;
    }

    private Object value(String name, JsonNode v, Kind kind) {
        switch (kind) {
            case STRING:
                if (v.isTextual()) {
                    return v.textValue();
                }
                throw error(name, "expected a string, got " + show(v));
            case INTEGER: {
                Long n = wholeNumber(v);
                if (n == null || n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                    throw error(name, "expected an integer, got " + show(v));
                }
                return n.intValue();
            }
            case BOOLEAN:
                if (v.isBoolean()) {
                    return v.booleanValue();
                }
                if (v.isTextual()) {
                    switch (v.textValue()) {
                        case "yes": case "true": return Boolean.TRUE;
                        case "no": case "false": return Boolean.FALSE;
                        default: break;
                    }
                }
                throw error(name, "expected true or false, got " + show(v));
            case STRING_OR_INTEGER:
                if (v.isTextual()) {
                    return v.textValue();
                }
                if (v.isIntegralNumber() && v.canConvertToInt()) {
                    return Integer.toString(v.intValue());
                }
                throw error(name, "expected a string or an integer, got " + show(v));
            default:
                throw new AssertionError(kind);
        }
    }

    private static Long wholeNumber(JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isTextual() && v.textValue().matches("-?[0-9]{1,18}")) {
            return Long.parseLong(v.textValue());
        }
        return null;
    }

    static String wireName(Enum<?> e) {
        if (e instanceof RouterMode m) {
            return m.wireName();
        }
        if (e instanceof Role r) {
            return r.wireName();
        }
        if (e instanceof Distribution d) {
            return d.wireName();
        }
        throw new IllegalArgumentException("no wire name for " + e);
    }

    /** A JSON value as it was written, shortened for an error message. */
    static String show(JsonNode v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
