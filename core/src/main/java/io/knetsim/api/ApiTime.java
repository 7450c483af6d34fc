package io.knetsim.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
        long secs = nanos / 1_000_000_000L;
        if (secs < 0 || secs >= MAX_FAST) {
            return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(secs));
        }
        // what ISO_INSTANT prints for whole seconds in years 1970-9999, without its formatter machinery
        LocalDateTime t = LocalDateTime.ofEpochSecond(secs, 0, ZoneOffset.UTC);
        char[] c = "0000-00-00T00:00:00Z".toCharArray();
        digits(c, 0, 4, t.getYear());
        digits(c, 5, 2, t.getMonthValue());
        digits(c, 8, 2, t.getDayOfMonth());
        digits(c, 11, 2, t.getHour());
        digits(c, 14, 2, t.getMinute());
        digits(c, 17, 2, t.getSecond());
        return new String(c);
    }

    /** 10000-01-01T00:00:00Z: from there ISO_INSTANT prints a sign and five digits of year. */
    private static final long MAX_FAST = 253_402_300_800L;

    private static void digits(char[] c, int at, int width, int v) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }
}
