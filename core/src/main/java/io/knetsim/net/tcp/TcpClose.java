package io.knetsim.net.tcp;

import io.knetsim.net.Errno;
import io.knetsim.packet.TcpHeader;
import io.knetsim.sim.Timer;

/**
 * How a connection ends, as Linux's {@code tcp_shutdown}, {@code tcp_close} (with and without
 * {@code SO_LINGER} 0), {@code tcp_time_wait} and {@code tcp_done} end it (RFC 9293 section 3.6).
 *
 * <pre>
 *   shutdown(SHUT_WR): SYN-SENT -&gt; CLOSED; ESTABLISHED -&gt; FIN-WAIT-1; CLOSE-WAIT -&gt; LAST-ACK
 *                      (SYN-RECEIVED: the FIN waits for ESTABLISHED); the FIN follows the data
 *   abort():           RST (unless SYN-SENT or TIME-WAIT), CLOSED at once
 *   timeWait():        TIME-WAIT for TCP_TIMEWAIT_LEN (60 s), timers stopped, then CLOSED
 *   done() / fail(e):  CLOSED: timers cancelled, the port released, onError(e) and onClosed
 * </pre>
 */
final class TcpClose {
    private final TcpSocket sk;
    private Timer timeWaitTimer;

    TcpClose(TcpSocket sk) {
        this.sk = sk;
    }

    /** {@code shutdown(SHUT_WR)} under the socket lock: a FIN is queued behind the data. */
    void shutdown() {
        if (sk.finQueued) {
            return;
        }
        switch (sk.state) {
            case SYN_SENT -> done();
            case SYN_RECEIVED, ESTABLISHED -> {
                sk.finQueued = true;
                if (sk.state == TcpState.ESTABLISHED) {
                    sk.state = TcpState.FIN_WAIT_1;
                    sk.output.pushPending();
                }
            }
            case CLOSE_WAIT -> {
                sk.finQueued = true;
                sk.state = TcpState.LAST_ACK;
                sk.output.pushPending();
            }
            default -> {
            }
        }
    }

    /** {@code close()} with {@code SO_LINGER} 0 under the socket lock: RST unless nothing was synchronized. */
    void abort() {
        if (sk.state == TcpState.CLOSED) {
            return;
        }
        if (sk.state != TcpState.SYN_SENT && sk.state != TcpState.TIME_WAIT) {
            sk.output.sendSegment(sk.highSent, 0, TcpHeader.RST | TcpHeader.ACK, false);
        }
        done();
    }

    /** {@code tcp_time_wait}: TIME-WAIT for {@link TcpSocket#TIME_WAIT_LEN}, then the connection is forgotten. */
    void timeWait() {
        sk.state = TcpState.TIME_WAIT;
        sk.rtx.cancel();
        sk.persist.cancel();
        sk.keepalive.cancel();
        if (timeWaitTimer != null) {
            timeWaitTimer.cancel();
        }
        timeWaitTimer = sk.ns.sim().after(TcpSocket.TIME_WAIT_LEN, () -> sk.tcp.locked(this::done));
    }

    /** {@code tcp_done} after an error: the handler hears {@code e}, then that the socket closed. */
    void fail(Errno e) {
        TcpHandler h = sk.handler;
        forget();
        if (h != null) {
            h.onError(sk, e);
            h.onClosed(sk);
        }
    }

    /** {@code tcp_done}: the socket is closed and forgotten; the handler hears {@code onClosed}. */
    void done() {
        TcpHandler h = sk.handler;
        forget();
        if (h != null) {
            h.onClosed(sk);
        }
    }

    private void forget() {
        if (sk.state == TcpState.SYN_RECEIVED && sk.parent != null) {
            sk.parent.childLeftSynQueue();
        }
        sk.state = TcpState.CLOSED;
        sk.rtx.cancel();
        sk.persist.cancel();
        sk.keepalive.cancel();
        sk.acks.cancel();
        if (timeWaitTimer != null) {
            timeWaitTimer.cancel();
        }
        sk.tcp.remove(sk);
    }
}
