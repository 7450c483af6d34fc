package io.knetsim.sim;

import java.time.Duration;

/** Virtual time units: every time in knetsim is a {@code long} of nanoseconds. */
public final class SimTime {
    public static final long NS = 1;
    public static final long US = 1_000;
    public static final long MS = 1_000_000;
    public static final long SECOND = 1_000_000_000;

    private SimTime() {
    }

    public static long us(long n) {
        return n * US;
    }

    public static long ms(long n) {
        return n * MS;
    }

    public static long seconds(long n) {
        return n * SECOND;
    }

    public static long of(Duration d) {
        return d.toNanos();
    }

    /** Milliseconds with three decimals, as ping and traceroute print them: {@code 0.123}. */
    public static String millis3(long nanos) {
        long us = Math.round(nanos / 1000.0);
        return String.format("%d.%03d", us / 1000, us % 1000);
    }
}
