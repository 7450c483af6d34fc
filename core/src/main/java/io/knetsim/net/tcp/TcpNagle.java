package io.knetsim.net.tcp;

/**
 * Nagle's algorithm (RFC 896, RFC 1122 section 4.2.3.4) with Minshall's variant, as Linux's
 * {@code tcp_nagle_test} and {@code tcp_minshall_check} apply it: a segment shorter than the
 * MSS that would end what was written waits while an earlier short segment is unacknowledged,
 * so at most one small segment is in flight. Full segments never wait, nor does a segment that
 * carries FIN; {@code TCP_NODELAY} turns the rule off.
 *
 * <pre>
 *   write 100 --> [100] -----------------&gt; peer        (nothing small in flight: goes)
 *   write 100 --> held ........ ACK of the first &lt;---   (then [100] goes)
 * </pre>
 */
final class TcpNagle {
    private boolean noDelay;
    private int sndSml;
    private boolean anySmall;

    boolean noDelay() {
        return noDelay;
    }

    void setNoDelay(boolean on) {
        noDelay = on;
    }

    /** {@code tcp_minshall_update}: remembers where the last short segment ended. */
    void sent(int seq, int len, int mss) {
        if (len > 0 && len < mss) {
            sndSml = seq + len;
            anySmall = true;
        }
    }

    /**
     * Whether a segment of {@code len} bytes at the end of the written data must wait:
     * short, no FIN, Nagle on, something in flight and the last short segment unacknowledged.
     */
    boolean holds(int len, int mss, boolean fin, boolean inFlight, int sndUna, int sndNxt) {
        if (noDelay || fin || len >= mss || !inFlight) {
            return false;
        }
        return anySmall && SeqNum.gt(sndSml, sndUna) && SeqNum.le(sndSml, sndNxt);
    }
}
