package io.knetsim.skupper.router;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpListener;
import io.knetsim.sim.Simulator;
import io.knetsim.skupper.config.ConnectorEntity;
import io.knetsim.skupper.config.ListenerEntity;
import io.knetsim.skupper.config.Role;
import io.knetsim.skupper.config.RouterConfig;
import io.knetsim.skupper.config.TcpConnectorEntity;
import io.knetsim.skupper.config.TcpListenerEntity;
import io.knetsim.skupper.routing.MobileAddressTable;
import io.knetsim.skupper.routing.RouteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A skupper-router ({@code skrouterd}) process on a host's network namespace, configured by a
 * {@link RouterConfig}:
 *
 * <pre>
 *        client ──tcp──▶ tcpListener :1028 (address svc1)
 *                              │ stream link "svc1"
 *   router A ══ AMQP 1.0 over TCP (listener/connector, role inter-router, port 55671) ══ router B
 *     HELLO / LSU / MAU on the control links           │ stream link
 *                                              tcpConnector (address svc1) ──tcp──▶ server:80
 * </pre>
 *
 * Listeners accept AMQP connections; connectors connect and retry with back-off; between
 * routers, link-state routing ({@link LinkStateRouting}) finds each router's next hops and
 * where each address has consumers; the TCP adaptor ({@link StreamTable}) carries each client
 * connection as a pair of streamed deliveries to the closest router with a tcpConnector for the
 * address, through interior routers if need be. Start one with {@link #start}; {@code skstat}
 * reads its state. The configuration is written to {@value #CONFIG_PATH} on the host, where
 * {@code cat} shows it.
 */
public final class SkupperRouter {
    /** The session window (incoming-window, in frames) when the configuration gives none. */
    static final long DEFAULT_SESSION_FRAMES = 640;
    static final int BACKLOG = 128;
    /** Where the router's configuration is written on its host, as skupper-router reads it. */
    public static final String CONFIG_PATH = "/etc/skupper-router/skrouterd.json";

    private final NetNamespace ns;
    private final RouterConfig config;
    private final String id;
    private final LinkStateRouting routing;
    private final StreamTable streams;
    private final List<TcpListener> sockets = new ArrayList<>();
    private final Map<TcpListenerEntity, TcpListener> tcpSockets = new java.util.LinkedHashMap<>();
    private final List<InterRouterConnector> connectors = new ArrayList<>();
    private final List<RouterConnection> connections = new ArrayList<>();
    private long nextConnectionId = 1;
    private final long startedAt;
    private boolean stopped;

    private SkupperRouter(NetNamespace ns, RouterConfig config) {
        this.ns = ns;
        this.config = config;
        this.id = config.router().id();
        this.routing = new LinkStateRouting(this, config.router().helloIntervalSeconds(),
            config.router().helloMaxAgeSeconds());
        this.streams = new StreamTable(this);
        this.startedAt = ns.sim().now();
    }

    /**
     * Starts a router on {@code ns}: opens its listeners and tcpListeners, starts its
     * connectors and advertises its tcpConnectors' addresses. Everything is checked first
     * (ports free on the host, connector hosts IPv4 addresses, no router already there); on a
     * problem nothing is started and an {@link IllegalArgumentException} names the entity.
     */
    public static SkupperRouter start(NetNamespace ns, RouterConfig config) {
        SkupperRouters registry = SkupperRouters.of(ns.world());
        String src = config.source();
        if (registry.on(ns).isPresent()) {
            throw new IllegalArgumentException(src + ": a router already runs on " + ns.name() + " ("
                + registry.on(ns).get().id() + ")");
        }
        Tcp tcp = Tcp.of(ns);
        for (ListenerEntity l : config.listeners()) {
            checkPort(src, tcp, "listener", l.name(), l.port());
        }
        for (TcpListenerEntity l : config.tcpListeners()) {
            checkPort(src, tcp, "tcpListener", l.name(), l.port());
        }
        for (ConnectorEntity c : config.connectors()) {
            checkHost(src, "connector", c.name(), c.host(), c.port());
        }
        for (TcpConnectorEntity c : config.tcpConnectors()) {
            checkHost(src, "tcpConnector", c.name(), c.host(), c.port());
        }
        SkupperRouter r = new SkupperRouter(ns, config);
        registry.add(r);
        r.run();
        return r;
    }

    private static void checkPort(String src, Tcp tcp, String type, String name, int port) {
        if (port == 0) {
            throw new IllegalArgumentException(src + ": " + type + " " + name + ": port 0 (an ephemeral port) "
                + "is not supported; give a port from 1 to 65535");
        }
        if (tcp.listeners().stream().anyMatch(l -> l.port() == port)) {
            throw new IllegalArgumentException(src + ": " + type + " " + name + ": port " + port
                + ": Address already in use");
        }
    }

    private static void checkHost(String src, String type, String name, String host, int port) {
        if (!Ipv4Address.isValid(host)) {
            throw new IllegalArgumentException(src + ": " + type + " " + name + ": host \"" + host
                + "\" is not an IPv4 address (knetsim routers do not resolve names)");
        }
        if (port == 0) {
            throw new IllegalArgumentException(src + ": " + type + " " + name + ": port 0 cannot be connected to");
        }
    }

    private void run() {
        ns.files().write(CONFIG_PATH, config.toJson());
        for (ListenerEntity l : config.listeners()) {
            sockets.add(Tcp.listen(ns, l.port(), BACKLOG, s -> {
                RouterConnection c = newConnection(l.role(), false, l.name(), l.cost(), l.maxFrameSize(),
                    l.maxSessionFrames().orElse((int) DEFAULT_SESSION_FRAMES));
                c.setRemote(s.remoteAddress(), s.remotePort());
                return c.amqp;
            }));
        }
        for (TcpConnectorEntity c : config.tcpConnectors()) {
            streams.addConnector(c);
            routing.addLocalAddress(c.address());
        }
        routing.start();
        for (ConnectorEntity c : config.connectors()) {
            InterRouterConnector k = new InterRouterConnector(this, c);
            connectors.add(k);
            k.start();
        }
    }

    /** Stops the router as a killed process would: listeners closed, connections reset. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        routing.stop();
        sockets.forEach(TcpListener::close);
        tcpSockets.values().forEach(TcpListener::close);
        tcpSockets.clear();
        connectors.forEach(InterRouterConnector::stop);
        for (RouterConnection c : new ArrayList<>(connections)) {
            c.amqp.abort();
        }
        streams.abortAll();
        SkupperRouters.of(ns.world()).remove(this);
    }

    /** The router's id (its AMQP container id). */
    public String id() {
        return id;
    }

    public NetNamespace namespace() {
        return ns;
    }

    public RouterConfig config() {
        return config;
    }

    public boolean stopped() {
        return stopped;
    }

    /** This router's routes to the others it can reach (next hop, cost, path). */
    public RouteTable routeTable() {
        return routing.table();
    }

    /** Where each address has consumers, as this router knows it. */
    public MobileAddressTable addressTable() {
        return routing.addresses();
    }

    /** The link state held: each known router's neighbours with the link costs. */
    public SortedMap<String, SortedMap<String, Integer>> linkState() {
        return routing.linkState();
    }

    /** Neighbour router ids, with the id of the connection to each. */
    public Map<String, Long> neighbours() {
        Map<String, Long> m = new java.util.TreeMap<>();
        routing.neighbours().forEach((k, v) -> m.put(k, v.identity));
        return m;
    }

    /** The connections open now, oldest first. */
    public List<ConnectionInfo> connections() {
        List<ConnectionInfo> out = new ArrayList<>();
        for (RouterConnection c : connections) {
            if (c.amqp.socket() != null && !c.amqp.isClosed()) {
                out.add(ConnectionInfo.of(c, ns.sim().now()));
            }
        }
        return out;
    }

    /** The links attached now, connection by connection. */
    public List<LinkInfo> links() {
        List<LinkInfo> out = new ArrayList<>();
        for (RouterConnection c : connections) {
            if (!c.amqp.isClosed()) {
                for (AmqpLink l : c.amqp.links()) {
                    out.add(LinkInfo.of(c, l));
                }
            }
        }
        return out;
    }

    /** TCP adaptor streams in progress (client connections being carried). */
    public int activeStreams() {
        return streams.active();
    }

    /** Client connections accepted by this router's tcpListeners since start, by address. */
    public Map<String, Long> streamsByAddress() {
        Map<String, Long> m = new java.util.TreeMap<>();
        streams.counts().forEach((k, v) -> {
            if (v[0] > 0) {
                m.put(k, v[0]);
            }
        });
        return m;
    }

    /** The addresses this router knows, with its local consumers and stream counts, as {@code skstat -a} shows. */
    public List<AddressInfo> addresses() {
        java.util.SortedSet<String> names = new java.util.TreeSet<>(routing.addresses().addresses());
        Map<String, long[]> counts = streams.counts();
        Map<String, Integer> local = streams.localConsumers();
        names.addAll(counts.keySet());
        names.addAll(local.keySet());
        for (TcpListenerEntity l : config.tcpListeners()) {
            names.add(l.address());
        }
        List<AddressInfo> out = new ArrayList<>();
        for (String a : names) {
            long[] c = counts.getOrDefault(a, new long[3]);
            int remote = (int) routing.addresses().consumers(a).stream().filter(r -> !r.equals(id)).count();
            out.add(new AddressInfo(a, local.getOrDefault(a, 0), remote, c[0], c[1], c[2]));
        }
        return out;
    }

    /** Time since the router started, in nanoseconds. */
    public long uptimeNanos() {
        return ns.sim().now() - startedAt;
    }

    // ---- package internals

    Simulator sim() {
        return ns.sim();
    }

    LinkStateRouting routing() {
        return routing;
    }

    StreamTable streams() {
        return streams;
    }

    RouterConnection newConnection(Role role, boolean outgoing, String name, int cost, long maxFrameSize,
                                   long maxSessionFrames) {
        RouterConnection c = new RouterConnection(this, nextConnectionId++, role, outgoing, name, cost, maxFrameSize,
            maxSessionFrames);
        connections.add(c);
        return c;
    }

    List<RouterConnection> interRouterConnections() {
        return connections.stream().filter(c -> c.interRouter() && c.amqp.isReady()).toList();
    }

    /**
     * Opens each tcpListener's port while its address has a reachable consumer and closes it
     * while none is reachable, as skupper-router does: a client then hears "connection refused"
     * rather than being accepted and dropped. (A port something else took meanwhile stays
     * closed until the next change.)
     */
    void addressesChanged() {
        if (stopped) {
            return;
        }
        for (TcpListenerEntity l : config.tcpListeners()) {
            boolean reachable = !routing.addresses().closest(id, l.address(), routing.table()).isEmpty();
            TcpListener open = tcpSockets.get(l);
            if (reachable && open == null) {
                try {
                    tcpSockets.put(l, Tcp.listen(ns, l.port(), BACKLOG, s -> streams.accept(l, s)));
                } catch (IllegalStateException e) {
                    // Address already in use: taken by another program since the router started
                }
            } else if (!reachable && open != null) {
                open.close();
                tcpSockets.remove(l);
            }
        }
    }

    /** The tcpListeners listening now (their address has a reachable consumer), by name. */
    public List<String> activeTcpListeners() {
        return tcpSockets.keySet().stream().map(TcpListenerEntity::name).toList();
    }

    void connectionClosed(RouterConnection c, String reason) {
        connections.remove(c);
        routing.connectionClosed(c);
    }
}
