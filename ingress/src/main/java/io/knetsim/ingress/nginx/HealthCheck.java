package io.knetsim.ingress.nginx;

import io.knetsim.sim.SimTime;

/**
 * Active health checks of an upstream's servers, in the syntax of the nginx upstream check
 * module (Tengine's {@code check interval=3000 rise=2 fall=5 timeout=1000 type=http;} with
 * {@code check_http_send} and {@code check_http_expect_alive http_2xx http_3xx}): every
 * {@code interval} each server gets {@code GET uri}; an answer 2xx or 3xx within
 * {@code timeout} is a pass, anything else a failure. {@code fall} failures in a row take the
 * server out, {@code rise} passes in a row bring it back. Servers start up
 * ({@code default_down=false}). Open-source nginx has no active checks; this is that module's
 * behaviour, on the simulated clock.
 */
public record HealthCheck(String uri, long interval, long timeout, int rise, int fall) {
    public HealthCheck {
        if (uri == null || !uri.startsWith("/")) {
            throw new IllegalArgumentException("health check: invalid uri \"" + uri + "\" (expected a path starting with /)");
        }
        if (interval < SimTime.MS || timeout < SimTime.MS) {
            throw new IllegalArgumentException("health check: interval and timeout must be at least 1ms");
        }
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("health check: rise and fall must be 1 or more");
        }
    }

    /** {@code GET uri} every {@code interval}, 1 s timeout, one pass brings a server back, one failure takes it out. */
    public static HealthCheck get(String uri, long interval) {
        return new HealthCheck(uri, interval, SimTime.seconds(1), 1, 1);
    }
}
