package io.knetsim.net.tcp;

import io.knetsim.sim.SimTime;
import io.knetsim.sim.Simulator;
import io.knetsim.sim.Timer;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * {@code SO_KEEPALIVE} (RFC 1122 section 4.2.3.6), off by default, with Linux's sysctls
 * {@code tcp_keepalive_time} 7200 s, {@code tcp_keepalive_intvl} 75 s and
 * {@code tcp_keepalive_probes} 9, timed as {@code tcp_keepalive_timer} times it:
 *
 * <pre>
 *   last segment heard         probe      probe      ...   9th probe         RST, ETIMEDOUT
 *        |------- 7200 s -------|-- 75 s --|-- 75 s --|...|------ 75 s -------|
 * </pre>
 *
 * Any segment heard from the peer (data, or an ACK such as the answer to a probe) restarts the
 * idle count; while data is in flight or waiting, the connection is alive without probes. A
 * probe is a zero-length ACK with sequence number SND.UNA - 1, which the peer can only answer
 * with an ACK.
 */
final class TcpKeepalive {
    /** {@code net.ipv4.tcp_keepalive_time}. */
    static final long TIME = SimTime.seconds(7200);
    /** {@code net.ipv4.tcp_keepalive_intvl}. */
    static final long INTERVAL = SimTime.seconds(75);
    /** {@code net.ipv4.tcp_keepalive_probes}. */
    static final int PROBES = 9;

    private final Simulator sim;
    private final Executor lock;
    private final BooleanSupplier busy;
    private final Runnable sendProbe;
    private final Runnable timedOut;
    private boolean enabled;
    private Timer timer;
    private long lastHeard;
    private int probesOut;

    /**
     * {@code busy} says whether data is in flight or waits to be sent; {@code sendProbe} sends
     * a probe; {@code timedOut} ends the connection. {@code lock} runs the expiry as the stack
     * runs segment input ({@link Tcp}'s socket lock).
     */
    TcpKeepalive(Simulator sim, Executor lock, BooleanSupplier busy, Runnable sendProbe, Runnable timedOut) {
        this.sim = sim;
        this.lock = lock;
        this.busy = busy;
        this.sendProbe = sendProbe;
        this.timedOut = timedOut;
        this.lastHeard = sim.now();
    }

    boolean enabled() {
        return enabled;
    }

    /** Keepalive probes sent since the peer was last heard. */
    int probesOut() {
        return probesOut;
    }

    /** {@code tcp_set_keepalive}: switching on starts the timer once the connection is up. */
    void setEnabled(boolean on, boolean connected) {
        if (on == enabled) {
            return;
        }
        enabled = on;
        if (on && connected) {
            arm(TIME);
        } else if (!on) {
            cancel();
        }
    }

    /** The handshake completed ({@code tcp_finish_connect}): the idle count starts. */
    void connected() {
        lastHeard = sim.now();
        if (enabled) {
            arm(TIME);
        }
    }

    /** A segment with an acceptable ACK arrived ({@code rcv_tstamp}, {@code lrcvtime}). */
    void heard() {
        lastHeard = sim.now();
        probesOut = 0;
    }

    void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void arm(long delay) {
        cancel();
        timer = sim.after(delay, () -> lock.execute(this::expire));
    }

    private void expire() {
        timer = null;
        if (!enabled) {
            return;
        }
        if (busy.getAsBoolean()) {
            arm(TIME);
            return;
        }
        long elapsed = sim.now() - lastHeard;
        if (elapsed < TIME) {
            arm(TIME - elapsed);
            return;
        }
        if (probesOut >= PROBES) {
            timedOut.run();
            return;
        }
        sendProbe.run();
        probesOut++;
        arm(INTERVAL);
    }
}
