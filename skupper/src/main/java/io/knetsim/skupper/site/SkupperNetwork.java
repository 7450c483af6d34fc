package io.knetsim.skupper.site;

import io.knetsim.api.ApiException;
import io.knetsim.api.ClusterDirectory;
import io.knetsim.api.Container;
import io.knetsim.api.ContainerPort;
import io.knetsim.api.Deployment;
import io.knetsim.api.EndpointSlice;
import io.knetsim.api.Node;
import io.knetsim.api.NodeAddress;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Pod;
import io.knetsim.api.Service;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceSpec;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.skupper.config.ConnectorEntity;
import io.knetsim.skupper.config.Role;
import io.knetsim.skupper.config.RouterConfig;
import io.knetsim.skupper.config.RouterConfigException;
import io.knetsim.skupper.config.TcpConnectorEntity;
import io.knetsim.skupper.config.TcpListenerEntity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Skupper sites of one world, one per cluster, and what spans them: a service exposed in one
 * site appears in the others.
 *
 * <pre>
 *   World ──service──▶ SkupperNetwork ── sites: C0 ─ SkupperSite, C1 ─ SkupperSite
 *                                     └─ exposed: nginx 8080 (origin C0)
 *   skupper expose deployment/nginx --port 8080   (in C0)
 *     C0: tcpConnector nginx@11.10.16.5:8080 per ready pod of the deployment
 *     C1: tcpListener nginx:8080 on 0.0.0.0:8080, Service nginx (no selector) port 8080,
 *         EndpointSlice nginx-skupper ─▶ 10.0.0.8:8080 (the router host)
 * </pre>
 *
 * A cluster's site is made on first use from the world's {@link ClusterDirectory}: its router
 * host is the cluster's first node (by name; a host {@code C0w1} is node {@code c0w1}) among the cluster's hosts, at the node's
 * InternalIP. In real Skupper the sites learn of a service over the router network (service
 * sync) and every linked site creates it; here {@code expose} adds it at once to every site that
 * is enabled, linked or not, and {@link #init} adds the services exposed so far to a site
 * enabled later. The connectors target the
 * deployment's ready pods at the time of {@code expose} (real Skupper's service controller
 * keeps following the pods); pods that become ready later are not added.
 */
public final class SkupperNetwork {
    private final World world;
    private final RouterLauncher launcher;
    private final Map<String, SkupperSite> sites = new LinkedHashMap<>();
    private final List<ExposedService> exposed = new ArrayList<>();

    private SkupperNetwork(World world, RouterLauncher launcher) {
        this.world = world;
        this.launcher = launcher;
    }

    /**
     * Sets up Skupper in {@code world}, with routers started by {@code launcher} (tests give one
     * that records configurations).
     *
     * @throws IllegalStateException when the world has its sites already (set up by an earlier
     *     {@link #of} or {@code install})
     */
    public static SkupperNetwork install(World world, RouterLauncher launcher) {
        Objects.requireNonNull(launcher, "launcher");
        SkupperNetwork n = world.service(SkupperNetwork.class, () -> new SkupperNetwork(world, launcher));
        if (n.launcher != launcher) {
            throw new IllegalStateException("Skupper is already set up in this world");
        }
        return n;
    }

    /**
     * The world's sites, whose routers are simulated skupper-router processes
     * ({@link SkupperRouterProcess}) unless {@link #install} chose otherwise first.
     */
    public static SkupperNetwork of(World world) {
        return world.service(SkupperNetwork.class, () -> new SkupperNetwork(world, SkupperRouterProcess::launch));
    }

    /**
     * The site of the cluster {@code host} belongs to, or of the cluster named {@code context}
     * when given (kubectl's {@code --context}).
     *
     * @throws SkupperException when there is no such cluster
     */
    public SkupperSite site(NetNamespace host, Optional<String> context) {
        ClusterDirectory dir = ClusterDirectory.of(world);
        ClusterDirectory.Member member;
        if (context.isPresent()) {
            member = dir.members().stream().filter(m -> m.api().clusterName().equals(context.get())).findFirst()
                .orElseThrow(() -> new SkupperException("context \"" + context.get() + "\" does not exist"));
        } else {
            member = dir.forHost(host).orElseThrow(() -> new SkupperException(
                "no Kubernetes cluster: " + host.name() + " is not a host of any cluster (try --context CLUSTER)"));
        }
        return siteOf(member);
    }

    /** The site of the cluster named {@code cluster}, made on first use. */
    public SkupperSite site(String cluster) {
        return site(null, Optional.of(cluster));
    }

    private SkupperSite siteOf(ClusterDirectory.Member member) {
        String name = member.api().clusterName();
        SkupperSite s = sites.get(name);
        if (s != null) {
            return s;
        }
        List<Node> nodes = new ArrayList<>(member.api().list(Node.class));
        nodes.sort(Comparator.comparing(n -> n.metadata().name()));
        for (Node n : nodes) {
            for (NetNamespace h : member.hosts()) {
                if (h.name().equalsIgnoreCase(n.metadata().name())) {
                    String ip = n.status() == null ? null : n.status().addresses().stream()
                        .filter(a -> "InternalIP".equals(a.type())).map(NodeAddress::address).findFirst().orElse(null);
                    if (ip != null) {
                        s = new SkupperSite(name, member.api(), h, ip, n.metadata().name(), launcher);
                        sites.put(name, s);
                        return s;
                    }
                }
            }
        }
        throw new SkupperException("cluster " + name + " has no node with an InternalIP to run the router on");
    }

    /**
     * Makes a router that already runs on a cluster's router host, started without
     * {@code skupper init} (as the default world starts its routers, configured by hand), that
     * cluster's site's router, so the verbs see it as the site's: {@code status} counts its
     * sites and services, {@code link status} lists its inter-router connectors (each named
     * after the site whose router address it connects to), {@code expose} adds to its
     * configuration. A service with a tcpConnector in one adopted site and a tcpListener in
     * another becomes an exposed service ({@link #exposed()}), as if {@code expose} had made it,
     * so a site enabled later gets it too.
     *
     * <pre>
     *   RouterNetwork.start(...)  ── SkupperRouter on C1w1 ──▶ adopt("C1", C1w1, process, config)
     *   skupper --context C1 status   Skupper is enabled ... It is connected to 1 other site. It has 1 exposed service.
     * </pre>
     *
     * @param cluster the cluster's name
     * @param host where {@code running} runs: must be the site's router host
     * @param running the router process
     * @param config the configuration it runs with
     * @return the site, now enabled
     * @throws SkupperException when there is no such cluster, the site is enabled already, or
     *     {@code host} is not the site's router host (leaving every site as it was)
     */
    public SkupperSite adopt(String cluster, NetNamespace host, RouterProcess running, RouterConfig config) {
        SkupperSite site = site(cluster);
        if (site.routerHost() != host) {
            throw new SkupperException("cannot adopt the router on " + host.name() + " for site " + cluster
                + ": the site's router runs on " + site.routerHost().name());
        }
        Map<String, String> remotes = new LinkedHashMap<>();
        for (ConnectorEntity c : config.connectors()) {
            if (c.role() == Role.INTER_ROUTER) {
                remotes.put(c.name(), siteAt(c.host()).orElse(c.host()));
            }
        }
        site.adopt(running, config, remotes);
        recordAdoptedServices();
        return site;
    }

    /** The name of the cluster whose router address is {@code address}, if any. */
    private Optional<String> siteAt(String address) {
        for (ClusterDirectory.Member m : ClusterDirectory.of(world).members()) {
            try {
                SkupperSite s = siteOf(m);
                if (s.routerAddress().equals(address)) {
                    return Optional.of(s.name());
                }
            } catch (SkupperException e) {
                // a cluster with no node to run a router on: no site there
            }
        }
        return Optional.empty();
    }

    /**
     * Every address with a tcpConnector in one enabled site and a tcpListener in another that
     * is not yet an exposed service becomes one: port the first such listener's, target port
     * and origin the connector's.
     */
    private void recordAdoptedServices() {
        for (SkupperSite origin : sites.values()) {
            for (TcpConnectorEntity c : origin.config().map(RouterConfig::tcpConnectors).orElse(List.of())) {
                if (exposed.stream().anyMatch(e -> e.address().equals(c.address()))) {
                    continue;
                }
                sites.values().stream().filter(s -> s != origin)
                    .flatMap(s -> s.config().map(RouterConfig::tcpListeners).orElse(List.of()).stream())
                    .filter(l -> l.address().equals(c.address())).findFirst()
                    .ifPresent(l -> exposed.add(new ExposedService(c.address(), l.port(), c.port(), origin.name())));
            }
        }
    }

    /** The sites made so far, in the order they were first used. */
    public List<SkupperSite> sites() {
        return List.copyOf(sites.values());
    }

    /** The services exposed so far, in order. */
    public List<ExposedService> exposed() {
        return List.copyOf(exposed);
    }

    /**
     * {@code skupper expose deployment/NAME [--port P] [--target-port T]} in {@code origin}: a
     * tcpConnector {@code NAME@POD_IP:T} per ready pod of the deployment in {@code origin}; in every
     * other enabled site a tcpListener {@code NAME:P} on port P of the router host and a Service
     * NAME (port P, no selector) whose EndpointSlice points at the router host's address:P. Without
     * {@code port}, the first container port of the deployment's pod template. Nothing changes
     * unless every site's new configuration is valid and no other site has a Service NAME.
     *
     * @throws SkupperException before {@code skupper init}, for an unknown deployment, a missing
     *     port, an address already exposed, a port clash in some site's router or a Service that
     *     exists already
     */
    public ExposedService expose(SkupperSite origin, String deployment, OptionalInt port, OptionalInt targetPort) {
        RouterConfig originConfig = origin.requireConfig();
        Deployment d = origin.api().find(Deployment.class, SkupperSite.NAMESPACE, deployment).orElseThrow(() ->
            new SkupperException("Unable to create skupper service: deployments.apps \"" + deployment + "\" not found"));
        int p = port.isPresent() ? port.getAsInt() : containerPort(d).orElseThrow(() -> new SkupperException(
            "Container in deployment does not specify port, use --port option to provide it"));
        int t = targetPort.orElse(p);
        checkPort("--port", p);
        checkPort("--target-port", t);
        for (ExposedService e : exposed) {
            if (e.address().equals(deployment)) {
                throw new SkupperException("Unable to create skupper service: service " + deployment
                    + " is already exposed (from site " + e.origin() + ", port " + e.port() + ")");
            }
        }
        // plan every site's configuration first; apply only if all are valid
        RouterConfig nextOrigin = originConfig;
        List<Pod> pods = new ArrayList<>(origin.api().list(Pod.class, SkupperSite.NAMESPACE,
            d.spec().selector().toSelector()));
        pods.sort(Comparator.comparing(x -> x.metadata().name()));
        for (Pod pod : pods) {
            String ip = pod.status() == null ? null : pod.status().podIP();
            if (!pod.isReady() || ip == null || ip.isEmpty()) {
                continue;
            }
            nextOrigin = plan(origin, nextOrigin, new TcpConnectorEntity(deployment + "@" + ip + ":" + t, ip, t,
                deployment, Optional.of(origin.name()), Map.of()));
        }
        Map<SkupperSite, RouterConfig> plans = new LinkedHashMap<>();
        for (SkupperSite s : sites.values()) {
            if (s == origin || !s.enabled()) {
                continue;
            }
            if (s.api().find(Service.class, SkupperSite.NAMESPACE, deployment).isPresent()) {
                throw new SkupperException("Unable to create skupper service: site " + s.name() + " has a service "
                    + deployment + " already (namespace " + SkupperSite.NAMESPACE + ")");
            }
            plans.put(s, plan(s, s.requireConfig(), listener(s, deployment, p)));
        }
        List<Runnable> undo = new ArrayList<>();
        try {
            for (SkupperSite s : plans.keySet()) {
                createService(s, deployment, p, undo);
            }
            applyUndoably(origin, nextOrigin, undo);
            for (Map.Entry<SkupperSite, RouterConfig> e : plans.entrySet()) {
                applyUndoably(e.getKey(), e.getValue(), undo);
            }
        } catch (ApiException | IllegalArgumentException e) {
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).run();
            }
            throw new SkupperException("Unable to create skupper service: " + e.getMessage());
        }
        ExposedService e = new ExposedService(deployment, p, t, origin.name());
        exposed.add(e);
        return e;
    }

    private static TcpListenerEntity listener(SkupperSite s, String address, int port) {
        return new TcpListenerEntity(address + ":" + port, "0.0.0.0", port, address, Optional.of(s.name()), Map.of());
    }

    /**
     * {@code skupper init} for {@code site}, which then also gets the services exposed so far in
     * other sites (a tcpListener and a Service each, as {@link #expose} gives them), as real
     * Skupper's service sync would bring them once linked. A service that cannot be added (its
     * port in use by the router, a Service of that name already there) is left out, and said so.
     *
     * @return one warning per service left out (empty when the site was enabled already)
     * @throws SkupperException when the router cannot start
     */
    public List<String> init(SkupperSite site) {
        if (!site.init()) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        for (ExposedService e : exposed) {
            if (e.origin().equals(site.name())) {
                continue;
            }
            List<Runnable> undo = new ArrayList<>();
            try {
                if (site.api().find(Service.class, SkupperSite.NAMESPACE, e.address()).isPresent()) {
                    throw new SkupperException("a service " + e.address() + " exists already (namespace "
                        + SkupperSite.NAMESPACE + ")");
                }
                RouterConfig next = site.requireConfig().with(listener(site, e.address(), e.port()));
                createService(site, e.address(), e.port(), undo);
                site.apply(next);
            } catch (RouterConfigException x) {
                warnings.add(leftOut(site, e, x.detail()));
            } catch (SkupperException | ApiException | IllegalArgumentException x) {
                for (int i = undo.size() - 1; i >= 0; i--) {
                    undo.get(i).run();
                }
                warnings.add(leftOut(site, e, x.getMessage()));
            }
        }
        return warnings;
    }

    private static String leftOut(SkupperSite site, ExposedService e, String why) {
        return "service " + e.address() + " (exposed in site " + e.origin() + ") not added to site " + site.name() + ": "
            + why;
    }

    private static void applyUndoably(SkupperSite s, RouterConfig next, List<Runnable> undo) {
        RouterConfig before = s.requireConfig();
        s.apply(next);
        undo.add(() -> s.apply(before));
    }

    private static RouterConfig plan(SkupperSite s, RouterConfig c, io.knetsim.skupper.config.ConfigEntity e) {
        try {
            return c.with(e);
        } catch (RouterConfigException x) {
            throw new SkupperException("Unable to create skupper service: site " + s.name() + ": " + x.detail());
        }
    }

    private static void checkPort(String flag, int p) {
        if (p < 1 || p > 65535) {
            throw new SkupperException(flag + " must be a port from 1 to 65535, got " + p);
        }
    }

    private static OptionalInt containerPort(Deployment d) {
        if (d.spec().template() == null || d.spec().template().spec() == null) {
            return OptionalInt.empty();
        }
        for (Container c : d.spec().template().spec().containers()) {
            if (c.ports() != null) {
                for (ContainerPort cp : c.ports()) {
                    if (cp.containerPort() != null) {
                        return OptionalInt.of(cp.containerPort());
                    }
                }
            }
        }
        return OptionalInt.empty();
    }

    /** Service NAME without a selector, and its EndpointSlice to the router host's address:port. */
    private static void createService(SkupperSite s, String name, int port, List<Runnable> undo) {
        String portName = "port" + port;
        Map<String, String> labels = Map.of("app.kubernetes.io/managed-by", "skupper");
        s.api().create(Service.of(ObjectMeta.of(SkupperSite.NAMESPACE, name, labels),
            ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(port, port).withName(portName))));
        undo.add(() -> s.api().delete(Service.class, SkupperSite.NAMESPACE, name));
        Map<String, String> sliceLabels = new LinkedHashMap<>();
        sliceLabels.put(EndpointSlice.SERVICE_NAME_LABEL, name);
        sliceLabels.put(EndpointSlice.MANAGED_BY_LABEL, "skupper");
        EndpointSlice.Endpoint ep = new EndpointSlice.Endpoint(List.of(s.routerAddress()),
            new EndpointSlice.Conditions(true, true, false), s.nodeName(), null);
        s.api().create(new EndpointSlice(null, null, ObjectMeta.of(SkupperSite.NAMESPACE, name + "-skupper", sliceLabels),
            "IPv4", List.of(ep), List.of(new EndpointSlice.EndpointPort(portName, "TCP", port))));
        undo.add(() -> s.api().delete(EndpointSlice.class, SkupperSite.NAMESPACE, name + "-skupper"));
    }
}
