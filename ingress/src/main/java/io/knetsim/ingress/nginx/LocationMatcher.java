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
        Location best = null;
        for (Location l : locations) {
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

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
