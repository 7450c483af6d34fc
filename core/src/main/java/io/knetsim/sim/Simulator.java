package io.knetsim.sim;

import java.util.function.BooleanSupplier;

/**
 * One simulated world's clock and event loop.
 *
 * <pre>
 *   after(d, a) / at(t, a)          queue: (time, seq) min-heap
 *        |                                |
 *        v                                v
 *   [ t=5 s#1 ] [ t=5 s#2 ] [ t=9 s#3 ]  -- run*() pops the earliest, sets now = its time,
 *                                          runs it; equal times run in scheduling order
 * </pre>
 *
 * Time is a {@code long} of nanoseconds and only moves when an event runs or a
 * {@link #runUntil} reaches its target. Each run method stops after {@link #eventBudget()}
 * events with a {@link SimulationRunawayException} rather than spinning forever.
 */
public final class Simulator {
    /** Default number of events one run call may execute. */
    public static final long DEFAULT_EVENT_BUDGET = 2_000_000_000L;

    private final long seed;
    private final EventQueue queue = new EventQueue();
    private long now;
    private long nextSeq;
    private long executed;
    private long eventBudget = DEFAULT_EVENT_BUDGET;

    public Simulator(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** Current virtual time in nanoseconds. */
    public long now() {
        return now;
    }

    /** Runs {@code action} {@code delayNanos} from now (0 means after the events already due now). */
    public Timer after(long delayNanos, Runnable action) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("negative delay: " + delayNanos);
        }
        return at(now + delayNanos, action);
    }

    /** Runs {@code action} at virtual time {@code timeNanos}, which must not be in the past. */
    public Timer at(long timeNanos, Runnable action) {
        if (timeNanos < now) {
            throw new IllegalArgumentException("time " + timeNanos + " is before now " + now);
        }
        Timer t = new Timer(queue, timeNanos, nextSeq++, action);
        queue.add(t);
        return t;
    }

    /** A random stream for one named component, derived from this simulator's seed. */
    public SimRandom random(String component) {
        return SimRandom.derive(seed, component);
    }

    /** Runs the earliest event; false when none is queued. */
    public boolean step() {
        if (queue.isEmpty()) {
            return false;
        }
        Timer t = queue.poll();
        now = t.time;
        Runnable a = t.action;
        t.action = null;
        executed++;
        a.run();
        return true;
    }

    /** Runs every event due at or before {@code timeNanos}, then sets the clock to it. */
    public void runUntil(long timeNanos) {
        long budget = executed + eventBudget;
        Timer head;
        while ((head = queue.peek()) != null && head.time <= timeNanos) {
            step();
            checkBudget(budget);
        }
        if (timeNanos > now) {
            now = timeNanos;
        }
    }

    /** Runs for {@code nanos} of virtual time from now. */
    public void runFor(long nanos) {
        runUntil(now + nanos);
    }

    /** Runs until no event is left. */
    public void runUntilIdle() {
        long budget = executed + eventBudget;
        while (step()) {
            checkBudget(budget);
        }
    }

    /**
     * Runs events while {@code condition} holds.
     *
     * @return true if the condition became false, false if the queue ran dry first
     */
    public boolean runWhile(BooleanSupplier condition) {
        long budget = executed + eventBudget;
        while (condition.getAsBoolean()) {
            if (!step()) {
                return false;
            }
            checkBudget(budget);
        }
        return true;
    }

    private void checkBudget(long budget) {
        if (executed > budget) {
            throw new SimulationRunawayException("more than " + eventBudget
                + " events in one run (virtual time " + now + " ns, " + queue.size() + " pending)");
        }
    }

    public long eventBudget() {
        return eventBudget;
    }

    public void setEventBudget(long events) {
        if (events <= 0) {
            throw new IllegalArgumentException("event budget must be positive");
        }
        this.eventBudget = events;
    }

    /** Events run since creation. */
    public long executedEvents() {
        return executed;
    }

    /** Time of the earliest queued event, or {@link Long#MAX_VALUE} if none. */
    public long nextEventTime() {
        Timer t = queue.peek();
        return t == null ? Long.MAX_VALUE : t.time;
    }

    /** Events queued now. */
    public int pendingEvents() {
        return queue.size();
    }
}
