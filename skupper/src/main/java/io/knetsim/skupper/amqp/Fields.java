package io.knetsim.skupper.amqp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reading and writing the positional fields of AMQP composite types (a described list):
 * a field past the end of the list is null, and on writing trailing nulls are left off, as
 * the specification allows and real implementations do.
 */
final class Fields {
    private final String type;
    private final List<?> list;

    private Fields(String type, List<?> list) {
        this.type = type;
        this.list = list;
    }

    /** The fields of {@code value}, which must be a list (the body of {@code type}). */
    static Fields of(String type, Object value) {
        if (!(value instanceof List<?> l)) {
            throw new AmqpDecodeException(type + ": expected a list, got " + describe(value), false);
        }
        return new Fields(type, l);
    }

    /** A described list with code {@code code} and {@code values}, trailing nulls dropped. */
    static Described composite(long code, Object... values) {
        int n = values.length;
        while (n > 0 && values[n - 1] == null) {
            n--;
        }
        return new Described(new UnsignedLong(code), new ArrayList<>(Arrays.asList(values).subList(0, n)));
    }

    Object raw(int i) {
        return i < list.size() ? list.get(i) : null;
    }

    Object required(int i, String name) {
        Object v = raw(i);
        if (v == null) {
            throw new AmqpDecodeException(type + ": mandatory field " + name + " is null", false);
        }
        return v;
    }

    Long uint(int i, String name) {
        Object v = raw(i);
        if (v == null) {
            return null;
        } else if (v instanceof UnsignedInt u) {
            return u.value();
        }
        throw wrong(name, "uint", v);
    }

    long uintRequired(int i, String name) {
        required(i, name);
        return uint(i, name);
    }

    Long ulong(int i, String name) {
        Object v = raw(i);
        if (v == null) {
            return null;
        } else if (v instanceof UnsignedLong u) {
            return u.value();
        }
        throw wrong(name, "ulong", v);
    }

    Integer ushort(int i, String name) {
        Object v = raw(i);
        if (v == null) {
            return null;
        } else if (v instanceof UnsignedShort u) {
            return u.value();
        }
        throw wrong(name, "ushort", v);
    }

    Integer ubyte(int i, String name) {
        Object v = raw(i);
        if (v == null) {
            return null;
        } else if (v instanceof UnsignedByte u) {
            return u.value();
        }
        throw wrong(name, "ubyte", v);
    }

    Boolean bool(int i, String name) {
        Object v = raw(i);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        throw wrong(name, "boolean", v);
    }

    String string(int i, String name) {
        Object v = raw(i);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw wrong(name, "string", v);
    }

    Symbol symbol(int i, String name) {
        Object v = raw(i);
        if (v == null || v instanceof Symbol) {
            return (Symbol) v;
        }
        throw wrong(name, "symbol", v);
    }

    Binary binary(int i, String name) {
        Object v = raw(i);
        if (v == null || v instanceof Binary) {
            return (Binary) v;
        }
        throw wrong(name, "binary", v);
    }

    /** A {@code symbol} multiple: a single symbol or an array of them. */
    List<Symbol> symbols(int i, String name) {
        Object v = raw(i);
        if (v == null) {
            return null;
        } else if (v instanceof Symbol s) {
            return List.of(s);
        } else if (v instanceof AmqpArray a && a.elements().stream().allMatch(e -> e instanceof Symbol)) {
            return a.elements().stream().map(e -> (Symbol) e).toList();
        }
        throw wrong(name, "symbol array", v);
    }

    @SuppressWarnings("unchecked")
    Map<Object, Object> map(int i, String name) {
        Object v = raw(i);
        if (v == null || v instanceof Map) {
            return (Map<Object, Object>) v;
        }
        throw wrong(name, "map", v);
    }

    Described described(int i, String name) {
        Object v = raw(i);
        if (v == null || v instanceof Described) {
            return (Described) v;
        }
        throw wrong(name, "described type", v);
    }

    static UnsignedInt uint(Long v) {
        return v == null ? null : new UnsignedInt(v);
    }

    static AmqpArray symbolArray(List<Symbol> v) {
        return v == null || v.isEmpty() ? null : new AmqpArray(new ArrayList<>(v));
    }

    private AmqpDecodeException wrong(String name, String expected, Object got) {
        return new AmqpDecodeException(type + ": field " + name + " should be " + expected + ", got " + describe(got),
            false);
    }

    static String describe(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName();
    }
}
