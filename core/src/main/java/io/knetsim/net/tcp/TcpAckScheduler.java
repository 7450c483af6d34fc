package io.knetsim.net.tcp;

import io.knetsim.sim.Simulator;
import io.knetsim.sim.Timer;
import java.util.concurrent.Executor;

/**
 * When the receiving side acknowledges (Linux's {@code icsk_ack} state,
 * {@code __tcp_ack_snd_check} and {@code __tcp_cleanup_rbuf}): every second in-order segment
 * at once, a lone one after the 40 ms delayed-ACK timer (RFC 9293 section 3.8.6.3), and
 * after the application reads, a window update when the read opened the window enough.
 *
 * <pre>
 *   in-order segment --&gt; 2nd unacknowledged?  and (all read, or the window would not shrink)
 *                           yes: ACK now          no: delayed-ACK timer (40 ms)
 *   application reads --&gt; delayed ACK waiting for more than an MSS, or the window opens
 *                         from zero or to twice what was left: ACK now (window update)
 * </pre>
 *
 * Out-of-order segments and those that fill a hole are acknowledged at once by the socket
 * (RFC 5681 section 4.2); any segment that carries an ACK ends the wait ({@link #ackSent}).
 */
final class TcpAckScheduler {
    private final Simulator sim;
    private final Executor lock;
    private final Runnable sendAck;
    private Timer timer;
    private int unacked;

    /** {@code sendAck} runs when the delayed-ACK timer expires, under {@code lock}. */
    TcpAckScheduler(Simulator sim, Executor lock, Runnable sendAck) {
        this.sim = sim;
        this.lock = lock;
        this.sendAck = sendAck;
    }

    /**
     * In-order data arrived: whether to acknowledge now (every second segment, unless the
     * application left bytes unread and the window would shrink); if not, the timer runs.
     */
    boolean inOrderData(TcpReceiveQueue queue, TcpReceiveWindow window, int mss) {
        unacked++;
        if (unacked >= 2 && (queue.unreadBytes() == 0
            || window.fresh(queue.heldBytes(), mss) >= window.offered())) {
            return true;
        }
        if (timer == null || !timer.isPending()) {
            timer = sim.after(TcpSocket.DELAYED_ACK, () -> lock.execute(() -> {
                timer = null;
                sendAck.run();
            }));
        }
        return false;
    }

    /**
     * The application read some bytes: whether to acknowledge now ({@code __tcp_cleanup_rbuf}):
     * a delayed ACK waits for more than an MSS, or the window the free space allows is not zero
     * and at least twice what is left of the one offered.
     */
    boolean afterRead(TcpReceiveQueue queue, TcpReceiveWindow window, int mss) {
        int rcvNxt = queue.rcvNxt();
        if (timer != null && timer.isPending() && rcvNxt - window.wup() > mss) {
            return true;
        }
        long now = window.current(rcvNxt);
        if (2 * now > window.buffer()) {
            return false;
        }
        long fresh = window.fresh(queue.heldBytes(), mss);
        return fresh != 0 && fresh >= 2 * now;
    }

    /** A segment carrying an ACK went out: nothing waits to be acknowledged any more. */
    void ackSent() {
        unacked = 0;
        cancel();
    }

    void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
