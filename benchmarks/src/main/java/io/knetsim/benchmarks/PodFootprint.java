package io.knetsim.benchmarks;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.topo.Topo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Question: how many bytes of heap does one pod keep alive? (The companion of
 * {@link PodMemoryBenchmark}, which measures time and allocation; JMH has no result type for
 * a heap size, so this is a plain program.)
 *
 * <p>Each round builds a fresh node (a namespace with a {@code cni0} bridge), forces full
 * collections until the used heap stops shrinking, creates {@code pods} pods as
 * {@link Topo#pod} does, and measures again; the difference over {@code pods} is the
 * retained size of one pod, the node's share of it (its veth end, bridge port and FDB entry)
 * included. The same is done for bare namespaces as a baseline. Prints each round, then the
 * mean and standard deviation of the rounds after the first (which warms the JIT).
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar io.knetsim.benchmarks.PodFootprint [pods] [rounds]
 * </pre>
 */
public final class PodFootprint {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    static final String GATEWAY = "10.128.0.1";

    private PodFootprint() {
    }

    /** A node namespace with a {@code cni0} bridge holding the pods' gateway, 10.128.0.1/9. */
    static Bridge node(World world) {
        NetNamespace node = Topo.host(world, "node");
        Bridge br = new Bridge(node, "cni0");
        node.addAddress(br, Cidr.parse(GATEWAY + "/9"));
        br.setUp(true);
        return br;
    }

    /** {@code n} pods on {@code bridge}: pod0 at 10.128.0.2, pod1 at 10.128.0.3, ... */
    static void addPods(World world, Bridge bridge, int n) {
        int first = Ipv4Address.parse("10.128.0.2").bits();
        for (int i = 0; i < n; i++) {
            Topo.pod(world, "pod" + i, bridge, "veth" + i, Ipv4Address.format(first + i) + "/9", GATEWAY);
        }
    }

    /** {@code n} bare namespaces (loopback only). */
    static void addNamespaces(World world, int n) {
        for (int i = 0; i < n; i++) {
            world.createNamespace("pod" + i);
        }
    }

    /** Used heap after full collections, once it has stopped shrinking. */
    static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long u = MEMORY.getHeapMemoryUsage().getUsed();
            if (u >= used) {
                return u;
            }
            used = u;
        }
        return used;
    }

    /** Retained bytes per pod (or per bare namespace) for one round. */
    static double round(int n, boolean withPods) {
        usedHeapAfterGc();
        World world = new World(11);
        Bridge bridge = node(world);
        long before = usedHeapAfterGc();
        if (withPods) {
            addPods(world, bridge, n);
        } else {
            addNamespaces(world, n);
        }
        long after = usedHeapAfterGc();
        if (world.namespaces().size() != n + 1) {
            throw new IllegalStateException("expected " + (n + 1) + " namespaces");
        }
        return (after - before) / (double) n;
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        System.out.printf(Locale.ROOT, "# %s %s, %d pods per round, %d rounds (first is warm-up)%n",
            System.getProperty("java.vm.name"), System.getProperty("java.version"), n, rounds);
        report("pod (namespace + veth pair + bridge port)", n, rounds, true);
        report("bare namespace (baseline)", n, rounds, false);
    }

    private static void report(String what, int n, int rounds, boolean withPods) {
        double sum = 0;
        double sumSq = 0;
        for (int r = 0; r < rounds; r++) {
            double b = round(n, withPods);
            System.out.printf(Locale.ROOT, "%s round %d: %.0f bytes%n", what, r + 1, b);
            if (r > 0) {
                sum += b;
                sumSq += b * b;
            }
        }
        int k = rounds - 1;
        double mean = sum / k;
        double sd = k > 1 ? Math.sqrt(Math.max(0, (sumSq - k * mean * mean) / (k - 1))) : 0;
        System.out.printf(Locale.ROOT, "%s: %.0f ± %.0f bytes retained (mean ± sd of %d rounds)%n", what, mean, sd, k);
    }
}
