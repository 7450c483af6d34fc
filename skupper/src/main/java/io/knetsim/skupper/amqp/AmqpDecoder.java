package io.knetsim.skupper.amqp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads AMQP 1.0 encoded values from {@code (byte[] buf, int off, int end)}, every format
 * code of {@link TypeCode} (all widths of a type decode to the same Java value, so
 * {@code uint0}, {@code smalluint} and {@code uint} all give an {@link UnsignedInt}). A value
 * that runs past {@code end} throws an {@link AmqpDecodeException} marked truncated; an
 * unknown format code one that is not.
 */
public final class AmqpDecoder {
    private final byte[] buf;
    private final int end;
    private int pos;

    public AmqpDecoder(byte[] buf, int off, int end) {
        this.buf = buf;
        this.pos = off;
        this.end = end;
    }

    /** Decodes the single value that fills {@code b}. */
    public static Object decode(byte[] b) {
        AmqpDecoder d = new AmqpDecoder(b, 0, b.length);
        Object v = d.read();
        if (d.pos != b.length) {
            throw new AmqpDecodeException((b.length - d.pos) + " bytes after the value", false);
        }
        return v;
    }

    public int position() {
        return pos;
    }

    public boolean hasMore() {
        return pos < end;
    }

    /** Reads the next value. */
    public Object read() {
        int code = u8();
        return readBody(code);
    }

    private Object readBody(int code) {
        switch (code) {
            case TypeCode.DESCRIBED -> {
                Object descriptor = read();
                return new Described(descriptor, read());
            }
            case TypeCode.NULL -> {
                return null;
            }
            case TypeCode.TRUE -> {
                return Boolean.TRUE;
            }
            case TypeCode.FALSE -> {
                return Boolean.FALSE;
            }
            case TypeCode.UINT0 -> {
                return new UnsignedInt(0);
            }
            case TypeCode.ULONG0 -> {
                return new UnsignedLong(0);
            }
            case TypeCode.LIST0 -> {
                return List.of();
            }
            default -> {
                return readFixedOrVariable(code);
            }
        }
    }

    private Object readFixedOrVariable(int code) {
        switch (code) {
            case TypeCode.BOOLEAN -> {
                int v = u8();
                if (v > 1) {
                    throw new AmqpDecodeException("invalid boolean 0x" + Integer.toHexString(v), false);
                }
                return v == 1;
            }
            case TypeCode.UBYTE -> {
                return new UnsignedByte(u8());
            }
            case TypeCode.USHORT -> {
                return new UnsignedShort(u16());
            }
            case TypeCode.UINT -> {
                return new UnsignedInt(u32());
            }
            case TypeCode.SMALLUINT -> {
                return new UnsignedInt(u8());
            }
            case TypeCode.ULONG -> {
                return new UnsignedLong(u64());
            }
            case TypeCode.SMALLULONG -> {
                return new UnsignedLong(u8());
            }
            case TypeCode.BYTE -> {
                return (int) (byte) u8();
            }
            case TypeCode.SHORT -> {
                return (int) (short) u16();
            }
            case TypeCode.INT -> {
                return (int) u32();
            }
            case TypeCode.SMALLINT -> {
                return (int) (byte) u8();
            }
            case TypeCode.LONG -> {
                return u64();
            }
            case TypeCode.SMALLLONG -> {
                return (long) (byte) u8();
            }
            case TypeCode.TIMESTAMP -> {
                return Instant.ofEpochMilli(u64());
            }
            case TypeCode.UUID -> {
                return new UUID(u64(), u64());
            }
            case TypeCode.VBIN8, TypeCode.VBIN32 -> {
                return new Binary(bytes(code == TypeCode.VBIN8 ? u8() : u32()));
            }
            case TypeCode.STR8, TypeCode.STR32 -> {
                return new String(bytes(code == TypeCode.STR8 ? u8() : u32()), StandardCharsets.UTF_8);
            }
            case TypeCode.SYM8, TypeCode.SYM32 -> {
                return new Symbol(new String(bytes(code == TypeCode.SYM8 ? u8() : u32()), StandardCharsets.US_ASCII));
            }
            case TypeCode.LIST8, TypeCode.LIST32, TypeCode.MAP8, TypeCode.MAP32 -> {
                return readCompound(code);
            }
            case TypeCode.ARRAY8, TypeCode.ARRAY32 -> {
                return readArray(code);
            }
            default -> throw new AmqpDecodeException("invalid format code 0x" + hex(code) + " at offset " + (pos - 1),
                false);
        }
    }

    private Object readCompound(int code) {
        boolean wide = code == TypeCode.LIST32 || code == TypeCode.MAP32;
        long size = wide ? u32() : u8();
        int start = pos;
        need(size);
        long count = wide ? u32() : u8();
        int stop = (int) (start + size);
        AmqpDecoder inner = new AmqpDecoder(buf, pos, stop);
        List<Object> items = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            items.add(inner.read());
        }
        if (inner.pos != stop) {
            throw new AmqpDecodeException("compound of size " + size + " holds " + (inner.pos - start) + " bytes", false);
        }
        pos = stop;
        if (code == TypeCode.LIST8 || code == TypeCode.LIST32) {
            return items;
        }
        if (count % 2 != 0) {
            throw new AmqpDecodeException("map with an odd count " + count, false);
        }
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            m.put(items.get(i), items.get(i + 1));
        }
        return m;
    }

    private AmqpArray readArray(int code) {
        boolean wide = code == TypeCode.ARRAY32;
        long size = wide ? u32() : u8();
        int start = pos;
        need(size);
        long count = wide ? u32() : u8();
        int stop = (int) (start + size);
        AmqpDecoder inner = new AmqpDecoder(buf, pos, stop);
        int elementCode = inner.u8();
        Object descriptor = null;
        boolean described = elementCode == TypeCode.DESCRIBED;
        if (described) {
            descriptor = inner.read();
            elementCode = inner.u8();
        }
        List<Object> items = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            Object v = inner.readBody(elementCode);
            items.add(described ? new Described(descriptor, v) : v);
        }
        pos = stop;
        return new AmqpArray(items);
    }

    private byte[] bytes(long n) {
        need(n);
        byte[] b = java.util.Arrays.copyOfRange(buf, pos, (int) (pos + n));
        pos += (int) n;
        return b;
    }

    private void need(long n) {
        if (pos + n > end) {
            throw new AmqpDecodeException("value needs " + n + " bytes at offset " + pos + ", " + (end - pos)
                + " left", true);
        }
    }

    int u8() {
        need(1);
        return buf[pos++] & 0xff;
    }

    private int u16() {
        need(2);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    private long u32() {
        need(4);
        long v = ((long) (buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
            | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    private long u64() {
        return (u32() << 32) | u32();
    }

    private static String hex(int b) {
        return String.format("%02x", b);
    }
}
