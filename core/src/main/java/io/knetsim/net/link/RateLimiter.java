package io.knetsim.net.link;

import io.knetsim.net.DropReason;
import io.knetsim.net.NetDevice;
import io.knetsim.packet.SkBuff;
import io.knetsim.sim.SimTime;
import io.knetsim.sim.Simulator;

/**
 * Bandwidth: frames leave one after another, each taking its serialisation time on the wire
 * (frame bytes plus 24 bytes of preamble, FCS and inter-frame gap, as Ethernet spends them),
 * behind a drop-tail FIFO of {@code queueLimit} frames ({@code pfifo}, like a NIC's txqueuelen).
 */
public final class RateLimiter implements Channel {
    /** Preamble and SFD (8), FCS (4) and inter-frame gap (12). */
    public static final int ETHERNET_OVERHEAD = 24;

    private final Simulator sim;
    private final long bitsPerSecond;
    private final int queueLimit;
    private final Channel next;
    private final NetDevice from;
    private long busyUntil;
    private int queued;

    public RateLimiter(Simulator sim, long bitsPerSecond, int queueLimit, Channel next, NetDevice from) {
        if (bitsPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + bitsPerSecond);
        }
        this.sim = sim;
        this.bitsPerSecond = bitsPerSecond;
        this.queueLimit = queueLimit;
        this.next = next;
        this.from = from;
    }

    /** Nanoseconds to put {@code bytes} of frame on the wire. */
    public long serialisationTime(int bytes) {
        return ((bytes + ETHERNET_OVERHEAD) * 8L * SimTime.SECOND + bitsPerSecond - 1) / bitsPerSecond;
    }

    @Override
    public void send(SkBuff skb) {
        // frames in the system: the one on the wire plus those waiting
        if (queued > queueLimit) {
            from.dropTx(skb, DropReason.QDISC_DROP);
            return;
        }
        long now = sim.now();
        long start = Math.max(now, busyUntil);
        long done = start + serialisationTime(skb.len());
        busyUntil = done;
        queued++;
        sim.at(done, () -> {
            queued--;
            next.send(skb);
        });
    }

    /** Frames waiting or on the wire now. */
    public int backlog() {
        return queued;
    }
}
