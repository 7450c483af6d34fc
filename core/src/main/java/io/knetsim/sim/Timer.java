package io.knetsim.sim;

/**
 * One scheduled event: an action due at a virtual time. Returned by
 * {@link Simulator#after} and {@link Simulator#at} so that the caller can cancel it
 * (a retransmission timer, a neighbour probe, an ageing sweep).
 */
public final class Timer {
    final long time;
    final long seq;
    Runnable action;
    int heapIndex = -1;
    private final EventQueue queue;

    Timer(EventQueue queue, long time, long seq, Runnable action) {
        this.queue = queue;
        this.time = time;
        this.seq = seq;
        this.action = action;
    }

    /** Virtual time in nanoseconds at which this event fires. */
    public long time() {
        return time;
    }

    /** True while the event is queued: not yet fired and not cancelled. */
    public boolean isPending() {
        return heapIndex >= 0;
    }

    /** Removes the event from the queue; a no-op when it already fired or was cancelled. */
    public void cancel() {
        if (heapIndex >= 0) {
            queue.remove(this);
        }
        action = null;
    }

    boolean before(Timer o) {
        return time < o.time || (time == o.time && seq < o.seq);
    }
}
