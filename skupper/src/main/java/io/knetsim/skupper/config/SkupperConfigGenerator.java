package io.knetsim.skupper.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The original knetsim labs' router configuration generator ({@code core/skupper.py}'s
 * {@code build_conf}): from the sites and the exposed services, one skupper-router
 * configuration per cluster.
 *
 * <pre>
 *   C1 (10.0.0.8)                                     C0 (10.0.0.3)
 *   router C1 ── connector "C0" ── inter-router ──▶  listener interior-listener :55671
 *   tcpListener svc1 :1028 ──── address svc1 ─────▶  tcpConnector svc1 → 11.10.16.3:80
 * </pre>
 *
 * Each site's configuration holds, in this order:
 * <ol>
 *   <li>{@code router}: id = cluster name, mode interior, helloMaxAgeSeconds 3, metadata
 *       {@code {"id":"<cluster>","version":"1.0.2"}};</li>
 *   <li>the labs' base entities ({@code conf/skupper_base.json}): listener {@code amqp}
 *       (localhost:5672), listener {@code interior-listener} (inter-router, port 55671),
 *       listener {@code edge-listener} (edge, port 45671), both with maxFrameSize 16384 and
 *       maxSessionFrames 640, listener {@code @9090} (normal, http, httpRootDir disabled,
 *       healthz, metrics) and address {@code mc} (multicast);</li>
 *   <li>per remote cluster, a connector named after it: inter-router, to the remote's first
 *       worker port 55671, the remote's cost (1 unless the {@link SiteSpec.Remote} gives
 *       another), maxFrameSize 16384, maxSessionFrames 640;</li>
 *   <li>per service, in the service's own cluster a {@code tcpConnector} (name, host, port,
 *       address = name, siteId = cluster), in every other cluster a {@code tcpListener} on
 *       {@code lport} (any host, address = name, siteId = cluster).</li>
 * </ol>
 *
 * Differences from the original, on purpose: router ids and connector names are the cluster
 * names as knetsim spells them ({@code C0}; the original's clusters were named {@code "0"}
 * with hosts {@code C0w1}); the metadata is JSON, as Skupper writes it (the original wrote
 * Python's {@code str(dict)}, {@code {'id': '0', 'version': '1.0.2'}}); the inter-router
 * listener names the first worker's address as its host (the original left it empty, i.e.
 * every address of the worker, which in the labs' world is the same single underlay address
 * plus loopback).
 */
public final class SkupperConfigGenerator {
    /** The inter-router port of the labs and Skupper. */
    public static final int INTER_ROUTER_PORT = 55671;
    /** The edge port of the labs' base configuration. */
    public static final int EDGE_PORT = 45671;
    /** The session window the labs and Skupper give inter-router and edge links. */
    public static final int MAX_SESSION_FRAMES = 640;

    private SkupperConfigGenerator() {
    }

    /**
     * One configuration per site, in the order of {@code sites}, keyed by cluster name; each is
     * named {@code <cluster>.json} as the labs' files were.
     *
     * @throws IllegalArgumentException for a duplicate site, a remote or service cluster that is
     *     not a site, or a site linking to itself
     * @throws RouterConfigException when a generated configuration would not start (for
     *     example a service's lport that clashes with a router port)
     */
    public static Map<String, RouterConfig> generate(List<SiteSpec> sites, List<ExposedService> services) {
        Map<String, SiteSpec> byName = new LinkedHashMap<>();
        for (SiteSpec s : sites) {
            if (byName.putIfAbsent(s.cluster(), s) != null) {
                throw new IllegalArgumentException("site " + s.cluster() + " is listed twice");
            }
        }
        for (SiteSpec s : sites) {
            Set<String> seen = new HashSet<>();
            for (SiteSpec.Remote remote : s.remotes()) {
                String r = remote.cluster();
                if (!byName.containsKey(r)) {
                    throw new IllegalArgumentException("site " + s.cluster() + ": remote " + r + " is not a site");
                }
                if (r.equals(s.cluster())) {
                    throw new IllegalArgumentException("site " + s.cluster() + ": cannot link to itself");
                }
                if (!seen.add(r)) {
                    throw new IllegalArgumentException("site " + s.cluster() + ": remote " + r + " is listed twice");
                }
            }
        }
        for (ExposedService svc : services) {
            if (!byName.containsKey(svc.cluster())) {
                throw new IllegalArgumentException("service " + svc.name() + ": cluster " + svc.cluster()
                    + " is not a site");
            }
        }
        Map<String, RouterConfig> out = new LinkedHashMap<>();
        for (SiteSpec s : sites) {
            out.put(s.cluster(), RouterConfig.of(s.cluster() + ".json", entities(s, byName, services)));
        }
        return Collections.unmodifiableMap(out);
    }

    private static List<ConfigEntity> entities(SiteSpec site, Map<String, SiteSpec> sites,
                                               List<ExposedService> services) {
        String c = site.cluster();
        OptionalInt window = OptionalInt.of(MAX_SESSION_FRAMES);
        int frame = ListenerEntity.DEFAULT_MAX_FRAME_SIZE;
        List<ConfigEntity> e = new ArrayList<>();
        e.add(new RouterEntity(c, RouterMode.INTERIOR, 3,
            Optional.of("{\"id\":\"" + c + "\",\"version\":\"1.0.2\"}"), Map.of()));
        e.add(new ListenerEntity("amqp", Role.NORMAL, "localhost", 5672));
        e.add(new ListenerEntity("interior-listener", Role.INTER_ROUTER, site.firstWorkerAddress(),
            INTER_ROUTER_PORT, 1, frame, window, Map.of()));
        e.add(new ListenerEntity("edge-listener", Role.EDGE, "", EDGE_PORT, 1, frame, window, Map.of()));
        Map<String, Object> console = new LinkedHashMap<>();
        console.put("http", true);
        console.put("httpRootDir", "disabled");
        console.put("healthz", true);
        console.put("metrics", true);
        e.add(new ListenerEntity("@9090", Role.NORMAL, "", 9090, 1, frame, OptionalInt.empty(), console));
        e.add(new AddressEntity("mc", Distribution.MULTICAST));
        for (SiteSpec.Remote r : site.remotes()) {
            e.add(new ConnectorEntity(r.cluster(), Role.INTER_ROUTER, sites.get(r.cluster()).firstWorkerAddress(),
                INTER_ROUTER_PORT, r.cost(), frame, window, Map.of()));
        }
        for (ExposedService svc : services) {
            if (svc.cluster().equals(c)) {
                e.add(new TcpConnectorEntity(svc.name(), svc.host(), svc.port(), svc.name(), Optional.of(c), Map.of()));
            } else {
                e.add(new TcpListenerEntity(svc.name(), "0.0.0.0", svc.lport(), svc.name(), Optional.of(c), Map.of()));
            }
        }
        return e;
    }
}
