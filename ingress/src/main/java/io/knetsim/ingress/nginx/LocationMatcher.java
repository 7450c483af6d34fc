package io.knetsim.ingress.nginx;

import java.util.List;

/**
 * nginx's choice of a location for a request URI (ngx_http_core_find_location, without regex
 * locations): an {@code =} location equal to the URI wins at once; otherwise the longest prefix
 * location the URI starts with. Prefixes compare as plain strings, as nginx does:
 * {@code location /svc1} also takes {@code /svc10} and {@code /svc1x}. No match: null (nginx
 * then answers 404).
 */
final class LocationMatcher {
    private LocationMatcher() {
    }

    static Location match(List<Location> locations, String uri) {
        return match(locations, null, uri);
    }

    /**
     * The location for a request with {@code Host: host}: first the server block, as nginx picks
     * one by {@code server_name} (an exact name, then a wildcard {@code *.example.com}, else the
     * default server), then the location within that block only. The wildcard takes one label
     * ({@code a.example.com}, not {@code b.a.example.com}), the Kubernetes Ingress rule for
     * wildcard hosts; nginx's own {@code *.} would take any depth.
     */
    static Location match(List<Location> locations, String host, String uri) {
        String server = serverFor(locations, host);
        Location best = null;
        for (Location l : locations) {
            if (!java.util.Objects.equals(l.serverName(), server)) {
                continue;
            }
            if (l.match() == LocationMatch.EXACT) {
                if (l.path().equals(uri)) {
                    return l;
                }
            } else if (uri.startsWith(l.path()) && (best == null || l.path().length() > best.path().length())) {
                best = l;
            }
        }
        return best;
    }

    /**
     * The URI nginx matches locations against: the request target without its query, with
     * {@code %XX} escapes decoded and runs of slashes merged ({@code merge_slashes on}). An
     * absolute-form target ({@code http://host/path}) is reduced to its path.
     */
    static String normalize(String target) {
        String t = target;
        if (t.startsWith("http://")) {
            int slash = t.indexOf('/', 7);
            t = slash < 0 ? "/" : t.substring(slash);
        }
        int q = t.indexOf('?');
        if (q >= 0) {
            t = t.substring(0, q);
        }
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '%' && i + 2 < t.length() && hex(t.charAt(i + 1)) >= 0 && hex(t.charAt(i + 2)) >= 0) {
                c = (char) (hex(t.charAt(i + 1)) * 16 + hex(t.charAt(i + 2)));
                i += 2;
            }
            if (c == '/' && sb.length() > 0 && sb.charAt(sb.length() - 1) == '/') {
                continue;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** The server_name of the block a Host header selects; null for the default server. */
    static String serverFor(List<Location> locations, String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String host = hostHeader.toLowerCase(java.util.Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        String wildcard = null;
        for (Location l : locations) {
            String n = l.serverName();
            if (n == null) {
                continue;
            }
            if (n.equals(host)) {
                return n;
            }
            if (n.startsWith("*.") && host.endsWith(n.substring(1))) {
                String label = host.substring(0, host.length() - n.length() + 1);
                if (!label.isEmpty() && label.indexOf('.') < 0) {
                    wildcard = n;
                }
            }
        }
        return wildcard;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
