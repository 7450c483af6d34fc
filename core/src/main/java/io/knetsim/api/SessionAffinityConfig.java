package io.knetsim.api;

/**
 * {@code spec.sessionAffinityConfig} of a Service: for {@code sessionAffinity: ClientIP}, how
 * long a client stays with the endpoint it got ({@code clientIP.timeoutSeconds}, 10800 by
 * default, between 1 and 86400).
 */
public record SessionAffinityConfig(ClientIPConfig clientIP) {
    /** {@code clientIP}: {@code timeoutSeconds}. */
    public record ClientIPConfig(Integer timeoutSeconds) {
    }

    public static SessionAffinityConfig timeout(int seconds) {
        return new SessionAffinityConfig(new ClientIPConfig(seconds));
    }

    /** The timeout, or null when unset. */
    public Integer timeoutSeconds() {
        return clientIP == null ? null : clientIP.timeoutSeconds();
    }
}
