package io.knetsim.skupper.site;

import io.knetsim.net.NetNamespace;
import io.knetsim.skupper.config.RouterConfig;
import io.knetsim.skupper.router.SkupperRouter;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A site's router as a simulated skupper-router process ({@link SkupperRouter}) on the router
 * host. A new configuration restarts it: the process stops (its listeners close, its
 * connections are reset) and starts again with the new configuration at once; the other sites'
 * connectors then reconnect after their retry delay (1 s, doubling to 8 s). Real Skupper instead
 * applies the difference to the running router through its management agent, so existing
 * connections survive; here connections through the site's router at the moment of a change
 * are cut.
 */
public final class SkupperRouterProcess implements RouterProcess {
    private final NetNamespace host;
    private SkupperRouter router;

    private SkupperRouterProcess(NetNamespace host, SkupperRouter router) {
        this.host = host;
        this.router = router;
    }

    /**
     * Starts skupper-router on {@code host} with {@code config}: a {@link RouterLauncher}.
     *
     * @throws IllegalArgumentException when it cannot start (a port in use, a router already there)
     */
    public static RouterProcess launch(NetNamespace host, RouterConfig config) {
        return new SkupperRouterProcess(host, SkupperRouter.start(host, config));
    }

    /**
     * The process of a skupper-router already running on {@code host} (started with
     * {@link SkupperRouter#start} by other means), for {@link SkupperNetwork#adopt}; a new
     * configuration restarts it as it restarts a launched one.
     *
     * @throws IllegalArgumentException when {@code running} does not run on {@code host}
     */
    public static SkupperRouterProcess adopt(NetNamespace host, SkupperRouter running) {
        if (running.namespace() != host) {
            throw new IllegalArgumentException("router " + running.id() + " runs on " + running.namespace().name()
                + ", not on " + host.name());
        }
        return new SkupperRouterProcess(host, running);
    }

    /** The running router process (after a new configuration, the restarted one). */
    public SkupperRouter router() {
        return router;
    }

    @Override
    public void apply(RouterConfig config) {
        RouterConfig before = router.config();
        router.stop();
        try {
            router = SkupperRouter.start(host, config);
        } catch (IllegalArgumentException e) {
            router = SkupperRouter.start(host, before);
            throw e;
        }
    }

    @Override
    public SortedSet<String> reachableRouters() {
        return new TreeSet<>(router.routeTable().routes().keySet());
    }

    @Override
    public SortedSet<String> neighbourRouters() {
        return new TreeSet<>(router.neighbours().keySet());
    }

    @Override
    public void stop() {
        router.stop();
    }
}
