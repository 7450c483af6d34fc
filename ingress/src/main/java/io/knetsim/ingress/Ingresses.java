package io.knetsim.ingress;

import io.knetsim.ingress.nginx.Location;
import io.knetsim.ingress.nginx.NginxConfig;
import io.knetsim.ingress.nginx.NginxProxy;
import java.util.ArrayList;
import java.util.List;

/**
 * The original labs' {@code run_ingress(name, port, routes)} on a worker: an nginx with one
 * {@code server { listen PORT; }} and a prefix {@code location PATH { proxy_pass
 * http://ENDPOINT; }} per route, as the original's generated nginx.conf:
 *
 * <pre>
 *   C0w1: nginx :8001  location /svc1 -&gt; 100.64.11.1:8000   (the Service VIP; kube-proxy's rules
 *                      location /svc2 -&gt; 100.64.11.2:8000    on the worker pick a pod)
 * </pre>
 */
public final class Ingresses {
    private Ingresses() {
    }

    /**
     * Starts ingress {@code name} on {@code port} of {@code worker}. Bad input (a path not
     * starting with /, an endpoint not ADDRESS:PORT, a duplicate path, a port in use) throws an
     * error naming it, and nothing is started.
     */
    public static NginxProxy run(io.knetsim.net.NetNamespace worker, String name, int port, List<IngressRoute> routes) {
        return NginxProxy.start(worker, config(name, port, routes));
    }

    /** The configuration {@link #run} starts, for a controller or a reload. */
    public static NginxConfig config(String name, int port, List<IngressRoute> routes) {
        List<Location> locations = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            IngressRoute r = routes.get(i);
            if (r == null || r.path() == null || r.endpoint() == null) {
                throw new IllegalArgumentException("run_ingress " + name + ": route " + i
                    + ": expected {\"path\": ..., \"endpoint\": ...}");
            }
            locations.add(Location.prefix(r.path(), r.endpoint()));
        }
        return NginxConfig.of(name, port, locations);
    }
}
