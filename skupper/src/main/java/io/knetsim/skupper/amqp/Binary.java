package io.knetsim.skupper.amqp;

import java.util.Arrays;

/** An AMQP {@code binary}: opaque bytes, encoded vbin8 (0xa0) or vbin32 (0xb0); compared by content. */
public final class Binary {
    private final byte[] bytes;

    public Binary(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public static Binary of(byte[] bytes) {
        return new Binary(bytes);
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    byte[] array() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Binary other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "b\"" + new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1) + "\"";
    }
}
