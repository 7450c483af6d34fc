package io.knetsim.scenarios.scenario;

import io.knetsim.ingress.IngressRoute;
import java.util.List;

/**
 * One of the original labs' ingresses, {@code C0.get("w1").run_ingress("grp1", 8001, [{"path":
 * "/svc1", "endpoint": "100.64.11.1:8000"}])}: once the world is up, an nginx-like proxy named
 * {@code name} listens on {@code port} of the worker, one prefix location per route
 * ({@link io.knetsim.ingress.Ingresses#run}).
 *
 * <pre>
 *   ingresses:
 *     - {cluster: C0, worker: w1, name: grp1, port: 8001,
 *        routes: [{path: /svc1, endpoint: 100.64.11.1:8000}]}
 *   ScenarioIngress.of("C0", "w1", "grp1", 8001, IngressRoute.of("/svc1", "100.64.11.1:8000"))
 * </pre>
 */
public record ScenarioIngress(String cluster, String worker, String name, int port, List<IngressRoute> routes) {
    public ScenarioIngress {
        routes = routes == null ? null : List.copyOf(routes);
    }

    public static ScenarioIngress of(String cluster, String worker, String name, int port, IngressRoute... routes) {
        return new ScenarioIngress(cluster, worker, name, port, List.of(routes));
    }
}
