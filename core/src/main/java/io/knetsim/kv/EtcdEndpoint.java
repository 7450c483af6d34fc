package io.knetsim.kv;

import io.knetsim.addr.Ipv4Address;

/** One etcd client URL, {@code http://ADDRESS:PORT}, with an IPv4 address (no resolver for components yet). */
public record EtcdEndpoint(int address, int port) {
    /**
     * Parses {@code http://10.1.0.1:2379} (the scheme and port may be left out: {@code http},
     * 2379); throws {@link IllegalArgumentException} naming what is wrong.
     */
    public static EtcdEndpoint parse(String url) {
        String rest = url;
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            if (!rest.substring(0, scheme).equals("http")) {
                throw new IllegalArgumentException("unsupported scheme in endpoint " + url + " (expected http)");
            }
            rest = rest.substring(scheme + 3);
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String host = rest;
        int port = EtcdServer.PORT;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            host = rest.substring(0, colon);
            try {
                port = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("invalid port in endpoint " + url);
            }
        }
        if (!Ipv4Address.isValid(host)) {
            throw new IllegalArgumentException("endpoint " + url + ": host must be an IPv4 address");
        }
        return new EtcdEndpoint(Ipv4Address.parse(host).bits(), port);
    }

    /** {@code ADDRESS:PORT}. */
    public String hostPort() {
        return Ipv4Address.format(address) + ":" + port;
    }

    /** {@code http://ADDRESS:PORT}. */
    public String url() {
        return "http://" + hostPort();
    }
}
