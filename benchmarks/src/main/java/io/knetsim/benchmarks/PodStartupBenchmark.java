package io.knetsim.benchmarks;

import io.knetsim.api.ApiServer;
import io.knetsim.api.Container;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Pod;
import io.knetsim.api.PodSpec;
import io.knetsim.app.image.ImageCatalog;
import io.knetsim.cni.Cni;
import io.knetsim.cni.PluginRegistry;
import io.knetsim.cni.kubelet.Kubelet;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.topo.Topo;
import io.knetsim.scenarios.cluster.Cluster;
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
 * Question: how many pods per wall second does a node start, from the API server's create to
 * a Running pod with its address, through the kubelet, the CNI chain flannel -> bridge ->
 * host-local (allocation files and all) and the image catalog?
 *
 * <p>Each invocation creates {@value #PODS} pods bound to one node of a fresh world (an API
 * server, a kubelet, kube-flannel's conflist (flannel, then portmap) and the subnet.env flanneld
 * writes with {@code --ip-masq} for a /16) and runs the clock
 * until all run; the score is per pod. Baseline in the same run: {@link #namespacesOnly}, the
 * same number of bare network namespaces, which is the floor under any pod.
 *
 * <pre>
 *   java -jar benchmarks/target/benchmarks.jar PodStartupBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class PodStartupBenchmark {
    static final int PODS = 1000;

    @Param({"1"})
    public long seed;

    private World world;
    private ApiServer api;
    private Kubelet kubelet;

    @Setup(Level.Invocation)
    public void freshNode() {
        world = new World(seed);
        NetNamespace host = Topo.host(world, "node1");
        Topo.nic(host, "eth0", "10.0.0.3/24");
        host.files().write("/run/flannel/subnet.env",
            "FLANNEL_NETWORK=10.240.0.0/12\nFLANNEL_SUBNET=10.244.0.1/16\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n");
        host.files().write(Cluster.CONFLIST_PATH, Cluster.FLANNEL_CONFLIST);
        api = new ApiServer(world.sim(), "bench");
        kubelet = new Kubelet(host, "node1", api, new Cni(PluginRegistry.defaults()), ImageCatalog.builtin()).start();
        world.sim().runFor(SimTime.ms(1));
    }

    @TearDown(Level.Invocation)
    public void check() {
        if (kubelet != null && kubelet.runningPods() != PODS) {
            throw new IllegalStateException("expected " + PODS + " pods, got " + kubelet.runningPods());
        }
    }

    @Benchmark
    @OperationsPerInvocation(PODS)
    public int podsThroughKubeletAndCni() {
        for (int i = 0; i < PODS; i++) {
            api.create(Pod.of(ObjectMeta.of("default", "p" + i),
                PodSpec.of(Container.of("main", "busybox")).withNodeName("node1")));
        }
        world.sim().runFor(SimTime.ms(10));
        return kubelet.runningPods();
    }

    @Benchmark
    @OperationsPerInvocation(PODS)
    public int namespacesOnly() {
        kubelet = null; // nothing to check: no pods are made
        for (int i = 0; i < PODS; i++) {
            world.createNamespace("ns" + i);
        }
        return world.namespaces().size();
    }
}
