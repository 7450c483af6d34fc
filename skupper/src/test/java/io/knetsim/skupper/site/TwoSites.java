package io.knetsim.skupper.site;

import io.knetsim.api.ApiServer;
import io.knetsim.api.ClusterDirectory;
import io.knetsim.api.Container;
import io.knetsim.api.ContainerPort;
import io.knetsim.api.Deployment;
import io.knetsim.api.Node;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Pod;
import io.knetsim.api.PodSpec;
import io.knetsim.api.PodStatus;
import io.knetsim.api.ServiceAllocator;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two clusters' control planes without a data path, enough for the site verbs:
 *
 * <pre>
 *   C0: API server, nodes c0w1 10.0.0.3 and c0w2 10.0.0.4    C1: API server, node c1w1 10.0.0.8
 * </pre>
 *
 * Routers are {@link FakeRouter}s; token files go to {@code dir}.
 */
final class TwoSites {
    final World world = new World(7);
    final ApiServer c0 = new ApiServer(world.sim(), "C0");
    final ApiServer c1 = new ApiServer(world.sim(), "C1");
    final NetNamespace c0w1 = world.createNamespace("C0w1");
    final NetNamespace c0w2 = world.createNamespace("C0w2");
    final NetNamespace c1w1 = world.createNamespace("C1w1");
    final Map<String, FakeRouter> routers = new LinkedHashMap<>();
    final SkupperNetwork network;
    final ToolRunner runner;

    TwoSites(Path dir) {
        ServiceAllocator.install(c0, ServiceAllocator.DEFAULT_SERVICE_CIDR);
        ServiceAllocator.install(c1, ServiceAllocator.DEFAULT_SERVICE_CIDR);
        // c0w2 registers first: the router host is the first node by name, not by registration
        c0.create(Node.of("c0w2", "11.10.32.0/20", "10.0.0.4", true, 0));
        c0.create(Node.of("c0w1", "11.10.16.0/20", "10.0.0.3", true, 0));
        c1.create(Node.of("c1w1", "11.20.16.0/20", "10.0.0.8", true, 0));
        ClusterDirectory.of(world).register(c0, "https://10.1.0.1:6443", List.of(c0w1, c0w2), null);
        ClusterDirectory.of(world).register(c1, "https://10.2.0.1:6443", List.of(c1w1), null);
        network = SkupperNetwork.install(world, (host, config) -> {
            FakeRouter r = new FakeRouter(host, config);
            routers.put(config.router().id(), r);
            return r;
        });
        ToolRegistry tools = CoreTools.registry();
        SiteTools.registerAll(tools);
        runner = new ToolRunner(tools, dir);
    }

    /** Runs a command line on a host to its end. */
    Invocation run(NetNamespace host, String line) {
        return runner.run(host, line);
    }

    /** A Deployment {@code name} (app=name) whose pods are made by hand: ready ones with these IPs. */
    void deployment(ApiServer api, String name, Integer containerPort, String... readyPodIps) {
        List<ContainerPort> ports = containerPort == null ? null
            : List.of(new ContainerPort(null, null, containerPort, "TCP"));
        PodSpec spec = PodSpec.of(new Container("nginx", "nginx", null, null, ports, null));
        Map<String, String> labels = Map.of("app", name);
        api.create(Deployment.of("default", name, readyPodIps.length, labels, spec));
        char suffix = 'a';
        for (String ip : readyPodIps) {
            Pod p = api.create(Pod.of(ObjectMeta.of("default", name + "-" + suffix++, labels), spec));
            api.updateStatus(p.withStatus(PodStatus.running(p, "10.0.0.4", ip, List.of("docker.io/library/nginx:latest"),
                0)));
        }
        // one more pod, not ready: it gets no connector
        api.create(Pod.of(ObjectMeta.of("default", name + "-pending", labels), spec));
    }
}
