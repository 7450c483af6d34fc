package io.knetsim.skupper.site;

import io.knetsim.net.NetNamespace;
import io.knetsim.skupper.config.RouterConfig;

/**
 * Starts a site's router on its host: what {@code skupper init} does when it creates the
 * {@code skupper-router} Deployment. Tests give a fake one; the real one runs the simulated
 * skupper-router on the host's network stack.
 */
@FunctionalInterface
public interface RouterLauncher {
    /**
     * Starts a router on {@code host} (the site's router host, in its host network) with
     * {@code config}.
     *
     * @throws IllegalArgumentException when it cannot start (a port in use on the host, ...);
     *     nothing is then left running
     */
    RouterProcess launch(NetNamespace host, RouterConfig config);
}
