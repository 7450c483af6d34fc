package io.knetsim.benchmarks;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.kubeproxy.proxy.KubeProxyConfig;
import io.knetsim.kubeproxy.proxy.ProxyRuleset;
import io.knetsim.kubeproxy.proxy.ServicePortInfo;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.topo.Topo;
import io.knetsim.tool.nft.NftScript;
import java.util.ArrayList;
import java.util.List;
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
 * Question: does the cost per packet of kube-proxy's nftables rules grow with the number of
 * services? (Aim: 10,000 services cost at most 1.5x what 10 do.)
 *
 * <pre>
 *   client 10.0.0.1 ── UDP to 10.96.x.y:53 ──▶ nat-output: services: vmap @service-ips (N elements)
 *        ──▶ service chain ──▶ numgen ──▶ endpoint chain: dnat to 10.0.0.2:5000 ──veth──▶ node (sink)
 * </pre>
 *
 * The client's {@code table ip kube-proxy} holds {@code services} UDP services with two
 * endpoints each ({@link ProxyRuleset}). Every operation is one datagram that starts a new
 * flow: a new source port, so conntrack makes a new entry and the first packet runs the nat
 * chains (output -100, postrouting srcnat) and the filter chains. Baseline: {@link #direct},
 * the same datagrams straight to the node's address through the same tables (no service
 * matches; the flow is still new and still tracked).
 *
 * <p>No state carries over: the client's conntrack table is flushed before each iteration and
 * whenever the source port wraps (every 64,512 flows, so a port never meets a live entry of
 * its own; that flush, one table clear per 64,512 flows, is inside the measurement), and each iteration
 * checks that it made exactly one entry per datagram and that every datagram arrived.
 *
 * <p>Earlier versions were wrong twice: the source port wrapped while the flows of the previous
 * pass were still in conntrack, so after the first 64,512 datagrams the benchmark measured
 * established flows (no nat chains run) rather than new ones; and {@code direct} met the
 * warm-up's DNATed flow (its reply tuple 10.0.0.2:5000 -> 10.0.0.1:P is the one a direct
 * datagram from port P would have), which conntrack dropped at confirm instead of giving the
 * new flow another source port as Linux does (fixed in core's Conntrack).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ServiceDispatchBenchmark {
    /** Datagrams per invocation. */
    public static final int BATCH = 256;
    private static final int FIRST_PORT = 1024;

    /** A client with kube-proxy's rules for {@code services} services, and a node it reaches. */
    @State(Scope.Thread)
    public static class Node {
        @Param({"10", "1000", "10000"})
        public int services;

        World world;
        NetNamespace client;
        ForwardingBenchmark.Sink sink;
        byte[] data;
        int src;
        int vip;
        int node;
        int port;
        /** Flows started since the last flush of the client's conntrack table. */
        int flows;

        @Setup(Level.Trial)
        public void build() {
            world = new World(42);
            client = world.createNamespace("client");
            NetNamespace n = world.createNamespace("node");
            Topo.veth(client, "eth0", "10.0.0.1/24", n, "eth0", "10.0.0.2/24");
            Topo.routeVia(client, "10.96.0.0/12", "10.0.0.2", client.device("eth0"));
            sink = new ForwardingBenchmark.Sink();
            n.udp().bind(ForwardingBenchmark.PORT, sink);
            n.udp().bind(ForwardingBenchmark.PORT + 1, sink);
            List<ServicePortInfo> ports = new ArrayList<>();
            for (int i = 0; i < services; i++) {
                String ip = Ipv4Address.format(Ipv4Address.parse("10.96.0.10").bits() + i);
                ports.add(new ServicePortInfo("default", "svc-" + i, "dns", "udp", ip, 53, 0, false, 0, List.of(
                    new ServicePortInfo.EndpointInfo("10.0.0.2", ForwardingBenchmark.PORT, "node"),
                    new ServicePortInfo.EndpointInfo("10.0.0.2", ForwardingBenchmark.PORT + 1, "node"))));
            }
            NftScript.apply(client.nftables(), "kube-proxy", ProxyRuleset.build(ports,
                new KubeProxyConfig("client", Cidr.parse("11.0.0.0/8"), List.of("10.0.0.1"), 0)));
            data = ForwardingBenchmark.payload(64, 42);
            src = Ipv4Address.parse("10.0.0.1").bits();
            vip = Ipv4Address.parse(ports.get(services - 1).clusterIP()).bits();
            node = Ipv4Address.parse("10.0.0.2").bits();
            flush();
            send(vip, 1); // the rules work before anything is measured
        }

        /** Every iteration starts with an empty conntrack table and the first source port. */
        @Setup(Level.Iteration)
        public void flush() {
            client.nftables().conntrack().flush();
            port = FIRST_PORT;
            flows = 0;
        }

        /** Each datagram of the iteration made its own flow, and nothing was dropped. */
        @TearDown(Level.Iteration)
        public void check() {
            int entries = client.nftables().conntrack().entries().size();
            if (entries != flows) {
                throw new IllegalStateException(flows + " flows started but " + entries + " conntrack entries");
            }
            if (world.totalDrops().total() != 0) {
                throw new IllegalStateException("drops: " + world.totalDrops());
            }
        }

        long send(int dst, int n) {
            long before = sink.packets;
            for (int i = 0; i < n; i++) {
                if (port > 65535) {
                    client.nftables().conntrack().flush(); // the next port would meet its own live flow
                    port = FIRST_PORT;
                    flows = 0;
                }
                if (client.udp().send(src, port++, dst, dst == node ? ForwardingBenchmark.PORT : 53, data) != null) {
                    throw new IllegalStateException("send failed: no route");
                }
                flows++;
            }
            world.sim().runUntilIdle();
            if (sink.packets - before != n) {
                throw new IllegalStateException("delivered " + (sink.packets - before) + " of " + n + "; drops: "
                    + world.totalDrops());
            }
            return sink.packets;
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long throughService(Node s) {
        return s.send(s.vip, BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long direct(Node s) {
        return s.send(s.node, BATCH);
    }
}
