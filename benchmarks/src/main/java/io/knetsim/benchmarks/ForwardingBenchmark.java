package io.knetsim.benchmarks;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.ipv4.UdpListener;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.Topo;
import io.knetsim.net.topo.TwoWorkerOverlay;
import io.knetsim.packet.SkBuff;
import io.knetsim.sim.SimRandom;
import io.knetsim.sim.SimTime;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: how many UDP datagrams per second of wall time does the engine carry from one
 * pod to a pod on another worker, over the whole flannel VXLAN data path?
 *
 * <pre>
 *   podA --veth--> cni0 --route--> flannel.100 --encap--> eth0 ==link==> eth0 --decap-->
 *        flannel.100 --route--> cni0 --veth--> podB:5000 (counting sink)
 * </pre>
 *
 * Each invocation sends a batch of {@value #BATCH} datagrams from podA, then runs the clock
 * until idle; the score is per datagram ({@link OperationsPerInvocation}). The sink counts
 * what arrives and the invocation fails unless every datagram did, so a broken path cannot
 * look fast. ARP and the bridges' FDBs are warmed before measuring.
 *
 * <p>Baseline in the same run: {@link #vethPair}, the same batch between two namespaces
 * joined by one veth pair (UDP send and receive, no bridge, no forwarding, no tunnel, no
 * event), so {@code overlay / vethPair} says what the overlay path costs relative to the
 * smallest path the stack has.
 *
 * <p>{@code link}: {@code ideal} is a zero-delay, unlimited-rate underlay (the engine's own
 * cost); {@code 10g} is 50 microseconds and 10 Gbit/s with a 1000-frame queue, which adds a
 * serialisation event per frame and moves virtual time, so ARP entries age as they would.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ForwardingBenchmark {
    /** Datagrams per invocation. Below the underlay queue (1000 frames) so none is shaped away. */
    public static final int BATCH = 256;
    static final int PORT = 5000;

    /** Counts datagrams and payload bytes delivered to a bound port. */
    static final class Sink implements UdpListener {
        long packets;
        long bytes;

        @Override
        public void receive(SkBuff skb, int src, int srcPort, int dst, int dstPort) {
            packets++;
            bytes += skb.len();
        }
    }

    /** Sends {@code n} datagrams from {@code from}, runs the world idle, checks every one arrived. */
    static long send(World world, NetNamespace from, int src, int dst, byte[] payload, Sink sink, int n) {
        long before = sink.packets;
        for (int i = 0; i < n; i++) {
            if (from.udp().send(src, 40000, dst, PORT, payload) != null) {
                throw new IllegalStateException("send failed: no route");
            }
        }
        world.sim().runUntilIdle();
        long got = sink.packets - before;
        if (got != n) {
            throw new IllegalStateException("delivered " + got + " of " + n + " datagrams; drops: "
                + world.totalDrops());
        }
        return sink.packets;
    }

    static byte[] payload(int size, long seed) {
        byte[] p = new byte[size];
        SimRandom r = new SimRandom(seed);
        for (int i = 0; i < size; i++) {
            p[i] = (byte) r.nextInt();
        }
        return p;
    }

    /** Two workers over VXLAN, podA 11.10.1.2 to podB 11.10.2.2. */
    @State(Scope.Thread)
    public static class Overlay {
        @Param({"64", "1400"})
        public int payload;

        @Param({"ideal", "10g"})
        public String link;

        TwoWorkerOverlay w;
        Sink sink;
        byte[] data;
        int src;
        int dst;

        @Setup(Level.Trial)
        public void build() {
            LinkConfig cfg = switch (link) {
                case "ideal" -> new LinkConfig(0, 0, LinkConfig.DEFAULT_QUEUE, 0);
                case "10g" -> new LinkConfig(SimTime.us(50), 10_000_000_000L, LinkConfig.DEFAULT_QUEUE, 0);
                default -> throw new IllegalArgumentException("link: ideal or 10g, not " + link);
            };
            w = new TwoWorkerOverlay(42, cfg);
            sink = new Sink();
            w.podB.udp().bind(PORT, sink);
            data = payload(payload, 42);
            src = Ipv4Address.parse("11.10.1.2").bits();
            dst = Ipv4Address.parse("11.10.2.2").bits();
            // resolve ARP on both sides and let the bridges learn both pods (one datagram each
            // way: a whole batch of 1400-byte datagrams would overflow the ARP queue, as on Linux)
            Sink back = new Sink();
            w.podA.udp().bind(PORT, back);
            send(w.world, w.podA, src, dst, data, sink, 1);
            send(w.world, w.podB, dst, src, data, back, 1);
        }

        @TearDown(Level.Trial)
        public void check() {
            if (w.world.totalDrops().total() != 0) {
                throw new IllegalStateException("drops during the run: " + w.world.totalDrops());
            }
        }
    }

    /** Baseline: two namespaces on one veth pair, 10.0.0.1 to 10.0.0.2. */
    @State(Scope.Thread)
    public static class VethPair {
        @Param({"64", "1400"})
        public int payload;

        World world;
        NetNamespace a;
        Sink sink;
        byte[] data;
        int src;
        int dst;

        @Setup(Level.Trial)
        public void build() {
            world = new World(42);
            a = world.createNamespace("a");
            NetNamespace b = world.createNamespace("b");
            Topo.veth(a, "eth0", "10.0.0.1/24", b, "eth0", "10.0.0.2/24");
            sink = new Sink();
            b.udp().bind(PORT, sink);
            data = payload(payload, 42);
            src = Ipv4Address.parse("10.0.0.1").bits();
            dst = Ipv4Address.parse("10.0.0.2").bits();
            send(world, a, src, dst, data, sink, 1);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long overlay(Overlay s) {
        return send(s.w.world, s.w.podA, s.src, s.dst, s.data, s.sink, BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long vethPair(VethPair s) {
        return send(s.world, s.a, s.src, s.dst, s.data, s.sink, BATCH);
    }
}
