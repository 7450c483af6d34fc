package io.knetsim.skupper.amqp;

import java.util.Arrays;

/**
 * The protocol header each peer sends first (part 2, section 2.2): {@code "AMQP"}, protocol
 * id 0 (AMQP; 3 would be SASL), then major 1, minor 0, revision 0.
 */
public final class ProtocolHeader {
    public static final int LENGTH = 8;
    private static final byte[] AMQP = {'A', 'M', 'Q', 'P', 0, 1, 0, 0};

    private ProtocolHeader() {
    }

    /** {@code AMQP 0x00 0x01 0x00 0x00}. */
    public static byte[] bytes() {
        return AMQP.clone();
    }

    public static boolean matches(byte[] b, int off) {
        return Arrays.equals(b, off, off + LENGTH, AMQP, 0, LENGTH);
    }
}
