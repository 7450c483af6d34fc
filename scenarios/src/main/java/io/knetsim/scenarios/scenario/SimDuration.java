package io.knetsim.scenarios.scenario;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Durations as scenarios write them, in simulated time: {@code 50us}, {@code 1ms}, {@code 1.5s},
 * {@code 2m}, {@code 10ns}; the same units as the shell's {@code run 5s}.
 */
public final class SimDuration {
    private static final String[] UNITS = {"ns", "us", "ms", "s", "m"};
    private static final long[] NANOS = {1, 1_000, 1_000_000, 1_000_000_000, 60_000_000_000L};

    private SimDuration() {
    }

    /** Parses a number with a unit; throws {@link IllegalArgumentException} saying what was expected. */
    public static Duration parse(String text) {
        String t = text.strip();
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        String unit = t.substring(i);
        for (int u = 0; u < UNITS.length; u++) {
            if (i > 0 && unit.equals(UNITS[u])) {
                try {
                    BigDecimal v = new BigDecimal(t.substring(0, i)).multiply(BigDecimal.valueOf(NANOS[u]));
                    if (v.stripTrailingZeros().scale() <= 0) {
                        return Duration.ofNanos(v.longValueExact());
                    }
                } catch (NumberFormatException | ArithmeticException e) {
                    break;
                }
            }
        }
        throw new IllegalArgumentException("invalid duration '" + text
            + "': expected a number with a unit: ns, us, ms, s or m (e.g. 1ms, 2.5s)");
    }

    /** The largest unit that writes it exactly ({@code 1500ms}, {@code 50us}, {@code 0s}). */
    public static String format(Duration d) {
        long n = d.toNanos();
        if (n == 0) {
            return "0s";
        }
        for (int u = UNITS.length - 1; u >= 0; u--) {
            if (n % NANOS[u] == 0) {
                return n / NANOS[u] + UNITS[u];
            }
        }
        return n + "ns";
    }
}
