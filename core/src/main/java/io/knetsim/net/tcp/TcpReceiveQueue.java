package io.knetsim.net.tcp;

import io.knetsim.packet.TcpHeader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The receive side's reassembly ({@code tcp_data_queue} and the out-of-order queue,
 * RFC 9293 section 3.10.7.4, "seventh, process the segment text") and the receive buffer
 * ({@code sk_receive_queue}). In-order bytes go to the application at once while it reads;
 * while it has paused reading they wait here, unread, in order, until it resumes
 * (what {@code ss} shows as Recv-Q). Segments beyond a hole wait here too, keyed by their
 * 64-bit stream offset so that keys never wrap, until the hole is filled.
 *
 * <pre>
 *   copied_seq        RCV.NXT              hole          out-of-order
 *       |--- unread ---|                 |xxxxxxx|--------|
 * </pre>
 */
final class TcpReceiveQueue {
    /** A consumer of in-order bytes. */
    interface Sink {
        void deliver(byte[] b, int off, int len);
    }

    private final TreeMap<Long, byte[]> outOfOrder = new TreeMap<>();
    private int rcvNxt;
    private long delivered;
    private int queuedBytes;
    private long lastOutOfOrder = -1;
    private final ArrayDeque<byte[]> unread = new ArrayDeque<>();
    private int unreadBytes;
    private boolean paused;
    private boolean reading;

    void init(int irsPlusOne) {
        rcvNxt = irsPlusOne;
    }

    /** RCV.NXT: the next sequence number expected. */
    int rcvNxt() {
        return rcvNxt;
    }

    /** Advances RCV.NXT over a control flag (FIN) that takes one sequence number. */
    void skipOne() {
        rcvNxt++;
    }

    /** Bytes held beyond a hole. */
    int outOfOrderBytes() {
        return queuedBytes;
    }

    /** In-order bytes the application has not read yet (RCV.NXT - copied_seq). */
    int unreadBytes() {
        return unreadBytes;
    }

    /** Bytes the receive buffer holds: unread plus out-of-order. */
    long heldBytes() {
        return (long) unreadBytes + queuedBytes;
    }

    boolean paused() {
        return paused;
    }

    /** The application stops reading: in-order bytes stay in the buffer from now on. */
    void pause() {
        paused = true;
    }

    /**
     * The application reads again: the unread bytes go to {@code sink} in order, until it
     * pauses again; returns how many were read.
     */
    int resume(Sink sink) {
        paused = false;
        if (reading) {
            return 0; // called from inside a delivery: the outer loop goes on
        }
        reading = true;
        int copied = 0;
        try {
            while (!paused && !unread.isEmpty()) {
                byte[] c = unread.pollFirst();
                unreadBytes -= c.length;
                copied += c.length;
                sink.deliver(c, 0, c.length);
            }
        } finally {
            reading = false;
        }
        return copied;
    }

    boolean hasOutOfOrder() {
        return !outOfOrder.isEmpty();
    }

    /**
     * Takes {@code len} bytes at sequence number {@code seq} that the caller found to be within
     * the window; delivers whatever becomes contiguous and returns how many bytes that was.
     */
    int receive(int seq, byte[] b, int off, int len, Sink sink) {
        int rel = seq - rcvNxt;
        if (rel < 0) {
            int skip = Math.min(-rel, len);
            off += skip;
            len -= skip;
            rel = 0;
        }
        if (len <= 0) {
            return 0;
        }
        if (rel > 0) {
            long key = delivered + rel;
            byte[] old = outOfOrder.get(key);
            if (old == null || old.length < len) {
                byte[] copy = new byte[len];
                System.arraycopy(b, off, copy, 0, len);
                outOfOrder.put(key, copy);
                queuedBytes += len - (old == null ? 0 : old.length);
            }
            lastOutOfOrder = key;
            return 0;
        }
        // RCV.NXT moves before the application hears of the bytes, so that whatever it sends
        // from the callback acknowledges them
        advance(len);
        deliver(b, off, len, sink);
        int total = len;
        Map.Entry<Long, byte[]> e;
        while ((e = outOfOrder.firstEntry()) != null && e.getKey() <= delivered) {
            outOfOrder.pollFirstEntry();
            byte[] d = e.getValue();
            queuedBytes -= d.length;
            int skip = (int) (delivered - e.getKey());
            if (skip < d.length) {
                advance(d.length - skip);
                deliver(d, skip, d.length - skip, sink);
                total += d.length - skip;
            }
        }
        return total;
    }

    /**
     * SACK blocks for the data held beyond holes (RFC 2018 section 4): adjacent segments merged,
     * the block holding the most recently received segment first, the others from the highest
     * down; at most {@code max} blocks.
     */
    List<TcpHeader.SackBlock> sackBlocks(int max) {
        List<long[]> merged = new ArrayList<>();
        for (Map.Entry<Long, byte[]> e : outOfOrder.entrySet()) {
            long s = e.getKey();
            long t = s + e.getValue().length;
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && s <= last[1]) {
                last[1] = Math.max(last[1], t);
            } else {
                merged.add(new long[] {s, t});
            }
        }
        List<TcpHeader.SackBlock> out = new ArrayList<>();
        int recent = -1;
        for (int i = 0; i < merged.size(); i++) {
            if (merged.get(i)[0] <= lastOutOfOrder && lastOutOfOrder < merged.get(i)[1]) {
                recent = i;
                out.add(block(merged.get(i)));
            }
        }
        for (int i = merged.size() - 1; i >= 0 && out.size() < max; i--) {
            if (i != recent) {
                out.add(block(merged.get(i)));
            }
        }
        return out.size() > max ? out.subList(0, max) : out;
    }

    private TcpHeader.SackBlock block(long[] r) {
        return new TcpHeader.SackBlock(rcvNxt + (int) (r[0] - delivered), rcvNxt + (int) (r[1] - delivered));
    }

    /** To the application at once while it reads and nothing older waits; else into the buffer. */
    private void deliver(byte[] b, int off, int len, Sink sink) {
        if (!paused && unread.isEmpty()) {
            sink.deliver(b, off, len);
            return;
        }
        byte[] copy = new byte[len];
        System.arraycopy(b, off, copy, 0, len);
        unread.addLast(copy);
        unreadBytes += len;
    }

    private void advance(int n) {
        rcvNxt += n;
        delivered += n;
    }
}
