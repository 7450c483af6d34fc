package io.knetsim.benchmarks;

import io.knetsim.packet.Checksum;
import io.knetsim.sim.SimRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: how long does the Internet checksum (RFC 1071) take over a datagram of
 * {@code len} bytes? It runs twice per UDP datagram (fill on send, verify on receive) and
 * once per IPv4 header per hop, so it bounds {@link ForwardingBenchmark} for large payloads.
 *
 * <p>{@link #compute} is what the stack calls (fill and verify fold the same way);
 * {@link #sum} is the exact unfolded word sum the public API also offers. Baseline in the
 * same run: {@link #wordByWord}, the definition (one 16-bit word per step, then fold and
 * complement), so {@code compute / wordByWord} is what wide reads gain.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ChecksumBenchmark {
    @Param({"20", "72", "1408"})
    public int len;

    byte[] data;
    /** Varies the offset so alignment does not flatter one variant. */
    int off;

    @Setup
    public void fill() {
        SimRandom r = new SimRandom(1071);
        data = new byte[len + 8];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) r.nextInt();
        }
        off = 2;
    }

    @Benchmark
    public int compute() {
        return Checksum.compute(data, off, len);
    }

    @Benchmark
    public long sum() {
        return Checksum.sum(data, off, len);
    }

    @Benchmark
    public int wordByWord() {
        byte[] b = data;
        long s = 0;
        int end = off + (len & ~1);
        for (int i = off; i < end; i += 2) {
            s += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            s += (b[off + len - 1] & 0xff) << 8;
        }
        return ~Checksum.fold(s) & 0xffff;
    }
}
