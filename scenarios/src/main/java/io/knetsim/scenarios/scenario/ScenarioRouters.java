package io.knetsim.scenarios.scenario;

import java.util.List;

/**
 * A scenario's multi-cluster settings: the skupper router network joining its clusters, as
 * the original labs' fifth lab built it ({@link io.knetsim.scenarios.cluster.RouterNetwork}).
 * {@link ScenarioWorld} starts it after the pods, VIPs and ingresses, and runs the clock until
 * the routers have converged before the first step.
 *
 * <pre>
 *   routers:                                 ScenarioRouters.NONE
 *     sites:                                   .site(RouterSite.of("C0"))
 *       - {cluster: C0}                        .site(RouterSite.of("C1", "C0"))
 *       - {cluster: C1, remotes: [C0]}         .service(RouterService.pod("svc1", "C0", "c4", 80, 1028))
 *     services:
 *       - {name: svc1, cluster: C0, pod: c4, port: 80, lport: 1028}
 *
 *   C1w1 [router C1] ══ inter-router ══▶ C0w1:55671 [router C0] ──▶ c4:80
 *     tcpListener svc1 :1028
 * </pre>
 */
public record ScenarioRouters(List<RouterSite> sites, List<RouterService> services) {
    /** No router network. */
    public static final ScenarioRouters NONE = new ScenarioRouters(List.of(), List.of());

    public ScenarioRouters {
        sites = List.copyOf(sites);
        services = List.copyOf(services);
    }

    /** Whether there is no router network at all. */
    public boolean isEmpty() {
        return sites.isEmpty() && services.isEmpty();
    }

    /** These settings with one more site. */
    public ScenarioRouters site(RouterSite s) {
        return new ScenarioRouters(append(sites, s), services);
    }

    /** These settings with one more exposed service. */
    public ScenarioRouters service(RouterService s) {
        return new ScenarioRouters(sites, append(services, s));
    }

    private static <T> List<T> append(List<T> list, T item) {
        java.util.ArrayList<T> out = new java.util.ArrayList<>(list);
        out.add(item);
        return out;
    }
}
