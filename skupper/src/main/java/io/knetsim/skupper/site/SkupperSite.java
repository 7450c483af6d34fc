package io.knetsim.skupper.site;

import io.knetsim.api.ApiServer;
import io.knetsim.net.NetNamespace;
import io.knetsim.skupper.config.ConnectorEntity;
import io.knetsim.skupper.config.ListenerEntity;
import io.knetsim.skupper.config.Role;
import io.knetsim.skupper.config.RouterConfig;
import io.knetsim.skupper.config.RouterConfigException;
import io.knetsim.skupper.config.SiteSpec;
import io.knetsim.skupper.config.SkupperConfigGenerator;
import io.knetsim.skupper.config.TcpConnectorEntity;
import io.knetsim.skupper.config.TcpListenerEntity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One cluster's Skupper site: the site controller's view of it, holding the router
 * configuration as the verbs change it and handing each new one to the router.
 *
 * <pre>
 *   cluster C1 (namespace default)                 cluster C0
 *   ┌─────────────────────────────────┐            ┌──────────────────────────────┐
 *   │ C1w1 10.0.0.8 (host network)    │            │ C0w1 10.0.0.3                │
 *   │  router C1                      │  link1     │  router C0                   │
 *   │   connector link1 ──────────────┼───────────▶│   listener interior-listener │
 *   │   tcpListener nginx:8080 :8080  │            │     :55671                   │
 *   │  Service nginx ─▶ 10.0.0.8:8080 │            │   tcpConnector nginx@pod:8080│
 *   └─────────────────────────────────┘            └──────────────────────────────┘
 * </pre>
 *
 * The router runs on the cluster's first node, in its host network, as in the original knetsim
 * labs (real Skupper runs it in a {@code skupper-router} pod behind a {@code skupper-router}
 * Service). The site's name is the cluster's name; it is also the router's id and the site id
 * written into tokens and TCP bridges ({@code siteId}). {@code skupper init} gives it the labs'
 * base configuration ({@link SkupperConfigGenerator}: interior mode, inter-router listener on
 * 55671, edge listener on 45671, ...). Every verb builds the whole new configuration first
 * ({@link RouterConfig#with}, checked as a whole) and applies it only when it is valid, so a
 * refused verb leaves the site as it was.
 */
public final class SkupperSite {
    /** The namespace the verbs work in (kubectl's default). */
    public static final String NAMESPACE = "default";
    /** The version written into router metadata and tokens, the labs' router version. */
    public static final String VERSION = "1.0.2";

    private final String name;
    private final ApiServer api;
    private final NetNamespace routerHost;
    private final String routerAddress;
    private final String nodeName;
    private final RouterLauncher launcher;
    private RouterConfig config;
    private RouterProcess router;
    private final Map<String, String> linkRemotes = new LinkedHashMap<>();

    /**
     * A site not yet enabled.
     *
     * @param name the cluster's name, which becomes the site name and router id
     * @param api the cluster's API server
     * @param routerHost the host whose network the router runs in (the first node)
     * @param routerAddress that host's address (the node's InternalIP)
     * @param nodeName the router host's Node name ({@code c0w1} for host {@code C0w1})
     * @param launcher starts the router at {@code skupper init}
     */
    public SkupperSite(String name, ApiServer api, NetNamespace routerHost, String routerAddress, String nodeName,
                       RouterLauncher launcher) {
        this.name = Objects.requireNonNull(name, "name");
        this.api = Objects.requireNonNull(api, "api");
        this.routerHost = Objects.requireNonNull(routerHost, "routerHost");
        this.routerAddress = Objects.requireNonNull(routerAddress, "routerAddress");
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
    }

    /** The site's name: its cluster's name, its router's id and its site id. */
    public String name() {
        return name;
    }

    /** The namespace the site lives in. */
    public String namespace() {
        return NAMESPACE;
    }

    public ApiServer api() {
        return api;
    }

    /** The host whose network the router runs in. */
    public NetNamespace routerHost() {
        return routerHost;
    }

    /** The router host's address, where other sites link to and Services point. */
    public String routerAddress() {
        return routerAddress;
    }

    /** The node the router runs on. */
    public String nodeName() {
        return nodeName;
    }

    /** Whether {@code skupper init} has run. */
    public boolean enabled() {
        return config != null;
    }

    /** The router's configuration now, once enabled. */
    public Optional<RouterConfig> config() {
        return Optional.ofNullable(config);
    }

    /** The router, once enabled. */
    public Optional<RouterProcess> router() {
        return Optional.ofNullable(router);
    }

    /**
     * {@code skupper init}: makes the configuration and starts the router. A second init leaves
     * the site as it is (real Skupper then updates the site's options, of which knetsim has none).
     * {@link SkupperNetwork#init} also brings the services exposed in other sites.
     *
     * @return whether the router was started now
     */
    public boolean init() {
        if (enabled()) {
            return false;
        }
        RouterConfig c = SkupperConfigGenerator.generate(
            List.of(new SiteSpec(name, routerAddress, List.of())), List.of()).get(name);
        RouterProcess r;
        try {
            r = launcher.launch(routerHost, c);
        } catch (IllegalArgumentException e) {
            throw new SkupperException("Failed to start the router on " + routerHost.name() + ": " + e.getMessage());
        }
        config = c;
        router = r;
        return true;
    }

    /**
     * Takes over a router that already runs on the router host, started by other means (the
     * default world's routers, configured by hand as the original labs did), as if
     * {@code skupper init} and {@code skupper link create} had made it: the site is enabled with
     * {@code running} and its configuration {@code config}, and the verbs change that
     * configuration from now on.
     *
     * @param remotes each inter-router connector's name to the site it links to, for
     *     {@code skupper link status}
     * @throws SkupperException when the site is enabled already
     */
    void adopt(RouterProcess running, RouterConfig config, Map<String, String> remotes) {
        Objects.requireNonNull(running, "running");
        Objects.requireNonNull(config, "config");
        if (enabled()) {
            throw new SkupperException("site " + name + " is enabled already; its router cannot be replaced");
        }
        this.config = config;
        this.router = running;
        linkRemotes.putAll(remotes);
    }

    /**
     * {@code skupper token create}: a token for linking to this site's inter-router listener.
     *
     * @throws SkupperException before {@code skupper init}
     */
    public ConnectionToken createToken() {
        RouterConfig c = requireConfig();
        int port = c.listener("interior-listener").map(ListenerEntity::port).orElse(SkupperConfigGenerator.INTER_ROUTER_PORT);
        int edge = c.listener("edge-listener").map(ListenerEntity::port).orElse(SkupperConfigGenerator.EDGE_PORT);
        return new ConnectionToken("skupper", routerAddress, port, routerAddress, edge, Optional.of(name),
            Optional.of(VERSION));
    }

    /**
     * {@code skupper link create FILE [--name NAME] [--cost N]}: an inter-router connector to
     * the token's host and port ({@code link1}, {@code link2}, ... unless named), cost
     * {@code cost}, maxFrameSize 16384 and maxSessionFrames 640 as Skupper configures links.
     *
     * @param file the token file's name, for messages
     * @throws SkupperException before {@code skupper init}, for a token of this site itself, a
     *     second link to the same router, a name in use or a cost below 1
     */
    public ConnectorEntity link(ConnectionToken token, String file, Optional<String> linkName, int cost) {
        RouterConfig c = requireConfig();
        if (token.generatedBy().filter(name::equals).isPresent()) {
            throw new SkupperException("Failed to create link: Can't create connection to self with token " + file);
        }
        for (ConnectorEntity existing : c.connectors()) {
            if (existing.role() == Role.INTER_ROUTER && existing.host().equals(token.interRouterHost())
                && existing.port() == token.interRouterPort()) {
                throw new SkupperException("Failed to create link: already linked to " + existing.host() + ":"
                    + existing.port() + " (name=" + existing.name() + ")");
            }
        }
        if (cost < 1) {
            throw new SkupperException("Failed to create link: --cost must be at least 1, got " + cost);
        }
        String n = linkName.orElseGet(() -> nextLinkName(c));
        if (c.connector(n).isPresent()) {
            throw new SkupperException("Failed to create link: a link named \"" + n + "\" exists already");
        }
        ConnectorEntity connector = new ConnectorEntity(n, Role.INTER_ROUTER, token.interRouterHost(),
            token.interRouterPort(), cost, ListenerEntity.DEFAULT_MAX_FRAME_SIZE,
            OptionalInt.of(SkupperConfigGenerator.MAX_SESSION_FRAMES), Map.of());
        RouterConfig next;
        try {
            next = c.with(connector);
        } catch (RouterConfigException e) {
            throw new SkupperException("Failed to create link: " + e.detail());
        }
        try {
            apply(next);
        } catch (IllegalArgumentException e) {
            throw new SkupperException("Failed to create link: " + e.getMessage());
        }
        linkRemotes.put(n, token.generatedBy().orElse(token.interRouterHost()));
        return connector;
    }

    /** {@code link1}, {@code link2}, ...: one more than the highest numbered link, as Skupper names them. */
    private static String nextLinkName(RouterConfig c) {
        int max = 0;
        for (ConnectorEntity e : c.connectors()) {
            if (e.name().matches("link\\d{1,9}")) {
                max = Math.max(max, Integer.parseInt(e.name().substring(4)));
            }
        }
        return "link" + (max + 1);
    }

    /**
     * One link made by {@code skupper link create} and whether it is up.
     *
     * @param name the connector's name
     * @param remoteSite the site the token came from (or its host, when the token did not say)
     * @param active whether the router has an inter-router connection with that site now
     */
    public record LinkStatus(String name, String remoteSite, boolean active) {
    }

    /** The links this site made (or, for an adopted router, its inter-router connectors), in order. */
    public List<LinkStatus> links() {
        List<LinkStatus> out = new ArrayList<>();
        SortedSet<String> up = router == null ? new TreeSet<>() : router.neighbourRouters();
        linkRemotes.forEach((n, remote) -> out.add(new LinkStatus(n, remote, up.contains(remote))));
        return out;
    }

    /**
     * {@code skupper status}, in Skupper 1.x's words:
     * {@code Skupper is enabled for namespace "default" with site name "C1" in interior mode. It
     * is connected to 1 other site. It has 1 exposed service.} Sites count as connected when the
     * router has a route to them (directly linked or through others); exposed services are the
     * addresses the site's router listens for or connects to.
     */
    public String status() {
        if (!enabled()) {
            return "Skupper is not enabled in namespace '" + NAMESPACE + "'";
        }
        StringBuilder sb = new StringBuilder();
        String mode = config.router().mode().wireName();
        sb.append("Skupper is enabled for namespace \"").append(NAMESPACE).append('"');
        if (!name.equals(NAMESPACE)) {
            sb.append(" with site name \"").append(name).append('"');
        }
        sb.append(" in ").append(mode).append(" mode.");
        int total = router.reachableRouters().size();
        int direct = router.neighbourRouters().size();
        if (total == 0) {
            sb.append(" It is not connected to any other sites.");
        } else if (total == 1) {
            sb.append(" It is connected to 1 other site.");
        } else if (total == direct) {
            sb.append(" It is connected to ").append(total).append(" other sites.");
        } else {
            sb.append(" It is connected to ").append(total).append(" other sites (").append(total - direct)
                .append(" indirectly).");
        }
        int services = exposedAddresses().size();
        if (services == 0) {
            sb.append(" It has no exposed services.");
        } else if (services == 1) {
            sb.append(" It has 1 exposed service.");
        } else {
            sb.append(" It has ").append(services).append(" exposed services.");
        }
        return sb.toString();
    }

    /** The addresses this site's router listens for or connects to, sorted. */
    public SortedSet<String> exposedAddresses() {
        SortedSet<String> out = new TreeSet<>();
        if (config != null) {
            config.tcpListeners().stream().map(TcpListenerEntity::address).forEach(out::add);
            config.tcpConnectors().stream().map(TcpConnectorEntity::address).forEach(out::add);
        }
        return out;
    }

    /** The configuration, or the refusal every verb but init and status gives before init. */
    RouterConfig requireConfig() {
        if (config == null) {
            throw SkupperException.notEnabled(NAMESPACE);
        }
        return config;
    }

    /**
     * Hands a complete, checked configuration to the router and keeps it.
     *
     * @throws IllegalArgumentException when the router refuses it (it keeps the previous one)
     */
    void apply(RouterConfig next) {
        router.apply(next);
        config = next;
    }
}
