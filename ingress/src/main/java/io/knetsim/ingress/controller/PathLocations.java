package io.knetsim.ingress.controller;

import io.knetsim.api.Ingress.HTTPIngressPath;
import io.knetsim.ingress.nginx.Location;
import java.util.List;

/**
 * How one Ingress path becomes nginx locations so that nginx's matching (an {@code =} location
 * equal to the URI first, else the longest string prefix) gives the Kubernetes results.
 *
 * <pre>
 *   Exact  /foo            ──▶ location = /foo
 *   Prefix /               ──▶ location /
 *   Prefix /foo  or /foo/  ──▶ location = /foo      (the path itself)
 *                              location /foo/       (whole elements below it: /foo/bar, not /foobar)
 *   ImplementationSpecific /foo ──▶ location /foo   (nginx's own string prefix, as ingress-nginx)
 * </pre>
 *
 * Why this is exact: a Prefix path p matches a request path r when r equals p (trailing slash
 * ignored) or r starts with p followed by '/'. The {@code =} location takes the first case;
 * no other matching Ingress path can be longer than r itself, so nginx's "= wins" is the
 * Kubernetes "longest path wins". The {@code /foo/} prefix takes the second case, and nginx's
 * longest prefix is the Kubernetes longest path, since every generated prefix is its path plus
 * one character. An Exact and a Prefix path of the same text both produce {@code = /foo}; the
 * Exact one is kept, which is the rule "Exact before Prefix at equal length".
 */
final class PathLocations {
    private PathLocations() {
    }

    /** The locations for {@code path} of {@code pathType}, proxying to {@code upstream}. */
    static List<Location> of(String path, String pathType, String upstream) {
        String p = path == null || path.isEmpty() ? "/" : path;
        switch (pathType) {
            case HTTPIngressPath.EXACT:
                return List.of(Location.exact(p, upstream));
            case HTTPIngressPath.PREFIX: {
                String q = p;
                while (q.length() > 1 && q.endsWith("/")) {
                    q = q.substring(0, q.length() - 1);
                }
                if (q.equals("/")) {
                    return List.of(Location.prefix("/", upstream));
                }
                return List.of(Location.exact(q, upstream), Location.prefix(q + "/", upstream));
            }
            default:
                return List.of(Location.prefix(p, upstream));
        }
    }
}
