package io.knetsim.net.tcp;

/**
 * What the sender may put on the wire next, as Linux's {@code tcp_write_xmit} tests it for
 * each new segment, and what {@code tcp_write_wakeup} sends when the persist timer fires.
 *
 * <pre>
 *   next segment = min(MSS, written and unsent)
 *     cwnd and the peer's window must take all of it     (tcp_cwnd_test, tcp_snd_wnd_test:
 *                                                          sender-side SWS avoidance)
 *     with FIN, the peer's window must take one more     (the FIN's sequence number)
 *     short and last: Nagle may hold it                  (tcp_nagle_test, {@link TcpNagle})
 *   nothing else to send, FIN queued: a bare FIN if the peer's window has a byte for it
 * </pre>
 *
 * The caller sends a FIN with the segment that ends the written data; segments are at most
 * one MSS (no TSO), so the window test is the one Linux makes for the head of a segment.
 */
final class TcpOutputScheduler {
    /** Returned when nothing may go now. */
    static final int HOLD = -1;

    private final TcpNagle nagle = new TcpNagle();

    TcpNagle nagle() {
        return nagle;
    }

    /**
     * The length of the next new segment ({@code 0}: a bare FIN), or {@link #HOLD}.
     *
     * @param remaining bytes written and not yet sent (from SND.NXT)
     * @param usable    what cwnd and the peer's window allow beyond SND.NXT
     * @param peerRoom  what the peer's window alone allows beyond SND.NXT
     * @param fin       a FIN is queued after the written data
     * @param inFlight  data is sent and unacknowledged
     */
    int next(int remaining, long usable, long peerRoom, boolean fin, boolean inFlight, int sndUna, int sndNxt,
             int mss) {
        if (remaining <= 0) {
            return fin && peerRoom >= 1 ? 0 : HOLD;
        }
        int len = (int) Math.min(Math.min(mss, remaining), Math.max(usable, 0));
        if (len <= 0 || (len < mss && len < remaining)) {
            return HOLD;
        }
        boolean withFin = fin && len == remaining;
        if (withFin && peerRoom < len + 1) {
            return HOLD;
        }
        if (len == remaining && nagle.holds(len, mss, withFin, inFlight, sndUna, sndNxt)) {
            return HOLD;
        }
        return len;
    }

    /**
     * {@code tcp_write_wakeup}: with {@code room} bytes of the peer's window open beyond
     * SND.NXT, the length of the segment to send ({@code 0}: a bare FIN), or {@link #HOLD} when
     * the window is shut and a zero-length probe at SND.UNA - 1 must go instead.
     */
    int wakeup(int remaining, long room, boolean fin, int mss) {
        if (room <= 0 || (remaining <= 0 && !fin)) {
            return HOLD;
        }
        return (int) Math.min(Math.min(room, mss), remaining);
    }

    /** A FIN goes with a segment that ends the written data, if the window has a byte for it. */
    static boolean withFin(boolean fin, int len, int remaining, long peerRoom) {
        return fin && len == remaining && peerRoom >= len + 1;
    }
}
