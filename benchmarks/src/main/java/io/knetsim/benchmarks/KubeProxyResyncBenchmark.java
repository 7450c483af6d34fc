package io.knetsim.benchmarks;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.api.ApiServer;
import io.knetsim.api.EndpointSlice;
import io.knetsim.api.IntOrString;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Service;
import io.knetsim.api.ServiceAllocator;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceSpec;
import io.knetsim.kubeproxy.proxy.KubeProxy;
import io.knetsim.kubeproxy.proxy.KubeProxyConfig;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.topo.Topo;
import io.knetsim.sim.SimTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: how long does kube-proxy take for a full resync of {@code services} Services with
 * {@value #ENDPOINTS} ready endpoints each: list Services and EndpointSlices, compute the
 * service ports, write the whole {@code table ip kube-proxy} as one {@code nft -f} text, parse
 * it and apply it to the node's ruleset in one transaction (the old table goes in the same
 * transaction)? The 1,000-service case is the baseline; the issue asks for 10,000.
 *
 * <pre>
 *   ApiServer: N Services (ClusterIP, TCP 80 -> 8080), N EndpointSlices (10 endpoints each)
 *        ──KubeProxy.sync()──▶ ServicePorts.of ─▶ ProxyRuleset.build (text) ─▶ nft parse ─▶ Nftables.apply
 *   node: table ip kube-proxy with N service chains, 10·N endpoint chains, service-ips with N elements
 * </pre>
 *
 * {@link #fullResync}: each invocation is one whole sync of the same objects ({@link KubeProxy#fullSync}),
 * so nothing accumulates: the table is replaced, not grown. Watches are not involved.
 *
 * <p>{@link #partialSync}: what kube-proxy does between full syncs. Each invocation changes
 * one endpoint of one Service among the N (its EndpointSlice's last address goes back and
 * forth between two pods), lets the watch deliver the change and kube-proxy run its partial
 * sync: that Service's slices and ports only, one small transaction (its service chain
 * rewritten, one endpoint chain added, one deleted). {@link #fullResync} in the same class is
 * the baseline.
 *
 * <pre>
 *   java -jar benchmarks/target/benchmarks.jar KubeProxyResyncBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class KubeProxyResyncBenchmark {
    /** Ready endpoints per service. */
    public static final int ENDPOINTS = 10;

    /** An API server holding the services and slices, and kube-proxy on one node. */
    @State(Scope.Thread)
    public static class Cluster {
        @Param({"1000", "10000"})
        public int services;

        KubeProxy proxy;
        World world;
        ApiServer api;
        int podBase;
        boolean moved;

        @Setup(Level.Trial)
        public void build() {
            world = new World(42);
            NetNamespace node = Topo.host(world, "node");
            Topo.veth(node, "eth0", "10.0.0.2/24", Topo.host(world, "peer"), "eth0", "10.0.0.1/24");
            api = new ApiServer(world.sim(), "C0");
            ServiceAllocator.install(api, ServiceAllocator.DEFAULT_SERVICE_CIDR);
            podBase = Ipv4Address.parse("11.0.0.1").bits();
            for (int i = 0; i < services; i++) {
                String name = "svc-" + i;
                api.create(Service.of(ObjectMeta.of("default", name), ServiceSpec.clusterIP(Map.of("app", name),
                    new ServicePort("http", "TCP", 80, IntOrString.of(8080), null))));
                List<EndpointSlice.Endpoint> eps = new ArrayList<>();
                for (int e = 0; e < ENDPOINTS; e++) {
                    eps.add(new EndpointSlice.Endpoint(List.of(Ipv4Address.format(podBase + i * ENDPOINTS + e)),
                        new EndpointSlice.Conditions(true, true, false), "node" + (e % 3), null));
                }
                api.create(new EndpointSlice(null, null, ObjectMeta.of("default", name + "-abcde",
                    Map.of(EndpointSlice.SERVICE_NAME_LABEL, name)), "IPv4", eps,
                    List.of(new EndpointSlice.EndpointPort("http", "TCP", 8080))));
            }
            proxy = KubeProxy.start(api, node, new KubeProxyConfig("node0", Cidr.parse("11.0.0.0/8"),
                List.of("10.0.0.2"), 0));
            if (proxy.failedSyncs() != 0 || proxy.syncs() != 1) {
                throw new IllegalStateException("first sync failed: " + proxy.lastError());
            }
        }
    }

    /** One full resync; fails loudly if nft refused it. */
    @Benchmark
    public long fullResync(Cluster c) {
        c.proxy.fullSync();
        if (c.proxy.failedSyncs() != 0) {
            throw new IllegalStateException("sync failed: " + c.proxy.lastError());
        }
        return c.proxy.syncs();
    }

    /**
     * One endpoint of {@code svc-0} moves to another pod (11.255.255.1 and back), and
     * kube-proxy's partial sync follows; fails loudly if nft refused it or the sync was full.
     */
    @Benchmark
    public long partialSync(Cluster c) {
        EndpointSlice old = c.api.get(EndpointSlice.class, "default", "svc-0-abcde");
        List<EndpointSlice.Endpoint> eps = new ArrayList<>(old.endpoints());
        c.moved = !c.moved;
        String ip = c.moved ? "11.255.255.1" : Ipv4Address.format(c.podBase + ENDPOINTS - 1);
        eps.set(ENDPOINTS - 1, new EndpointSlice.Endpoint(List.of(ip), new EndpointSlice.Conditions(true, true, false),
            "node2", null));
        c.api.update(old.withContent(eps, old.ports()));
        long fullBefore = c.proxy.fullSyncs();
        long before = c.proxy.syncs();
        c.world.sim().runFor(SimTime.ms(1)); // the watch delivers the change, kube-proxy syncs (delay 0)
        if (c.proxy.failedSyncs() != 0 || c.proxy.syncs() != before + 1 || c.proxy.fullSyncs() != fullBefore) {
            throw new IllegalStateException("partial sync did not happen: " + c.proxy.lastError());
        }
        return c.proxy.syncs();
    }
}
