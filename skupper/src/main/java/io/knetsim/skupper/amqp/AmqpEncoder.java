package io.knetsim.skupper.amqp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes AMQP 1.0 values in the most compact encoding the specification allows, as
 * Qpid Proton does: {@code uint0}/{@code smalluint} for small uints, {@code ulong0}/
 * {@code smallulong} for small ulongs, {@code smallint}/{@code smalllong} when a value fits a
 * byte, the 8-bit forms of strings, symbols, binaries, lists and maps when they fit and
 * {@code list0} for the empty list. Booleans use the one-byte {@code true}/{@code false} codes.
 *
 * <p>Java mapping: {@code null}, {@link Boolean}, {@link UnsignedByte}, {@link UnsignedShort},
 * {@link UnsignedInt}, {@link UnsignedLong}, {@link Integer} (int), {@link Long} (long),
 * {@link Instant} (timestamp, milliseconds), {@link UUID}, {@link Binary}, {@link String},
 * {@link Symbol}, {@link List}, {@link Map}, {@link AmqpArray}, {@link Described}.
 */
public final class AmqpEncoder {
    private byte[] buf;
    private int pos;

    public AmqpEncoder() {
        this(64);
    }

    public AmqpEncoder(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    /** Encodes one value to a new array. */
    public static byte[] encode(Object value) {
        AmqpEncoder e = new AmqpEncoder();
        e.write(value);
        return e.toByteArray();
    }

    public int size() {
        return pos;
    }

    public byte[] toByteArray() {
        return java.util.Arrays.copyOf(buf, pos);
    }

    /** Writes {@code value} by its Java type (see the class comment). */
    public AmqpEncoder write(Object value) {
        if (value == null) {
            return writeNull();
        } else if (value instanceof Boolean b) {
            return writeBoolean(b);
        } else if (value instanceof UnsignedByte u) {
            return writeUbyte(u.value());
        } else if (value instanceof UnsignedShort u) {
            return writeUshort(u.value());
        } else if (value instanceof UnsignedInt u) {
            return writeUint(u.value());
        } else if (value instanceof UnsignedLong u) {
            return writeUlong(u.value());
        } else if (value instanceof Integer i) {
            return writeInt(i);
        } else if (value instanceof Long l) {
            return writeLong(l);
        } else if (value instanceof Instant t) {
            return writeTimestamp(t.toEpochMilli());
        } else if (value instanceof UUID u) {
            return writeUuid(u);
        } else if (value instanceof Binary b) {
            return writeBinary(b.array());
        } else if (value instanceof byte[] b) {
            return writeBinary(b);
        } else if (value instanceof String s) {
            return writeString(s);
        } else if (value instanceof Symbol s) {
            return writeSymbol(s.value());
        } else if (value instanceof List<?> l) {
            return writeList(l);
        } else if (value instanceof Map<?, ?> m) {
            return writeMap(m);
        } else if (value instanceof AmqpArray a) {
            return writeArray(a);
        } else if (value instanceof Described d) {
            return writeDescribed(d.descriptor(), d.value());
        }
        throw new IllegalArgumentException("no AMQP encoding for " + value.getClass().getName());
    }

    public AmqpEncoder writeNull() {
        return u8(TypeCode.NULL);
    }

    public AmqpEncoder writeBoolean(boolean b) {
        return u8(b ? TypeCode.TRUE : TypeCode.FALSE);
    }

    public AmqpEncoder writeUbyte(int v) {
        return u8(TypeCode.UBYTE).u8(v);
    }

    public AmqpEncoder writeUshort(int v) {
        return u8(TypeCode.USHORT).u16(v);
    }

    public AmqpEncoder writeUint(long v) {
        if (v == 0) {
            return u8(TypeCode.UINT0);
        } else if (v < 256) {
            return u8(TypeCode.SMALLUINT).u8((int) v);
        }
        return u8(TypeCode.UINT).u32(v);
    }

    public AmqpEncoder writeUlong(long v) {
        if (v == 0) {
            return u8(TypeCode.ULONG0);
        } else if (v > 0 && v < 256) {
            return u8(TypeCode.SMALLULONG).u8((int) v);
        }
        return u8(TypeCode.ULONG).u64(v);
    }

    public AmqpEncoder writeInt(int v) {
        if (v >= -128 && v <= 127) {
            return u8(TypeCode.SMALLINT).u8(v);
        }
        return u8(TypeCode.INT).u32(v);
    }

    public AmqpEncoder writeLong(long v) {
        if (v >= -128 && v <= 127) {
            return u8(TypeCode.SMALLLONG).u8((int) v);
        }
        return u8(TypeCode.LONG).u64(v);
    }

    /** A timestamp: milliseconds since the Unix epoch, 64-bit two's complement. */
    public AmqpEncoder writeTimestamp(long millis) {
        return u8(TypeCode.TIMESTAMP).u64(millis);
    }

    public AmqpEncoder writeUuid(UUID u) {
        return u8(TypeCode.UUID).u64(u.getMostSignificantBits()).u64(u.getLeastSignificantBits());
    }

    public AmqpEncoder writeBinary(byte[] b) {
        return variable(TypeCode.VBIN8, TypeCode.VBIN32, b);
    }

    public AmqpEncoder writeString(String s) {
        return variable(TypeCode.STR8, TypeCode.STR32, s.getBytes(StandardCharsets.UTF_8));
    }

    public AmqpEncoder writeSymbol(String s) {
        return variable(TypeCode.SYM8, TypeCode.SYM32, s.getBytes(StandardCharsets.US_ASCII));
    }

    public AmqpEncoder writeList(List<?> items) {
        if (items.isEmpty()) {
            return u8(TypeCode.LIST0);
        }
        AmqpEncoder body = new AmqpEncoder();
        for (Object o : items) {
            body.write(o);
        }
        return compound(TypeCode.LIST8, TypeCode.LIST32, items.size(), body);
    }

    /** A map: count is the number of keys plus values, as the specification defines it. */
    public AmqpEncoder writeMap(Map<?, ?> map) {
        AmqpEncoder body = new AmqpEncoder();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            body.write(e.getKey());
            body.write(e.getValue());
        }
        return compound(TypeCode.MAP8, TypeCode.MAP32, map.size() * 2, body);
    }

    /** A described value: 0x00, the descriptor, the value. */
    public AmqpEncoder writeDescribed(Object descriptor, Object value) {
        u8(TypeCode.DESCRIBED);
        write(descriptor);
        return write(value);
    }

    /**
     * An array: one constructor for all elements, the full-width form of their type
     * ({@code uint} 0x70, {@code ulong} 0x80, {@code int} 0x71, {@code long} 0x81, and
     * {@code sym8}/{@code str8}/{@code vbin8} when every element fits, else the 32-bit forms).
     */
    public AmqpEncoder writeArray(AmqpArray array) {
        List<Object> els = array.elements();
        if (els.isEmpty()) {
            throw new IllegalArgumentException("an empty AMQP array has no element type");
        }
        Object first = els.get(0);
        for (Object o : els) {
            if (o == null || o.getClass() != first.getClass()) {
                throw new IllegalArgumentException("AMQP array elements must all have one type");
            }
        }
        AmqpEncoder body = new AmqpEncoder();
        int code = arrayElementCode(els);
        body.u8(code);
        for (Object o : els) {
            body.writeArrayElement(code, o);
        }
        // size counts the count field and the body (constructor + elements)
        int count = els.size();
        if (body.pos + 1 <= 255 && count <= 255) {
            u8(TypeCode.ARRAY8).u8(body.pos + 1).u8(count);
        } else {
            u8(TypeCode.ARRAY32).u32(body.pos + 4).u32(count);
        }
        return raw(body.buf, 0, body.pos);
    }

    private static int arrayElementCode(List<Object> els) {
        Object first = els.get(0);
        if (first instanceof Symbol || first instanceof String || first instanceof Binary) {
            boolean small = els.stream().allMatch(o -> variableBytes(o).length <= 255);
            int base = first instanceof Symbol ? TypeCode.SYM8 : first instanceof String ? TypeCode.STR8 : TypeCode.VBIN8;
            return small ? base : base + 0x10;
        }
        if (first instanceof Boolean) {
            return TypeCode.BOOLEAN;
        } else if (first instanceof UnsignedByte) {
            return TypeCode.UBYTE;
        } else if (first instanceof UnsignedShort) {
            return TypeCode.USHORT;
        } else if (first instanceof UnsignedInt) {
            return TypeCode.UINT;
        } else if (first instanceof UnsignedLong) {
            return TypeCode.ULONG;
        } else if (first instanceof Integer) {
            return TypeCode.INT;
        } else if (first instanceof Long) {
            return TypeCode.LONG;
        } else if (first instanceof Instant) {
            return TypeCode.TIMESTAMP;
        } else if (first instanceof UUID) {
            return TypeCode.UUID;
        }
        throw new IllegalArgumentException("no AMQP array encoding for " + first.getClass().getName());
    }

    private static byte[] variableBytes(Object o) {
        if (o instanceof Symbol s) {
            return s.value().getBytes(StandardCharsets.US_ASCII);
        } else if (o instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        return ((Binary) o).array();
    }

    private void writeArrayElement(int code, Object o) {
        switch (code) {
            case TypeCode.SYM8, TypeCode.STR8, TypeCode.VBIN8 -> {
                byte[] b = variableBytes(o);
                u8(b.length).raw(b, 0, b.length);
            }
            case TypeCode.SYM32, TypeCode.STR32, TypeCode.VBIN32 -> {
                byte[] b = variableBytes(o);
                u32(b.length).raw(b, 0, b.length);
            }
            case TypeCode.BOOLEAN -> u8((Boolean) o ? 1 : 0);
            case TypeCode.UBYTE -> u8(((UnsignedByte) o).value());
            case TypeCode.USHORT -> u16(((UnsignedShort) o).value());
            case TypeCode.UINT -> u32(((UnsignedInt) o).value());
            case TypeCode.ULONG -> u64(((UnsignedLong) o).value());
            case TypeCode.INT -> u32((Integer) o);
            case TypeCode.LONG -> u64((Long) o);
            case TypeCode.TIMESTAMP -> u64(((Instant) o).toEpochMilli());
            case TypeCode.UUID -> u64(((UUID) o).getMostSignificantBits()).u64(((UUID) o).getLeastSignificantBits());
            default -> throw new IllegalStateException("array code " + code);
        }
    }

    private AmqpEncoder variable(int code8, int code32, byte[] b) {
        if (b.length <= 255) {
            u8(code8).u8(b.length);
        } else {
            u8(code32).u32(b.length);
        }
        return raw(b, 0, b.length);
    }

    /** list8/map8 when size (count byte + body) and count fit a byte, else list32/map32. */
    private AmqpEncoder compound(int code8, int code32, int count, AmqpEncoder body) {
        if (body.pos + 1 <= 255 && count <= 255) {
            u8(code8).u8(body.pos + 1).u8(count);
        } else {
            u8(code32).u32(body.pos + 4).u32(count);
        }
        return raw(body.buf, 0, body.pos);
    }

    /** Appends bytes already encoded. */
    public AmqpEncoder raw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    AmqpEncoder u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    AmqpEncoder u16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    AmqpEncoder u32(long v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    AmqpEncoder u64(long v) {
        u32(v >>> 32);
        return u32(v & 0xffff_ffffL);
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
