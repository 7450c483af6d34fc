package io.knetsim.skupper.amqp;

/** An AMQP {@code ushort} (0..65535), format code 0x60. */
public record UnsignedShort(int value) {
    public UnsignedShort {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("ushort out of range: " + value);
        }
    }
}
