package io.knetsim.scenarios.cluster;

import io.knetsim.cni.CniTools;
import io.knetsim.ingress.IngressTools;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.Lan;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clusters sharing one underlay switch ({@code s0}), with a prompt that knows every core, CNI
 * and ingress command, and {@code skstat} and {@code skupper}. {@link #boot()} runs the clock until every cluster is {@linkplain Cluster#ready() ready}.
 */
public final class ClusterWorld {
    /** Longest a boot may take in simulated time before it is reported as failed. */
    public static final long BOOT_LIMIT = SimTime.seconds(60);

    private final World world;
    private final Lan lan;
    private final ToolRunner runner;
    private final Map<String, Cluster> clusters = new LinkedHashMap<>();

    public ClusterWorld(long seed, LinkConfig underlay, List<ClusterSpec> specs) {
        this(seed, underlay, specs, Path.of("."));
    }

    /** As above; commands that write files ({@code tcpdump -w}) write them under {@code workingDirectory}. */
    public ClusterWorld(long seed, LinkConfig underlay, List<ClusterSpec> specs, Path workingDirectory) {
        this.world = new World(seed);
        this.lan = new Lan(world, "s0", underlay);
        ToolRegistry tools = CoreTools.registry();
        CniTools.registerAll(tools);
        IngressTools.registerAll(tools);
        io.knetsim.skupper.SkupperTools.registerAll(tools);
        io.knetsim.skupper.site.SiteTools.registerAll(tools);
        this.runner = new ToolRunner(tools, workingDirectory);
        for (ClusterSpec s : specs) {
            clusters.put(s.name(), new Cluster(world, lan, s, runner));
        }
    }

    /** The default world's two clusters, C0 and C1, with the given flannel configuration. */
    public static ClusterWorld twoClusters(long seed, String flannelConfig) {
        return twoClusters(seed, flannelConfig, Path.of("."));
    }

    public static ClusterWorld twoClusters(long seed, String flannelConfig, Path workingDirectory) {
        List<ClusterSpec> specs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            specs.add(ClusterSpec.defaultCluster(i).withFlannelConfig(flannelConfig));
        }
        return new ClusterWorld(seed, LinkConfig.DEFAULT, specs, workingDirectory);
    }

    /** Runs the clock until every cluster is ready; throws if that takes longer than {@link #BOOT_LIMIT}. */
    public ClusterWorld boot() {
        long deadline = world.sim().now() + BOOT_LIMIT;
        world.sim().runWhile(() -> !allReady() && world.sim().now() < deadline);
        if (!allReady()) {
            throw new IllegalStateException("the clusters did not come up within " + BOOT_LIMIT / SimTime.SECOND
                + " s of simulated time");
        }
        return this;
    }

    private boolean allReady() {
        return clusters.values().stream().allMatch(Cluster::ready);
    }

    public World world() {
        return world;
    }

    public Lan underlay() {
        return lan;
    }

    public ToolRunner runner() {
        return runner;
    }

    public Cluster cluster(String name) {
        Cluster c = clusters.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no cluster " + name + " (clusters: "
                + String.join(", ", clusters.keySet()) + ")");
        }
        return c;
    }

    public List<Cluster> clusters() {
        return List.copyOf(clusters.values());
    }
}
