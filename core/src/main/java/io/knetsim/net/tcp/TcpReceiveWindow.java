package io.knetsim.net.tcp;

import io.knetsim.sim.SimTime;

/**
 * The receive window of one connection (RFC 9293 section 3.8.6): what is offered, its scale
 * (RFC 7323 section 2), the test whether a segment falls inside it (RFC 9293 section 3.10.7.4,
 * "first, check sequence number"), and the rate limit on answers to segments that do not.
 *
 * <p>The window is chosen as Linux's {@code tcp_select_window} and {@code __tcp_select_window}
 * choose it from the free space of the receive buffer ({@code sk_rcvbuf} less the bytes the
 * application has not read and the bytes held beyond a hole):
 *
 * <pre>
 *   RCV.WUP          RCV.NXT                         RCV.WUP + RCV.WND  (right edge offered)
 *      |---- unread ----|---------- window now ---------------|
 *
 *   free &lt; buffer/2 : round free down to the scale unit; below buffer/16 or one MSS it is 0
 *                     (receiver-side silly window syndrome avoidance, RFC 9293 3.8.6.2.2)
 *   free &gt; ssthresh : offer rcv_ssthresh, which grows by 2 bytes per byte received
 *                     in order (tcp_grow_window) while the free space allows
 *   new &lt; now        : offer "now" again, rounded up to the scale unit: the right edge
 *                     already offered never moves left (RFC 9293 3.8.6.2.2)
 * </pre>
 *
 * So after the handshake a client announces 64240 bytes ({@code win 502} with scale 7), a
 * server 65160 ({@code win 510}); an application that stops reading sees the window close to
 * exactly zero once the offered right edge is reached, and duplicate ACKs carry the same window,
 * as the sender's duplicate test requires. Bytes are counted as payload, not as the
 * {@code truesize} of buffers that Linux charges, and the buffer does not autotune.
 */
final class TcpReceiveWindow {
    /** {@code net.ipv4.tcp_invalid_ratelimit}. */
    static final long INVALID_RATELIMIT = SimTime.ms(500);

    private final long buffer;
    private long ssthresh;
    private int scale;
    private int wup;
    private long wnd;
    private long lastOutOfWindowAck = -1;

    TcpReceiveWindow(long buffer) {
        this.buffer = buffer;
        this.ssthresh = buffer;
    }

    /**
     * Negotiated at the handshake: the window the SYN or SYN-ACK offered (from RCV.NXT), which
     * is also where {@code rcv_ssthresh} starts, and our shift count.
     */
    void init(long initialWindow, int scale, int rcvNxt) {
        this.ssthresh = initialWindow;
        this.wnd = initialWindow;
        this.wup = rcvNxt;
        this.scale = scale;
    }

    int scale() {
        return scale;
    }

    /** {@code sk_rcvbuf}: the bytes the window may cover at most. */
    long buffer() {
        return buffer;
    }

    /** {@code tcp_receive_window}: what is left of the offered window beyond RCV.NXT. */
    long current(int rcvNxt) {
        long w = wup + wnd - rcvNxt;
        return Math.max(0, (int) w);
    }

    /**
     * {@code __tcp_select_window}: the window the free space allows now, without the rule that
     * the right edge never moves left.
     */
    long fresh(long held, int mss) {
        long full = buffer;
        long free = Math.max(0, buffer - held);
        long unit = 1L << scale;
        if (mss > full) {
            mss = (int) full;
        }
        if (free < full >> 1) {
            free = free / unit * unit;
            if (free < full >> 4 || free < mss) {
                return 0;
            }
        }
        free = Math.min(free, ssthresh);
        if (scale > 0) {
            return (free + unit - 1) / unit * unit;
        }
        long window = wnd;
        if (window <= free - mss || window > free) {
            window = free / mss * mss;
        } else if (mss == full && free > window + (full >> 1)) {
            window = free;
        }
        return window;
    }

    /**
     * {@code tcp_select_window}: chooses the window for an outgoing segment (not a SYN), takes
     * it as the new RCV.WND from RCV.WUP = RCV.NXT, and returns the 16-bit header value.
     */
    int select(int rcvNxt, long held, int mss) {
        long cur = current(rcvNxt);
        long w = fresh(held, mss);
        long unit = 1L << scale;
        if (w < cur) {
            w = (cur + unit - 1) / unit * unit; // never shrink the offered window
        }
        wnd = w;
        wup = rcvNxt;
        return (int) (Math.min(w, 0xffffL << scale) >> scale);
    }

    /** RCV.WND as last offered, from RCV.WUP. */
    long offered() {
        return wnd;
    }

    /** RCV.NXT when the window was last offered. */
    int wup() {
        return wup;
    }

    /**
     * {@code tcp_grow_window}: {@code rcv_ssthresh} grows by twice the in-order bytes just
     * received, as far as the free space ({@code held} bytes taken) and the buffer allow.
     */
    void grow(int inOrderBytes, long held) {
        long room = Math.min(buffer, buffer - held) - ssthresh;
        if (room > 0) {
            ssthresh += Math.min(room, 2L * inOrderBytes);
        }
    }

    /** The four cases of RFC 9293's acceptability table (section 3.10.7.4), against the window offered. */
    boolean acceptable(int seq, int segLen, int rcvNxt) {
        long wnd = current(rcvNxt);
        if (wnd == 0) {
            return segLen == 0 && seq == rcvNxt;
        }
        int rel = seq - rcvNxt;
        if (rel < 0) {
            return SeqNum.ge(seq + Math.max(segLen, 1) - 1, rcvNxt); // overlaps RCV.NXT
        }
        return rel < wnd;
    }

    /**
     * Linux's {@code tcp_oow_rate_limited}: an out-of-window segment without data gets at most
     * one duplicate ACK per {@link #INVALID_RATELIMIT}, so that two confused peers cannot answer
     * each other's ACKs for ever; data segments always get one.
     */
    boolean outOfWindowAckLimited(int segLen, long now) {
        if (segLen > 0) {
            return false;
        }
        if (lastOutOfWindowAck >= 0 && now - lastOutOfWindowAck < INVALID_RATELIMIT) {
            return true;
        }
        lastOutOfWindowAck = now;
        return false;
    }
}
