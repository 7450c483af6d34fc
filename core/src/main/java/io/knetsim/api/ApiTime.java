package io.knetsim.api;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps in API objects: the simulated clock read as time since 1970-01-01T00:00:00Z and
 * printed in RFC 3339 to the second, as {@code metav1.Time} is ({@code 1970-01-01T00:00:05Z}
 * five seconds into a run). Never the wall clock.
 */
public final class ApiTime {
    private ApiTime() {
    }

    /** RFC 3339 for a simulated time in nanoseconds. */
    public static String format(long nanos) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(nanos / 1_000_000_000L));
    }
}
