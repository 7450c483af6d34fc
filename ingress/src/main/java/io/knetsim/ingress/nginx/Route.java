package io.knetsim.ingress.nginx;

import io.knetsim.app.http.HttpRequest;
import java.util.List;

/**
 * A conditional {@code proxy_pass} of a location: a request that meets every one of
 * {@code when} goes to {@code upstream}. A location tries its routes in order and takes the
 * first that fits (ingress-nginx does this in its Lua balancer for canaries; Gateway API
 * controllers do it for header matches); a request no route takes goes to the location's own
 * upstream.
 *
 * <pre>
 *   location /  ──▶ route $http_x_canary = "always"  ─▶ default-green-80
 *                   route $http_x_canary = "never"   ─▶ default-blue-80
 *                   otherwise                         ─▶ the location's upstream
 * </pre>
 */
public record Route(List<RequestMatch> when, String upstream) {
    public Route {
        when = when == null ? List.of() : List.copyOf(when);
        if (upstream == null || upstream.isEmpty()) {
            throw new IllegalArgumentException("route: upstream is required");
        }
    }

    public static Route when(String upstream, RequestMatch... matches) {
        return new Route(List.of(matches), upstream);
    }

    /** Whether {@code req} meets every condition (a route without conditions takes every request). */
    public boolean test(HttpRequest req) {
        return when.stream().allMatch(m -> m.test(req));
    }
}
