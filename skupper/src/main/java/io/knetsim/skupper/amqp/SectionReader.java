package io.knetsim.skupper.amqp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the sections of a message whose bytes arrive in pieces (a streamed delivery's
 * transfers): bytes are appended, and {@link #take} returns the sections complete so far,
 * keeping a partial one for later. A frame boundary may fall anywhere inside a section.
 */
public final class SectionReader {
    private byte[] buf = new byte[256];
    private int len;

    public void append(byte[] b, int off, int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    /** Bytes waiting that do not yet make a whole section. */
    public int pending() {
        return len;
    }

    /** The sections complete so far, in order. */
    public List<Described> take() {
        List<Described> out = new ArrayList<>();
        int p = 0;
        while (p < len) {
            AmqpDecoder d = new AmqpDecoder(buf, p, len);
            Object v;
            try {
                v = d.read();
            } catch (AmqpDecodeException e) {
                if (e.truncated()) {
                    break;
                }
                throw e;
            }
            if (!(v instanceof Described s)) {
                throw new AmqpDecodeException("message section is not a described type: " + Fields.describe(v), false);
            }
            out.add(s);
            p = d.position();
        }
        System.arraycopy(buf, p, buf, 0, len - p);
        len -= p;
        return out;
    }
}
