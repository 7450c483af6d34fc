package io.knetsim.tool.curl;

/**
 * {@code [http://]host[:port][/path]} as curl reads it. Only {@code http} is supported; the
 * host is an IPv4 address, {@code localhost} (which curl resolves itself to the loopback
 * address) or a name for the resolver.
 */
record HttpUrl(String host, int port, boolean portGiven, String path) {
    /** curl's error for a URL it cannot use: exit code and message after {@code curl: (N) }. */
    static final class BadUrl extends Exception {
        final int code;

        BadUrl(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    static HttpUrl parse(String url) throws BadUrl {
        String rest = url;
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            String s = rest.substring(0, scheme);
            if (!s.equalsIgnoreCase("http")) {
                throw new BadUrl(1, "Protocol \"" + s + "\" not supported");
            }
            rest = rest.substring(scheme + 3);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        int q = authority.indexOf('?');
        if (q >= 0) {
            path = "/" + authority.substring(q);
            authority = authority.substring(0, q);
        }
        String host = authority;
        int port = 80;
        boolean portGiven = false;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0) {
            host = authority.substring(0, colon);
            String p = authority.substring(colon + 1);
            if (!p.isEmpty()) {
                try {
                    port = Integer.parseInt(p);
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 0 || port > 65535 || !p.chars().allMatch(Character::isDigit)) {
                    throw new BadUrl(3, "URL rejected: Port number was not a decimal number between 0 and 65535");
                }
                portGiven = true;
            }
        }
        if (host.isEmpty()) {
            throw new BadUrl(3, "URL rejected: No host part in the URL");
        }
        return new HttpUrl(host, port, portGiven, path);
    }

    /** The host to resolve: the host, or {@code 127.0.0.1} for {@code localhost}. */
    String address() {
        return host.equalsIgnoreCase("localhost") ? "127.0.0.1" : host;
    }

    /** The {@code Host} header curl sends: the port only when it is not 80. */
    String hostHeader() {
        return port == 80 ? host : host + ":" + port;
    }
}
