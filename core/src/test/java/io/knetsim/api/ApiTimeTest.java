package io.knetsim.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/**
 * API timestamps print the simulated clock as {@code metav1.Time} does, to the second:
 *
 * <pre>
 *   0 ns                 -> 1970-01-01T00:00:00Z
 *   5.9 s                -> 1970-01-01T00:00:05Z   (truncated, not rounded)
 *   Long.MAX_VALUE ns    -> 2262-04-11T23:47:16Z   (the end of the simulated clock)
 * </pre>
 */
class ApiTimeTest {
    @Test
    void printsWholeSecondsInRfc3339() {
        assertThat(ApiTime.format(0)).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(ApiTime.format(5_900_000_000L)).isEqualTo("1970-01-01T00:00:05Z");
        assertThat(ApiTime.format(86_400_000_000_000L * 366 + 3_723_000_000_000L)).isEqualTo("1971-01-02T01:02:03Z");
        assertThat(ApiTime.format(Long.MAX_VALUE)).isEqualTo("2262-04-11T23:47:16Z");
    }

    @Test
    void agreesWithIsoInstantAcrossTheClock() {
        long step = Long.MAX_VALUE / 9973;
        for (long i = -3; i <= 9973; i++) {
            long n = i * step;
            String iso = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(n / 1_000_000_000L));
            assertThat(ApiTime.format(n)).as("at %d ns", n).isEqualTo(iso);
        }
    }
}
