package io.knetsim.benchmarks;

import io.knetsim.net.World;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.topo.Topo;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does it cost to create {@code pods} pods on one node, in wall time and in
 * bytes allocated, where a pod is a namespace with loopback, one veth pair (eth0 in the pod,
 * vethN on the node) enslaved to the node's {@code cni0} bridge, an address and a default
 * route, as {@link Topo#pod} (and the CNI bridge plugin) leaves it?
 *
 * <p>Each iteration starts from a fresh node and creates all the pods once (single shot).
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per batch of
 * {@code pods} pods. The bytes <em>retained</em> per pod (the footprint target) are measured
 * by {@link PodFootprint}, which forces full collections around the same construction;
 * JMH has no primary result for a heap size.
 *
 * <p>Baseline in the same run: {@link #namespacesOnly}, the same number of bare namespaces
 * (loopback only), so the difference is the share of the veth pair, the address, the routes
 * and the bridge port.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
@State(Scope.Thread)
public class PodMemoryBenchmark {
    @Param({"1000", "10000"})
    public int pods;

    World world;
    Bridge bridge;

    @Setup(Level.Iteration)
    public void freshNode() {
        world = new World(11);
        bridge = PodFootprint.node(world);
    }

    @TearDown(Level.Iteration)
    public void check() {
        if (world.namespaces().size() != pods + 1) {
            throw new IllegalStateException("expected " + (pods + 1) + " namespaces, found "
                + world.namespaces().size());
        }
    }

    @Benchmark
    public World pods() {
        PodFootprint.addPods(world, bridge, pods);
        return world;
    }

    @Benchmark
    public World namespacesOnly() {
        PodFootprint.addNamespaces(world, pods);
        return world;
    }
}
