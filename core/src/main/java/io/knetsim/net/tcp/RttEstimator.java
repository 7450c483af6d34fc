package io.knetsim.net.tcp;

import io.knetsim.sim.SimTime;

/**
 * The retransmission timeout of RFC 6298: SRTT and RTTVAR from round-trip samples
 * (section 2), the initial RTO of one second (section 2.1), Linux's bounds
 * {@code TCP_RTO_MIN} = 200 ms and {@code TCP_RTO_MAX} = 120 s instead of the RFC's one-second
 * floor, and exponential backoff on expiry (section 5.5). Samples come from segments that were
 * never retransmitted (Karn's rule, section 3), timed on the simulator's nanosecond clock.
 */
final class RttEstimator {
    static final long INITIAL_RTO = SimTime.SECOND;
    static final long MIN_RTO = SimTime.ms(200);
    static final long MAX_RTO = SimTime.seconds(120);

    private long srtt = -1;
    private long rttvar;
    private long rto = INITIAL_RTO;
    private int backoff;

    /** Feeds one round-trip sample in nanoseconds (RFC 6298 section 2.2 and 2.3). */
    void sample(long r) {
        if (r < 0) {
            return;
        }
        if (srtt < 0) {
            srtt = r;
            rttvar = r / 2;
        } else {
            rttvar = (3 * rttvar + Math.abs(srtt - r)) / 4;
            srtt = (7 * srtt + r) / 8;
        }
        rto = Math.min(MAX_RTO, Math.max(MIN_RTO, srtt + Math.max(SimTime.ms(1), 4 * rttvar)));
        backoff = 0;
    }

    /** The current timeout, backoff included. */
    long rto() {
        return Math.min(MAX_RTO, rto << Math.min(backoff, 20));
    }

    /** Doubles the timeout after an expiry (section 5.5). */
    void backOff() {
        if (rto() < MAX_RTO) {
            backoff++;
        }
    }

    /** A new acknowledgment arrived: the backed-off timer returns to the computed RTO. */
    void resetBackoff() {
        backoff = 0;
    }

    /** Smoothed RTT in nanoseconds, or -1 before the first sample. */
    long srtt() {
        return srtt;
    }
}
