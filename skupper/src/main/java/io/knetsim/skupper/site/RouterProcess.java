package io.knetsim.skupper.site;

import io.knetsim.skupper.config.RouterConfig;
import java.util.SortedSet;

/**
 * The router of one site, as the site controller drives it: a skupper-router process on the
 * router host, told its whole configuration each time a verb changes it.
 *
 * <pre>
 *   skupper init ──▶ SkupperSite ──launch(host, config)──▶ RouterProcess
 *   skupper link create / expose ──▶ SkupperSite ──apply(config')──▶ RouterProcess
 *   skupper status ◀── reachableRouters(), neighbourRouters()
 * </pre>
 *
 * Real Skupper's site controller writes {@code skrouterd.json} into the router pod's ConfigMap
 * and the config-sync sidecar applies the difference through the router's management agent;
 * here a {@code RouterProcess} receives the complete new configuration.
 */
public interface RouterProcess {
    /**
     * Runs with {@code config} from now on (the configuration that replaces the previous one).
     *
     * @throws IllegalArgumentException when the router cannot run with it (a port in use on the
     *     host, ...); it then still runs with the previous configuration
     */
    void apply(RouterConfig config);

    /** The other routers this one has a route to now (its route table's destinations), by id. */
    SortedSet<String> reachableRouters();

    /** The routers this one has an inter-router connection with now, by id. */
    SortedSet<String> neighbourRouters();

    /** Stops the router (its listeners close, its links drop). */
    void stop();
}
