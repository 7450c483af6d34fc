package io.knetsim.skupper.amqp;

/** An AMQP {@code uint} (0..2^32-1): format codes 0x70 uint, 0x52 smalluint, 0x43 uint0. */
public record UnsignedInt(long value) {
    public UnsignedInt {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException("uint out of range: " + value);
        }
    }

    public static UnsignedInt of(long value) {
        return new UnsignedInt(value);
    }
}
