package io.knetsim.skupper.amqp;

/**
 * The 8-byte AMQP frame header (part 2, section 2.3.1), a view over {@code (byte[] buf, int off)}:
 *
 * <pre>
 *   0                   1                   2                   3
 *  +-------+-------+-------+-------+-------+-------+-------+-------+
 *  |             SIZE              | DOFF  | TYPE  |    CHANNEL    |
 *  +-------+-------+-------+-------+-------+-------+-------+-------+
 *  |   extended header (DOFF*4 - 8 bytes)  |  frame body ...       |
 * </pre>
 *
 * SIZE is the whole frame's length including this header; DOFF the data offset in 4-byte
 * words (2 when there is no extended header, as always here); TYPE 0x00 for AMQP frames
 * (0x01 SASL); CHANNEL the session's channel.
 */
public final class FrameHeader {
    public static final int LENGTH = 8;
    public static final int SIZE = 0;
    public static final int DOFF = 4;
    public static final int TYPE = 5;
    public static final int CHANNEL = 6;
    public static final int TYPE_AMQP = 0x00;
    public static final int TYPE_SASL = 0x01;
    /** The smallest max-frame-size a peer may ask for (part 2, section 2.7.1: 512 octets). */
    public static final int MIN_MAX_FRAME_SIZE = 512;

    private FrameHeader() {
    }

    public static long size(byte[] b, int off) {
        return ((long) (b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
            | (b[off + 3] & 0xff);
    }

    public static int doff(byte[] b, int off) {
        return b[off + DOFF] & 0xff;
    }

    public static int type(byte[] b, int off) {
        return b[off + TYPE] & 0xff;
    }

    public static int channel(byte[] b, int off) {
        return ((b[off + CHANNEL] & 0xff) << 8) | (b[off + CHANNEL + 1] & 0xff);
    }

    /** Writes a header with DOFF 2 and TYPE 0 (AMQP). */
    public static void write(byte[] b, int off, int size, int channel) {
        b[off] = (byte) (size >>> 24);
        b[off + 1] = (byte) (size >>> 16);
        b[off + 2] = (byte) (size >>> 8);
        b[off + 3] = (byte) size;
        b[off + DOFF] = 2;
        b[off + TYPE] = TYPE_AMQP;
        b[off + CHANNEL] = (byte) (channel >>> 8);
        b[off + CHANNEL + 1] = (byte) channel;
    }
}
