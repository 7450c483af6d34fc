package io.knetsim.benchmarks;

import io.knetsim.sim.SimRandom;
import io.knetsim.sim.Simulator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: how many events per second of wall time does the simulator's event loop run
 * when {@code pending} events are queued?
 *
 * <p>The queue is kept at {@code pending}: every event, when it runs, schedules one new event
 * at a seeded random offset of 1 ns to 1 ms from now (the spread of link delays and timers in
 * a real world), so each step is one pop and one push on a heap of that size. The action is a
 * single reused object, so what is measured is the loop, the heap and the {@code Timer}
 * allocation, not lambda capture.
 *
 * <p>Baseline in the same run: {@link #priorityQueue}, the same workload on a
 * {@link java.util.PriorityQueue} of (time, sequence) entries with no simulator around it,
 * so {@code simulator / priorityQueue} is the loop's overhead over the JDK's heap.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class EventLoopBenchmark {
    /** Events per invocation. */
    public static final int BATCH = 1024;
    /** Offsets are drawn from [1, MAX_OFFSET] nanoseconds. */
    static final int MAX_OFFSET = 1_000_000;

    @Param({"1000", "100000"})
    public int pending;

    Simulator sim;
    Reschedule action;

    /** Each run schedules its successor: the queue size stays constant. */
    static final class Reschedule implements Runnable {
        final Simulator sim;
        final SimRandom random;
        long runs;

        Reschedule(Simulator sim, SimRandom random) {
            this.sim = sim;
            this.random = random;
        }

        @Override
        public void run() {
            runs++;
            sim.after(1 + random.nextInt(MAX_OFFSET), this);
        }
    }

    /** A (time, sequence) entry for the baseline heap, ordered as the simulator orders events. */
    record Entry(long time, long seq) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            return time != o.time ? Long.compare(time, o.time) : Long.compare(seq, o.seq);
        }
    }

    PriorityQueue<Entry> heap;
    SimRandom heapRandom;
    long heapSeq;

    @Setup(Level.Trial)
    public void build() {
        sim = new Simulator(7);
        action = new Reschedule(sim, sim.random("bench"));
        SimRandom first = sim.random("bench/first");
        for (int i = 0; i < pending; i++) {
            sim.after(1 + first.nextInt(MAX_OFFSET), action);
        }
        heap = new PriorityQueue<>(pending * 2);
        heapRandom = new SimRandom(7);
        for (int i = 0; i < pending; i++) {
            heap.add(new Entry(1 + heapRandom.nextInt(MAX_OFFSET), heapSeq++));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long simulator() {
        Simulator s = sim;
        for (int i = 0; i < BATCH; i++) {
            s.step();
        }
        if (s.pendingEvents() != pending) {
            throw new IllegalStateException("queue drifted to " + s.pendingEvents());
        }
        return s.now();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long priorityQueue() {
        PriorityQueue<Entry> h = heap;
        long now = 0;
        for (int i = 0; i < BATCH; i++) {
            Entry e = h.poll();
            now = e.time;
            h.add(new Entry(now + 1 + heapRandom.nextInt(MAX_OFFSET), heapSeq++));
        }
        return now;
    }
}
