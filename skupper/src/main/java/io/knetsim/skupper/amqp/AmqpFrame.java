package io.knetsim.skupper.amqp;

import java.util.Objects;

/**
 * One AMQP frame: a channel, a performative (null for an empty frame, the heartbeat) and, for
 * a transfer, the message bytes that follow the performative.
 */
public record AmqpFrame(int channel, Performative performative, byte[] payload) {
    private static final byte[] NONE = new byte[0];

    public AmqpFrame {
        payload = payload == null ? NONE : payload;
    }

    public static AmqpFrame of(int channel, Performative performative) {
        return new AmqpFrame(channel, Objects.requireNonNull(performative), NONE);
    }

    /** The frame's bytes: header, performative, payload. */
    public byte[] encode() {
        if (performative == null) {
            byte[] b = new byte[FrameHeader.LENGTH];
            FrameHeader.write(b, 0, FrameHeader.LENGTH, channel);
            return b;
        }
        AmqpEncoder e = new AmqpEncoder(FrameHeader.LENGTH + 64 + payload.length);
        e.raw(new byte[FrameHeader.LENGTH], 0, FrameHeader.LENGTH);
        e.write(performative.toDescribed());
        e.raw(payload, 0, payload.length);
        byte[] b = e.toByteArray();
        FrameHeader.write(b, 0, b.length, channel);
        return b;
    }

    /** Bytes of the encoded frame without the payload (header + performative). */
    public static int overhead(Performative p) {
        return FrameHeader.LENGTH + AmqpEncoder.encode(p.toDescribed()).length;
    }

    /** Decodes one whole frame held in {@code b[off, off+size)}. */
    public static AmqpFrame decode(byte[] b, int off, int size) {
        if (size < FrameHeader.LENGTH || FrameHeader.size(b, off) != size) {
            throw new AmqpDecodeException("frame size " + FrameHeader.size(b, off) + " does not match " + size, false);
        }
        int doff = FrameHeader.doff(b, off);
        if (doff < 2 || doff * 4 > size) {
            throw new AmqpDecodeException("invalid data offset " + doff, false);
        }
        if (FrameHeader.type(b, off) != FrameHeader.TYPE_AMQP) {
            throw new AmqpDecodeException("frame type 0x" + Integer.toHexString(FrameHeader.type(b, off))
                + " is not AMQP (0x00)", false);
        }
        int channel = FrameHeader.channel(b, off);
        int body = off + doff * 4;
        int end = off + size;
        if (body == end) {
            return new AmqpFrame(channel, null, NONE);
        }
        AmqpDecoder d = new AmqpDecoder(b, body, end);
        Performative p = Performative.from(d.read());
        byte[] payload = java.util.Arrays.copyOfRange(b, d.position(), end);
        return new AmqpFrame(channel, p, payload);
    }
}
