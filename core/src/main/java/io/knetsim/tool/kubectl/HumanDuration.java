package io.knetsim.tool.kubectl;

/**
 * kubectl's ages ({@code duration.HumanDuration} of apimachinery): exact seconds below two
 * minutes ({@code 45s}, {@code 119s}), then minutes and seconds below ten minutes
 * ({@code 3m10s}), minutes below three hours ({@code 95m}), hours and minutes below eight hours
 * ({@code 5h3m}), hours below two days ({@code 30h}), days and hours below eight days
 * ({@code 2d3h}), days below two years, years and days below eight years, then years. A time
 * more than a second in the future is {@code <invalid>}.
 */
final class HumanDuration {
    private HumanDuration() {
    }

    static String format(long nanos) {
        long seconds = nanos / 1_000_000_000L;
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        }
        if (hours < 24 * 365 * 8) {
            long d = (hours / 24) % 365;
            return d == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + d + "d";
        }
        return hours / 24 / 365 + "y";
    }
}
