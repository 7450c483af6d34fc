package io.knetsim.net.tcp;

/**
 * Congestion control: slow start and congestion avoidance (RFC 5681 section 3.1) with an
 * initial window of ten segments (RFC 6928, Linux's {@code TCP_INIT_CWND}), fast
 * retransmit on the third duplicate ACK and NewReno fast recovery (RFC 6582 section 3.2),
 * and the loss window of one segment after a retransmission timeout. Windows are in bytes.
 */
final class NewReno {
    static final int INITIAL_WINDOW_SEGMENTS = 10;
    static final int DUPACK_THRESHOLD = 3;

    private final int mss;
    private long cwnd;
    private long ssthresh = Integer.MAX_VALUE;
    private boolean inRecovery;
    private int recover;
    private boolean recoverValid;
    private int dupAcks;
    private long avoidanceCredit;

    NewReno(int mss) {
        this.mss = mss;
        this.cwnd = (long) INITIAL_WINDOW_SEGMENTS * mss;
    }

    long cwnd() {
        return cwnd;
    }

    long ssthresh() {
        return ssthresh;
    }

    boolean inRecovery() {
        return inRecovery;
    }

    /**
     * New data was acknowledged: {@code acked} bytes, {@code ack} the new SND.UNA.
     *
     * @return true for a partial ACK in recovery: the caller retransmits the next hole
     */
    boolean onAck(int ack, long acked, long flightAfter) {
        dupAcks = 0;
        if (inRecovery) {
            if (SeqNum.ge(ack, recover)) {
                // full acknowledgment (RFC 6582 step 3): deflate the window
                inRecovery = false;
                cwnd = Math.min(ssthresh, Math.max(flightAfter, mss) + mss);
                return false;
            }
            // partial acknowledgment (step 4): deflate by what was acked, add back one segment
            cwnd = Math.max(mss, cwnd - acked + (acked >= mss ? mss : 0));
            return true;
        }
        if (cwnd < ssthresh) {
            cwnd += Math.min(acked, 2L * mss); // appropriate byte counting, L = 2 (RFC 3465)
        } else {
            avoidanceCredit += acked;
            if (avoidanceCredit >= cwnd) {
                avoidanceCredit -= cwnd;
                cwnd += mss;
            }
        }
        return false;
    }

    /**
     * A duplicate ACK.
     *
     * @return true on the one that triggers fast retransmit
     */
    boolean onDupAck(int sndUna, int highSent, long flight) {
        if (inRecovery) {
            cwnd += mss; // inflate (step 4 of RFC 5681 section 3.2)
            return false;
        }
        dupAcks++;
        if (dupAcks != DUPACK_THRESHOLD) {
            return false;
        }
        if (recoverValid && !SeqNum.gt(sndUna - 1, recover)) {
            return false; // RFC 6582 step 2: these duplicates stem from an earlier episode
        }
        ssthresh = Math.max(flight / 2, 2L * mss);
        cwnd = ssthresh + (long) DUPACK_THRESHOLD * mss;
        recover = highSent;
        recoverValid = true;
        inRecovery = true;
        return true;
    }

    /** Takes back one segment of inflation: a duplicate ACK's credit was spent on a retransmission. */
    void spend() {
        cwnd = Math.max(mss, cwnd - mss);
    }

    /** The retransmission timer expired (RFC 5681 equation 4, RFC 6582 section 4). */
    void onTimeout(int highSent, long flight) {
        ssthresh = Math.max(flight / 2, 2L * mss);
        cwnd = mss;
        inRecovery = false;
        dupAcks = 0;
        recover = highSent;
        recoverValid = true;
        avoidanceCredit = 0;
    }
}
