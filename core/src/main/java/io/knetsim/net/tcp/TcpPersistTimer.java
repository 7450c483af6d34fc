package io.knetsim.net.tcp;

import io.knetsim.sim.Simulator;
import io.knetsim.sim.Timer;
import java.util.concurrent.Executor;

/**
 * The persist timer ({@code ICSK_TIME_PROBE0}, RFC 9293 section 3.8.6.1): when data waits,
 * nothing is in flight and the peer's window lets none of it go, the sender probes the window
 * so that a lost window update cannot deadlock the connection. As Linux's
 * {@code tcp_probe_timer} and {@code tcp_send_probe0}:
 *
 * <pre>
 *   window closes ........ probe ........ probe ................ probe ...... (up to 120 s apart)
 *                  base          2 base            4 base
 *   base = max(RTO, 200 ms); every answer re-arms the timer from its arrival and resets the
 *   count of unanswered probes; tcp_retries2 (15) unanswered probes in a row end in ETIMEDOUT
 * </pre>
 *
 * An answered prober stays open for as long as the window stays shut (RFC 1122 4.2.2.17).
 * What goes out on expiry is the socket's business ({@code tcp_write_wakeup}): a segment of
 * new data if some of the window is open, else a zero-length ACK with sequence number
 * SND.UNA - 1.
 */
final class TcpPersistTimer {
    /** The sending side, as the prober sees it. */
    interface Sender {
        /** Data sent and not yet acknowledged ({@code packets_out}). */
        boolean inFlight();

        /** Data or a FIN waits to be sent ({@code tcp_send_head}). */
        boolean waiting();

        /** The first waiting segment fits the peer's window. */
        boolean headFits();

        /** {@code tcp_write_wakeup}: sends what the window takes, or a probe. */
        void wakeup();

        /** {@code tcp_write_err}: the connection fails with ETIMEDOUT. */
        void timedOut();

        /** The current retransmission timeout, without backoff. */
        long rto();
    }

    private final Simulator sim;
    private final Executor lock;
    private final Sender sender;
    private Timer timer;
    private int backoff;
    private int probesOut;

    /** {@code lock} runs the expiry as the stack runs segment input ({@link Tcp}'s socket lock). */
    TcpPersistTimer(Simulator sim, Executor lock, Sender sender) {
        this.sim = sim;
        this.lock = lock;
        this.sender = sender;
    }

    /** {@code tcp_check_probe_timer}: nothing in flight and something waits: probing starts. */
    void check() {
        if (!sender.inFlight() && sender.waiting() && !pending()) {
            arm();
        }
    }

    /**
     * {@code tcp_ack_probe}: an ACK came while nothing was in flight. If the first waiting
     * segment now fits the window, probing ends; if not, the timer restarts from now.
     */
    void ackWhileIdle() {
        if (!sender.waiting()) {
            return;
        }
        if (sender.headFits()) {
            stop();
        } else {
            probesOut = 0;
            arm();
        }
    }

    /** {@code tcp_probe_timer} and {@code tcp_send_probe0}. */
    private void expire() {
        if (sender.inFlight() || !sender.waiting()) {
            stop();
            return;
        }
        if (probesOut >= TcpSocket.DATA_RETRIES) {
            sender.timedOut();
            return;
        }
        sender.wakeup();
        if (sender.inFlight() || !sender.waiting()) {
            stop(); // data went: the retransmission timer takes over
            return;
        }
        probesOut++;
        if (backoff < TcpSocket.DATA_RETRIES) {
            backoff++;
        }
        arm();
    }

    boolean pending() {
        return timer != null && timer.isPending();
    }

    /** Probes sent since the last answer ({@code icsk_probes_out}). */
    int probesOut() {
        return probesOut;
    }

    /** {@code tcp_probe0_when}: the base doubled per backoff step, at most {@code TCP_RTO_MAX}. */
    long when(long rto) {
        long base = Math.max(rto, RttEstimator.MIN_RTO);
        return Math.min(RttEstimator.MAX_RTO, base << Math.min(backoff, 20));
    }

    /** An acceptable ACK arrived ({@code tcp_ack} clears {@code icsk_probes_out}). */
    void heard() {
        probesOut = 0;
    }

    /** The window opened, or nothing waits any more: no timer, no backoff, no count. */
    void stop() {
        cancel();
        backoff = 0;
        probesOut = 0;
    }

    void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void arm() {
        cancel();
        timer = sim.after(when(sender.rto()), () -> lock.execute(() -> {
            timer = null;
            expire();
        }));
    }
}
