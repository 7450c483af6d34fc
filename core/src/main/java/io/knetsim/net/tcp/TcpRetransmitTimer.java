package io.knetsim.net.tcp;

import io.knetsim.net.Errno;
import io.knetsim.sim.Timer;

/**
 * The retransmission timer of one connection ({@code ICSK_TIME_RETRANS}, Linux's
 * {@code tcp_retransmit_timer}) and the RTT timing that feeds its {@link RttEstimator}
 * ({@code tcp_rtt_estimator}, RFC 6298): one segment at a time is timed, and never a
 * retransmitted one (Karn's algorithm).
 *
 * <pre>
 *   segment sent, timer idle --&gt; arm(RTO)
 *   ACK advances SND.UNA ------&gt; sample RTT if it covers the timed byte; re-arm or cancel
 *   expiry: retries++ &gt; limit (tcp_syn_retries 6, tcp_synack_retries 5, tcp_retries2 15) --&gt; ETIMEDOUT
 *           else RTO doubles; SYN states: the SYN again; otherwise NewReno's loss response,
 *           SACK scoreboard cleared, SND.NXT back to SND.UNA (go-back-N, RFC 6298 section 5.4)
 * </pre>
 */
final class TcpRetransmitTimer {
    private final TcpSocket sk;
    private Timer timer;
    private boolean timing;
    private int timedSeq;
    private long timedStart;

    TcpRetransmitTimer(TcpSocket sk) {
        this.sk = sk;
    }

    /** (Re)starts the timer with the current RTO. */
    void arm() {
        if (timer != null) {
            timer.cancel();
        }
        timer = sk.ns.sim().after(sk.rtt.rto(), () -> sk.tcp.locked(this::expired));
    }

    /** Starts the timer unless it runs already (a segment sent while others are in flight). */
    void armIfIdle() {
        if (timer == null || !timer.isPending()) {
            arm();
        }
    }

    void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** Times the segment whose acknowledgment reaches {@code endSeq}, from now. */
    void startTiming(int endSeq) {
        timing = true;
        timedSeq = endSeq;
        timedStart = sk.ns.sim().now();
    }

    /** Times new data ending at {@code endSeq} unless a segment is timed already. */
    void timeNewData(int endSeq) {
        if (!timing) {
            startTiming(endSeq);
        }
    }

    /** Karn: a retransmission of the timed segment (or one before it) voids the measurement. */
    void retransmitted(int seq) {
        if (timing && SeqNum.le(seq, timedSeq)) {
            timing = false;
        }
    }

    /** The handshake completed: the SYN's round trip is a sample, if it was timed. */
    void handshakeAcked() {
        if (timing) {
            sample();
        }
    }

    /** An ACK up to {@code ack} arrived: a sample if it covers the timed segment. */
    void acked(int ack) {
        if (timing && SeqNum.ge(ack, timedSeq)) {
            sample();
        }
    }

    private void sample() {
        sk.rtt.sample(sk.ns.sim().now() - timedStart);
        timing = false;
    }

    private void expired() {
        timer = null;
        if (sk.state == TcpState.CLOSED || sk.state == TcpState.TIME_WAIT || sk.sndUna == sk.highSent) {
            return;
        }
        sk.retries++;
        int limit = switch (sk.state) {
            case SYN_SENT -> TcpSocket.SYN_RETRIES;
            case SYN_RECEIVED -> TcpSocket.SYNACK_RETRIES;
            default -> TcpSocket.DATA_RETRIES;
        };
        if (sk.retries > limit) {
            sk.closing.fail(Errno.ETIMEDOUT);
            return;
        }
        sk.rtt.backOff();
        timing = false;
        if (sk.state == TcpState.SYN_SENT || sk.state == TcpState.SYN_RECEIVED) {
            sk.retransmits++;
            sk.output.sendSyn();
            return;
        }
        sk.cc.onTimeout(sk.highSent, sk.highSent - sk.sndUna);
        sk.ack.restartRecovery(); // RFC 2018 section 8: the receiver may have reneged
        sk.sndNxt = sk.sndUna; // go back to the first unacknowledged byte (RFC 6298 section 5.4)
        arm();
        sk.output.pushPending();
    }
}
