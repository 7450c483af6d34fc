package io.knetsim.ingress.controller;

import io.knetsim.api.ApiServer;
import io.knetsim.api.EndpointSlice;
import io.knetsim.api.Gateway;
import io.knetsim.api.GatewayClass;
import io.knetsim.api.HTTPRoute;
import io.knetsim.api.Service;
import io.knetsim.api.Watch;
import io.knetsim.ingress.nginx.NginxConfig;
import io.knetsim.ingress.nginx.NginxProxy;
import io.knetsim.net.NetNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Gateway API controller in the manner of NGINX Gateway Fabric: it watches GatewayClasses,
 * Gateways, HTTPRoutes, Services and EndpointSlices, generates one proxy configuration per
 * listener port ({@link GatewayConfigGenerator}) and runs an {@link NginxProxy} for each in its
 * namespace, reloading it when its configuration changes, starting one for a new port and
 * stopping the one of a port no Gateway listens on any more.
 *
 * <pre>
 *   API server ──watch GatewayClass, Gateway, HTTPRoute, Service, EndpointSlice──▶ GatewayController
 *                                                   │ one sync per burst of changes
 *                                                   ▼
 *     GatewayConfigGenerator ──{port: NginxConfig}──▶ NginxProxy NAME-PORT (start | reload | stop)
 * </pre>
 */
public final class GatewayController {
    private final ApiServer api;
    private final NetNamespace ns;
    private final GatewayControllerConfig config;
    private final List<Watch> watches = new ArrayList<>();
    private final Map<Integer, NginxProxy> proxies = new TreeMap<>();
    private boolean syncPending;
    private long reloads;

    private GatewayController(ApiServer api, NetNamespace ns, GatewayControllerConfig config) {
        this.api = api;
        this.ns = ns;
        this.config = config;
    }

    /**
     * Registers the Gateway API kinds with {@code api} (no-ops when they are), starts the proxies
     * of the current objects in {@code ns}, and watches for changes.
     */
    public static GatewayController start(ApiServer api, NetNamespace ns, GatewayControllerConfig config) {
        registerKinds(api);
        GatewayController c = new GatewayController(api, ns, config);
        c.generate().forEach((port, cfg) -> c.proxies.put(port, NginxProxy.start(ns, cfg)));
        String from = Long.toString(api.resourceVersion());
        c.watches.add(api.watch(GatewayClass.class, null, null, from, e -> c.changed()));
        c.watches.add(api.watch(Gateway.class, null, null, from, e -> c.changed()));
        c.watches.add(api.watch(HTTPRoute.class, null, null, from, e -> c.changed()));
        c.watches.add(api.watch(Service.class, null, null, from, e -> c.changed()));
        c.watches.add(api.watch(EndpointSlice.class, null, null, from, e -> c.changed()));
        return c;
    }

    /** Makes GatewayClass, Gateway and HTTPRoute known to {@code api}. */
    public static void registerKinds(ApiServer api) {
        api.register(GatewayClass.TYPE);
        api.register(Gateway.TYPE);
        api.register(HTTPRoute.TYPE);
    }

    /** The configurations the current API objects give, by listener port. */
    public Map<Integer, NginxConfig> generate() {
        return GatewayConfigGenerator.generate(config, api.list(GatewayClass.class), api.list(Gateway.class),
            api.list(HTTPRoute.class), api.list(Service.class), api.list(EndpointSlice.class));
    }

    private void changed() {
        if (!syncPending) {
            syncPending = true;
            api.sim().after(0, this::sync);
        }
    }

    private void sync() {
        syncPending = false;
        Map<Integer, NginxConfig> next = generate();
        for (Integer port : List.copyOf(proxies.keySet())) {
            if (!next.containsKey(port)) {
                proxies.remove(port).stop();
            }
        }
        next.forEach((port, cfg) -> {
            NginxProxy p = proxies.get(port);
            if (p == null) {
                proxies.put(port, NginxProxy.start(ns, cfg));
            } else if (!cfg.equals(p.config())) {
                p.reload(cfg);
                reloads++;
            }
        });
    }

    /** The proxy of listener port {@code port}, or null. */
    public NginxProxy proxy(int port) {
        return proxies.get(port);
    }

    /** The ports proxies listen on. */
    public List<Integer> ports() {
        return List.copyOf(proxies.keySet());
    }

    public GatewayControllerConfig config() {
        return config;
    }

    /** How many times a proxy was reloaded with a new configuration. */
    public long reloads() {
        return reloads;
    }

    /** Stops watching and stops every proxy. */
    public void stop() {
        watches.forEach(Watch::stop);
        proxies.values().forEach(NginxProxy::stop);
        proxies.clear();
    }
}
