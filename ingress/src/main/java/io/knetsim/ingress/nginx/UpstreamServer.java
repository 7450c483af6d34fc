package io.knetsim.ingress.nginx;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.sim.SimTime;

/**
 * One {@code server ADDRESS:PORT [weight=N] [max_fails=N] [fail_timeout=T];} line of an
 * {@code upstream} block. nginx's defaults: weight 1, max_fails 1, fail_timeout 10s; max_fails 0
 * turns passive health off for the server.
 */
public record UpstreamServer(Ipv4Address address, int port, int weight, int maxFails, long failTimeout) {
    /** nginx's default {@code fail_timeout}. */
    public static final long DEFAULT_FAIL_TIMEOUT = SimTime.seconds(10);

    public UpstreamServer {
        if (address == null) {
            throw new IllegalArgumentException("upstream server: address is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("upstream server " + Ipv4Address.format(address.bits())
                + ": invalid port " + port + " (expected 1-65535)");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("upstream server " + endpoint(address, port)
                + ": invalid weight " + weight + " (expected 1 or more)");
        }
        if (maxFails < 0) {
            throw new IllegalArgumentException("upstream server " + endpoint(address, port)
                + ": invalid max_fails " + maxFails + " (expected 0 or more)");
        }
        if (failTimeout < 0) {
            throw new IllegalArgumentException("upstream server " + endpoint(address, port)
                + ": invalid fail_timeout (expected 0 or more)");
        }
    }

    /** A server with nginx's defaults. */
    public static UpstreamServer of(String address, int port) {
        return new UpstreamServer(Ipv4Address.parse(address), port, 1, 1, DEFAULT_FAIL_TIMEOUT);
    }

    /**
     * Parses {@code ADDRESS:PORT} ({@code 100.64.11.1:8000}); the error names {@code field}
     * and what was expected.
     */
    public static UpstreamServer parse(String field, String endpoint) {
        int colon = endpoint == null ? -1 : endpoint.lastIndexOf(':');
        if (colon <= 0 || !Ipv4Address.isValid(endpoint.substring(0, colon))) {
            throw new IllegalArgumentException(field + ": invalid endpoint \"" + endpoint
                + "\" (expected ADDRESS:PORT, e.g. 100.64.11.1:8000)");
        }
        int port;
        try {
            port = Integer.parseInt(endpoint.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(field + ": invalid port in \"" + endpoint + "\" (expected 1-65535)");
        }
        return of(endpoint.substring(0, colon), port);
    }

    public UpstreamServer withWeight(int w) {
        return new UpstreamServer(address, port, w, maxFails, failTimeout);
    }

    public UpstreamServer withPassiveHealth(int fails, long timeout) {
        return new UpstreamServer(address, port, weight, fails, timeout);
    }

    /** {@code ADDRESS:PORT}. */
    public String endpoint() {
        return endpoint(address, port);
    }

    private static String endpoint(Ipv4Address a, int port) {
        return Ipv4Address.format(a.bits()) + ":" + port;
    }
}
