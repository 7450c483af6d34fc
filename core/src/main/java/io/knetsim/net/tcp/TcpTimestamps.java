package io.knetsim.net.tcp;

import io.knetsim.packet.TcpHeader;
import io.knetsim.sim.SimTime;

/**
 * The timestamps option of one connection (RFC 7323 section 3): whether both ends agreed to
 * it, the TSval clock, and TS.Recent, the peer's value to echo.
 *
 * <p>TSval is a millisecond clock plus a per-connection random offset, as Linux's
 * {@code tcp_time_stamp} with {@code net.ipv4.tcp_timestamps = 1}; the offset comes from the
 * simulator's seeded randomness, never from wall time.
 */
final class TcpTimestamps {
    /** Bytes the option takes on every segment once agreed: nop, nop, kind, length, TSval, TSecr. */
    static final int LENGTH = 12;

    private final long offset;
    private boolean enabled;
    private long recent;

    TcpTimestamps(long offset) {
        this.offset = offset & 0xFFFF_FFFFL;
    }

    /** What the peer's SYN or SYN-ACK said: both ends must send the option to use it. */
    void negotiate(TcpHeader.Options peerSyn) {
        enabled = peerSyn.timestamps();
        recent = enabled ? peerSyn.tsVal() : 0;
    }

    boolean enabled() {
        return enabled;
    }

    /** TSval at {@code nowNanos}. */
    long value(long nowNanos) {
        return (nowNanos / SimTime.MS + offset) & 0xFFFF_FFFFL;
    }

    /** TS.Recent: the TSecr to send. */
    long recent() {
        return recent;
    }

    /**
     * Takes the peer's TSval from a segment that does not start beyond RCV.NXT, if it is not
     * older than TS.Recent (section 4.3, without PAWS).
     */
    void onSegment(TcpHeader.Options o, int seq, int rcvNxt) {
        if (enabled && o.timestamps() && SeqNum.le(seq, rcvNxt) && (int) (o.tsVal() - recent) >= 0) {
            recent = o.tsVal();
        }
    }
}
