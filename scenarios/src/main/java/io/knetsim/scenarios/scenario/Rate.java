package io.knetsim.scenarios.scenario;

import java.math.BigDecimal;

/**
 * A link's bandwidth in bits per second, written as {@code tc} writes rates: {@code 100Mbit},
 * {@code 1Gbit}, {@code 64kbit}, {@code 9600bit} (decimal units, case-insensitive), or
 * {@code unlimited} (0).
 */
public record Rate(long bitsPerSecond) {
    /** No limit: frames leave as fast as they come. */
    public static final Rate UNLIMITED = new Rate(0);

    private static final String[] UNITS = {"bit", "kbit", "mbit", "gbit", "tbit"};
    private static final String[] NAMES = {"bit", "kbit", "Mbit", "Gbit", "Tbit"};

    public Rate {
        if (bitsPerSecond < 0) {
            throw new IllegalArgumentException("a rate must not be negative");
        }
    }

    public static Rate bps(long bits) {
        return new Rate(bits);
    }

    public static Rate kbit(long n) {
        return new Rate(n * 1_000);
    }

    public static Rate mbit(long n) {
        return new Rate(n * 1_000_000);
    }

    public static Rate gbit(long n) {
        return new Rate(n * 1_000_000_000);
    }

    /** Parses {@code 100Mbit}, {@code 1.5Gbit}, {@code unlimited}; throws with what was expected. */
    public static Rate parse(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("unlimited")) {
            return UNLIMITED;
        }
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        for (int u = UNITS.length - 1; u >= 0; u--) {
            if (lower.endsWith(UNITS[u])) {
                String number = t.substring(0, t.length() - UNITS[u].length());
                try {
                    BigDecimal v = new BigDecimal(number).movePointRight(3 * u);
                    if (v.signum() >= 0 && v.stripTrailingZeros().scale() <= 0) {
                        return new Rate(v.longValueExact());
                    }
                } catch (NumberFormatException | ArithmeticException e) {
                    break;
                }
            }
        }
        throw new IllegalArgumentException("invalid rate '" + text
            + "': expected a number with a unit: bit, kbit, Mbit, Gbit or Tbit (e.g. 100Mbit), or unlimited");
    }

    /** The largest unit that writes it exactly: {@code 1Gbit}, {@code 1500kbit}, {@code unlimited}. */
    @Override
    public String toString() {
        if (bitsPerSecond == 0) {
            return "unlimited";
        }
        int u = 0;
        long v = bitsPerSecond;
        while (u < UNITS.length - 1 && v % 1000 == 0) {
            v /= 1000;
            u++;
        }
        return v + NAMES[u];
    }
}
