package io.knetsim.ingress.controller;

import io.knetsim.api.ApiServer;
import io.knetsim.api.EndpointSlice;
import io.knetsim.api.Ingress;
import io.knetsim.api.IngressClass;
import io.knetsim.api.Service;
import io.knetsim.api.Watch;
import io.knetsim.ingress.nginx.NginxConfig;
import io.knetsim.ingress.nginx.NginxProxy;
import io.knetsim.net.NetNamespace;
import java.util.ArrayList;
import java.util.List;

/**
 * An ingress controller in the manner of ingress-nginx: it watches Ingresses, Services and
 * EndpointSlices through the API server, regenerates the proxy's configuration
 * ({@link IngressConfigGenerator}) and reloads the {@link NginxProxy} it runs when the
 * configuration changed.
 *
 * <pre>
 *   API server ──watch Ingress, Service, EndpointSlice──▶ IngressController
 *                                                          │ one sync per burst of changes
 *                                                          ▼
 *                         IngressConfigGenerator ──NginxConfig──▶ NginxProxy.reload (nginx -s reload)
 * </pre>
 *
 * Changes are coalesced: the first change schedules a sync on the simulator's clock (at the
 * same instant, after the events already queued), so an Ingress and its Service created
 * together give one reload. A sync whose configuration equals the running one reloads nothing.
 */
public final class IngressController {
    private final ApiServer api;
    private final IngressControllerConfig config;
    private final List<Watch> watches = new ArrayList<>();
    private NginxProxy proxy;
    private boolean syncPending;
    private long reloads;

    private IngressController(ApiServer api, IngressControllerConfig config) {
        this.api = api;
        this.config = config;
    }

    /**
     * Registers the Ingress kind with {@code api} (a no-op when it is), starts the proxy in
     * {@code ns} with the configuration of the current objects, and watches for changes.
     */
    public static IngressController start(ApiServer api, NetNamespace ns, IngressControllerConfig config) {
        api.register(Ingress.TYPE);
        api.register(IngressClass.TYPE);
        IngressController c = new IngressController(api, config);
        c.proxy = NginxProxy.start(ns, c.generate());
        String from = Long.toString(api.resourceVersion());
        c.watches.add(api.watch(Ingress.class, null, null, from, e -> c.changed()));
        c.watches.add(api.watch(IngressClass.class, null, null, from, e -> c.changed()));
        c.watches.add(api.watch(Service.class, null, null, from, e -> c.changed()));
        c.watches.add(api.watch(EndpointSlice.class, null, null, from, e -> c.changed()));
        return c;
    }

    /** The configuration the current API objects give. */
    public NginxConfig generate() {
        return IngressConfigGenerator.generate(config, api.list(IngressClass.class), api.list(Ingress.class),
            api.list(Service.class),
            api.list(EndpointSlice.class));
    }

    private void changed() {
        if (!syncPending) {
            syncPending = true;
            api.sim().after(0, this::sync);
        }
    }

    private void sync() {
        syncPending = false;
        NginxConfig next = generate();
        if (!next.equals(proxy.config())) {
            proxy.reload(next);
            reloads++;
        }
    }

    /** The proxy this controller drives. */
    public NginxProxy proxy() {
        return proxy;
    }

    public IngressControllerConfig config() {
        return config;
    }

    /** How many times the proxy was reloaded with a new configuration. */
    public long reloads() {
        return reloads;
    }

    /** Stops watching and stops the proxy. */
    public void stop() {
        watches.forEach(Watch::stop);
        proxy.stop();
    }
}
