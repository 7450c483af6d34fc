package io.knetsim.net.tcp;

import io.knetsim.sim.SimTime;

/**
 * The receive window of one connection (RFC 9293 section 3.8.6): the size announced, its
 * scale (RFC 7323 section 2), the test whether a segment falls inside it (RFC 9293 section
 * 3.10.7.4, "first, check sequence number"), and the rate limit on answers to segments that
 * do not.
 *
 * <p>The window is rounded up to a whole unit of the scale, as Linux's
 * {@code __tcp_select_window} does: after the handshake a client announces 64240 bytes
 * ({@code win 502} with scale 7), a server 65160 ({@code win 510}). It grows by two bytes per
 * byte received in order, up to the buffer, after Linux's {@code tcp_grow_window}, and never
 * shrinks (section 3.8.6.2.2): the application takes in-order data at once, and out-of-order
 * data lies inside the window already offered. So duplicate ACKs carry the same window, as
 * the sender's duplicate test requires.
 */
final class TcpReceiveWindow {
    /** {@code net.ipv4.tcp_invalid_ratelimit}. */
    static final long INVALID_RATELIMIT = SimTime.ms(500);

    private final long buffer;
    private long window;
    private int scale;
    private long lastOutOfWindowAck = -1;

    TcpReceiveWindow(long buffer) {
        this.buffer = buffer;
        this.window = buffer;
    }

    /** Negotiated at the handshake: the window the SYN or SYN-ACK offered, and our shift count. */
    void init(long initialWindow, int scale) {
        this.window = initialWindow;
        this.scale = scale;
    }

    int scale() {
        return scale;
    }

    /** The 16-bit value for the header of a segment other than a SYN. */
    int advertised() {
        long unit = 1L << scale;
        return (int) Math.min(0xffff, (window + unit - 1) >> scale);
    }

    /** Bytes the peer may send beyond RCV.NXT, as announced. */
    long bytes() {
        return (long) advertised() << scale;
    }

    void grow(int inOrderBytes) {
        window = Math.min(buffer, window + 2L * inOrderBytes);
    }

    /** The four cases of RFC 9293's acceptability table (section 3.10.7.4). */
    boolean acceptable(int seq, int segLen, int rcvNxt) {
        long wnd = bytes();
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
