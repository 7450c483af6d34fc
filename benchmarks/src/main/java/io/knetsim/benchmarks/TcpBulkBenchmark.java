package io.knetsim.benchmarks;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.tcp.BulkSender;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.net.topo.Topo;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Question: how many bytes of TCP bulk transfer does the engine simulate per second of wall
 * time over a two-host path? (Multiply the score by 8 for simulated bits per wall second.)
 *
 * <pre>
 *   client 10.0.0.1 [eth0] ==== 50 us, 10 Gbit/s ==== [eth0] 10.0.0.2 server:5001 (counting sink)
 * </pre>
 *
 * Each invocation opens a connection, sends {@value #BYTES} bytes with back-pressure (as much
 * as the send buffer takes, the rest on {@code onWritable}), closes, and runs the clock until
 * the world is idle; it fails unless the server received every byte. The score is per byte
 * ({@link OperationsPerInvocation}). Baseline in the same run: {@code kind = veth}, the same
 * transfer between two namespaces on one veth pair (no link events, no serialisation).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TcpBulkBenchmark {
    /** Bytes per invocation: 8 MiB. */
    public static final int BYTES = 8 << 20;
    static final int PORT = 5001;

    /** A client and a server namespace, joined by a link or by a veth pair. */
    @State(Scope.Thread)
    public static class Path {
        @Param({"link", "veth"})
        public String kind;

        World world;
        NetNamespace client;
        int server;
        long received;
        final byte[] chunk = new byte[64 * 1024];

        @Setup
        public void build() {
            world = new World(11);
            client = world.createNamespace("client");
            NetNamespace srv = world.createNamespace("server");
            if (kind.equals("link")) {
                Topo.cable(Topo.nic(client, "eth0", "10.0.0.1/24"), Topo.nic(srv, "eth0", "10.0.0.2/24"),
                    LinkConfig.DEFAULT.withDelay(Duration.ofNanos(50_000)).withRate(10_000_000_000L));
            } else {
                Topo.veth(client, "veth0", "10.0.0.1/24", srv, "veth1", "10.0.0.2/24");
            }
            server = Ipv4Address.parse("10.0.0.2").bits();
            Tcp.listen(srv, PORT, 128, s -> new TcpHandler() {
                @Override
                public void onData(TcpSocket sock, byte[] b, int off, int len) {
                    received += len;
                }

                @Override
                public void onPeerClosed(TcpSocket sock) {
                    sock.close();
                }
            });
        }

        /** One transfer of {@link #BYTES}; returns the bytes the server counted. */
        long transfer() {
            long before = received;
            BulkSender sender = new BulkSender(BYTES, chunk);
            Tcp.connect(client, server, PORT, sender);
            world.sim().runUntilIdle();
            long got = received - before;
            if (got != BYTES) {
                throw new IllegalStateException("server received " + got + " of " + BYTES + " bytes");
            }
            return got;
        }
    }

    @Benchmark
    @OperationsPerInvocation(BYTES)
    public long bulk(Path p) {
        return p.transfer();
    }
}
