package io.knetsim.scenarios.cluster;

import io.knetsim.net.NetNamespace;
import io.knetsim.sim.SimTime;
import io.knetsim.skupper.config.ConnectorEntity;
import io.knetsim.skupper.config.ExposedService;
import io.knetsim.skupper.config.Role;
import io.knetsim.skupper.config.RouterConfig;
import io.knetsim.skupper.config.SiteSpec;
import io.knetsim.skupper.config.SkupperConfigGenerator;
import io.knetsim.skupper.config.TcpConnectorEntity;
import io.knetsim.skupper.router.SkupperRouter;
import io.knetsim.skupper.site.SkupperNetwork;
import io.knetsim.skupper.site.SkupperRouterProcess;
import io.knetsim.skupper.site.SkupperSite;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The skupper router network of a {@link ClusterWorld}, as the original labs ran it: one
 * skupper-router per cluster on the host of its first worker, configured by hand (no site
 * controller), each configuration written where skupper-router reads it,
 * {@value #CONFIG_PATH}, so {@code C1w1 cat /etc/skupper-router/config/skrouterd.json} shows it.
 *
 * <pre>
 *   C1w1 10.0.0.8 [router C1]  connector "C0" ══ AMQP over TCP ══▶ listener :55671 [router C0] C0w1 10.0.0.3
 *     tcpListener svc1 :1028                                        tcpConnector svc1 ─▶ c4 :80
 * </pre>
 *
 * {@link #awaitConverged()} runs the simulated clock until every router has a route to every
 * other and knows every address's consumers.
 */
public final class RouterNetwork {
    /** Where skupper-router reads its configuration (in its container; here on the worker's files). */
    public static final String CONFIG_PATH = SkupperRouter.CONFIG_PATH;
    /** Longest the routers may take to learn each other's routes and addresses, in simulated time. */
    public static final long CONVERGENCE_LIMIT = SimTime.seconds(30);

    private final ClusterWorld world;
    private final Map<String, SkupperRouterProcess> routers;

    private RouterNetwork(ClusterWorld world, Map<String, SkupperRouterProcess> routers) {
        this.world = world;
        this.routers = Collections.unmodifiableMap(routers);
    }

    /**
     * Generates each site's configuration with {@link SkupperConfigGenerator} (the labs'
     * {@code build_conf}) and starts the routers, as {@link #start(ClusterWorld, Map)}.
     */
    public static RouterNetwork start(ClusterWorld world, List<SiteSpec> sites, List<ExposedService> services) {
        return start(world, SkupperConfigGenerator.generate(sites, services));
    }

    /**
     * Starts one router per entry (cluster name to configuration) on that cluster's first
     * worker, in map order; each router writes its configuration to {@value #CONFIG_PATH} there.
     * Every cluster is looked up first; when a router refuses its configuration the ones
     * already started are stopped again, their files removed, and the exception is passed on.
     * Once all run, each
     * becomes its cluster's Skupper site's router ({@link SkupperNetwork#adopt}), so the
     * {@code skupper} verbs at the prompt see the sites enabled and change these routers.
     *
     * @throws IllegalStateException when a cluster's Skupper site is enabled already (by
     *     {@code skupper init} or an earlier network, even one whose routers were stopped since);
     *     the routers just started are stopped again and their files removed
     */
    public static RouterNetwork start(ClusterWorld world, Map<String, RouterConfig> configs) {
        Map<String, NetNamespace> hosts = new LinkedHashMap<>();
        configs.keySet().forEach(c -> hosts.put(c, firstWorker(world.cluster(c))));
        Map<String, SkupperRouterProcess> started = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, RouterConfig> e : configs.entrySet()) {
                NetNamespace host = hosts.get(e.getKey());
                started.put(e.getKey(), SkupperRouterProcess.adopt(host, SkupperRouter.start(host, e.getValue())));
            }
        } catch (RuntimeException ex) {
            undo(started, hosts);
            throw ex;
        }
        SkupperNetwork sites = SkupperNetwork.of(world.world());
        try {
            for (String cluster : started.keySet()) {
                SkupperSite site = sites.site(cluster);
                if (site.enabled() || site.routerHost() != hosts.get(cluster)) {
                    throw new IllegalStateException("cluster " + cluster + "'s Skupper site "
                        + (site.enabled() ? "is enabled already (its router on " + site.routerHost().name()
                            + " was started before)" : "runs its router on " + site.routerHost().name() + ", not "
                            + hosts.get(cluster).name()));
                }
            }
        } catch (RuntimeException ex) {
            undo(started, hosts);
            throw ex;
        }
        started.forEach((cluster, p) -> sites.adopt(cluster, hosts.get(cluster), p, configs.get(cluster)));
        return new RouterNetwork(world, started);
    }

    /** Stops the routers just started and removes the configuration files they wrote. */
    private static void undo(Map<String, SkupperRouterProcess> started, Map<String, NetNamespace> hosts) {
        started.forEach((c, r) -> {
            r.stop();
            hosts.get(c).files().delete(CONFIG_PATH);
        });
    }

    /** The host namespace of a cluster's first worker ({@code C0w1}), where its router runs. */
    public static NetNamespace firstWorker(Cluster c) {
        return c.workers().get(0).host();
    }

    /**
     * Runs the clock until the network has converged ({@link #converged()}); throws
     * {@link IllegalStateException} naming what is missing if that takes longer than
     * {@link #CONVERGENCE_LIMIT}.
     */
    public RouterNetwork awaitConverged() {
        var sim = world.world().sim();
        long deadline = sim.now() + CONVERGENCE_LIMIT;
        sim.runWhile(() -> !converged() && sim.now() < deadline);
        if (!converged()) {
            throw new IllegalStateException("the skupper routers did not exchange routes within "
                + CONVERGENCE_LIMIT / SimTime.SECOND + " s of simulated time: " + missing());
        }
        return this;
    }

    /**
     * Whether, among the running routers, every configured inter-router link is up at both ends,
     * every router holds the same link state and reaches every other, and each knows, for every
     * address a running router has a tcpConnector for, exactly the routers that do.
     */
    public boolean converged() {
        return missing().isEmpty();
    }

    private String missing() {
        List<String> out = new ArrayList<>();
        Map<String, SkupperRouter> running = new LinkedHashMap<>();
        Map<String, SkupperRouter> byAddress = new LinkedHashMap<>();
        routers.forEach((cluster, p) -> {
            SkupperRouter r = p.router();
            if (!r.stopped()) {
                running.put(r.id(), r);
                byAddress.put(world.cluster(cluster).spec().workers().get(0).address(), r);
            }
        });
        Map<String, SortedSet<String>> consumers = new LinkedHashMap<>();
        running.values().forEach(r -> r.config().tcpConnectors().stream().map(TcpConnectorEntity::address)
            .forEach(a -> consumers.computeIfAbsent(a, k -> new TreeSet<>()).add(r.id())));
        SkupperRouter first = running.values().stream().findFirst().orElse(null);
        for (SkupperRouter r : running.values()) {
            // every link configured between running routers is up, seen from both ends
            for (ConnectorEntity c : r.config().connectors()) {
                SkupperRouter peer = byAddress.get(c.host());
                if (c.role() == Role.INTER_ROUTER && peer != null
                    && !(r.neighbours().containsKey(peer.id()) && peer.neighbours().containsKey(r.id()))) {
                    out.add("link " + r.id() + "-" + peer.id() + " is not up");
                }
            }
            // every router holds the same link-state database and reaches every other
            if (!r.linkState().equals(first.linkState())) {
                out.add(r.id() + " and " + first.id() + " hold different link states");
            }
            for (SkupperRouter other : running.values()) {
                if (other != r && !r.routeTable().reaches(other.id())) {
                    out.add(r.id() + " has no route to " + other.id());
                }
            }
            // and knows where every address has consumers
            consumers.forEach((address, at) -> {
                if (!r.addressTable().consumers(address).equals(at)) {
                    out.add(r.id() + " knows consumers of " + address + " at " + r.addressTable().consumers(address)
                        + ", not " + at);
                }
            });
        }
        return String.join("; ", out);
    }

    /**
     * The router of a cluster: the process running now (a {@code skupper} verb that changes the
     * site's configuration restarts it).
     */
    public SkupperRouter router(String cluster) {
        SkupperRouterProcess p = routers.get(cluster);
        if (p == null) {
            throw new IllegalArgumentException("no router in cluster " + cluster + " (routers: "
                + String.join(", ", routers.keySet()) + ")");
        }
        return p.router();
    }

    /** Every router running now, by cluster name, in start order. */
    public Map<String, SkupperRouter> routers() {
        Map<String, SkupperRouter> out = new LinkedHashMap<>();
        routers.forEach((cluster, p) -> out.put(cluster, p.router()));
        return Collections.unmodifiableMap(out);
    }
}
