package io.knetsim.skupper.amqp;

/** An AMQP {@code ubyte} (0..255), format code 0x50. */
public record UnsignedByte(int value) {
    public UnsignedByte {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException("ubyte out of range: " + value);
        }
    }
}
