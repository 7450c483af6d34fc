package io.knetsim.benchmarks;

import io.knetsim.scenarios.measure.RouterOverhead;
import io.knetsim.scenarios.measure.RouterOverhead.Way;
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
 * Question: how many bytes of TCP transfer per wall second does the engine simulate through the
 * skupper router network (AMQP framing, two routers, the TCP adaptor), against the same transfer
 * pod to pod in one cluster? (The simulated overhead itself, latency and throughput in
 * simulated time, is {@link RouterOverhead}'s report.)
 *
 * <pre>
 *   direct: C0 client (C0w1) ─flannel VXLAN─▶ sink :5001 (C0w2)
 *   routed: C1 client (C1w2) ─▶ C1w1:1029 [router C1] ══AMQP 55671══ [router C0 on C0w1] ─VXLAN─▶ sink
 * </pre>
 *
 * The world (two clusters of two workers, the routers converged) is built once per trial; each
 * invocation sends {@value #BYTES} bytes with back-pressure and runs the clock until the sink
 * has counted them all, then lets the connection close. The score is per byte
 * ({@link OperationsPerInvocation}); baseline in the same run: {@code way = DIRECT}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RouterOverheadBenchmark {
    /** Bytes per invocation: 1 MiB. */
    public static final int BYTES = 1 << 20;

    /** The two clusters with their routers, and which way the client goes. */
    @State(Scope.Thread)
    public static class Paths {
        @Param({"DIRECT", "ROUTED"})
        public Way way;

        RouterOverhead world;

        @Setup(Level.Trial)
        public void build() {
            world = RouterOverhead.build(11);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BYTES)
    public long transfer(Paths p) {
        return p.world.bulk(p.way, BYTES);
    }
}
