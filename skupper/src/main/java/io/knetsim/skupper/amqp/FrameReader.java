package io.knetsim.skupper.amqp;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a TCP byte stream into AMQP frames: first the 8-byte protocol header, then frames by
 * their SIZE field. Bytes come in whatever pieces TCP delivers; each complete frame goes to
 * the consumer. A bad protocol header or a frame larger than {@code maxFrameSize} is an
 * {@link AmqpDecodeException} (the connection must then be closed, as the specification says).
 */
public final class FrameReader {
    private final Consumer<AmqpFrame> consumer;
    private long maxFrameSize;
    private byte[] buf = new byte[1024];
    private int len;
    private boolean headerSeen;

    public FrameReader(long maxFrameSize, Consumer<AmqpFrame> consumer) {
        this.maxFrameSize = maxFrameSize;
        this.consumer = consumer;
    }

    /** The largest frame accepted (this end's max-frame-size as sent in its open). */
    public void setMaxFrameSize(long maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    public boolean protocolHeaderSeen() {
        return headerSeen;
    }

    /** Takes bytes from the stream; returns after handing on every complete frame. */
    public void read(byte[] b, int off, int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
        int p = 0;
        while (true) {
            if (!headerSeen) {
                if (len - p < ProtocolHeader.LENGTH) {
                    break;
                }
                if (!ProtocolHeader.matches(buf, p)) {
                    throw new AmqpDecodeException("bad AMQP protocol header", false);
                }
                headerSeen = true;
                p += ProtocolHeader.LENGTH;
                continue;
            }
            if (len - p < FrameHeader.LENGTH) {
                break;
            }
            long size = FrameHeader.size(buf, p);
            if (size < FrameHeader.LENGTH || size > maxFrameSize) {
                throw new AmqpDecodeException("frame of " + size + " bytes (max-frame-size " + maxFrameSize + ")", false);
            }
            if (len - p < size) {
                break;
            }
            AmqpFrame f = AmqpFrame.decode(buf, p, (int) size);
            p += (int) size;
            consumer.accept(f);
        }
        System.arraycopy(buf, p, buf, 0, len - p);
        len -= p;
    }
}
