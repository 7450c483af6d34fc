package io.knetsim.skupper.amqp;

/**
 * An AMQP {@code ulong}, held as the 64 bits of a Java long (values above 2^63-1 read as
 * negative): format codes 0x80 ulong, 0x53 smallulong, 0x44 ulong0. Descriptor codes are ulongs.
 */
public record UnsignedLong(long value) {
    public static UnsignedLong of(long value) {
        return new UnsignedLong(value);
    }
}
