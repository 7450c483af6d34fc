package io.knetsim.tool;

import java.util.List;

/** A cursor over a command's arguments with the small parsing helpers every tool needs. */
public final class Args {
    private final String tool;
    private final List<String> words;
    private int pos;

    public Args(String tool, List<String> words) {
        this.tool = tool;
        this.words = words;
    }

    public boolean hasNext() {
        return pos < words.size();
    }

    public String peek() {
        return hasNext() ? words.get(pos) : null;
    }

    public String next() {
        return words.get(pos++);
    }

    /** The value after an option, or a usage error naming the option. */
    public String value(String option) {
        if (!hasNext()) {
            throw new UsageException(tool + ": option requires an argument -- '" + option.replaceFirst("^-+", "") + "'");
        }
        return next();
    }

    /** An integer in [min, max], or the tool's kind of error. */
    public int intValue(String option, long min, long max) {
        String v = value(option);
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return (int) n;
            }
            throw new UsageException(tool + ": invalid argument: '" + v + "': out of range: " + min + " <= value <= " + max, 1);
        } catch (NumberFormatException e) {
            throw new UsageException(tool + ": invalid argument: '" + v + "'", 1);
        }
    }

    /** A non-negative decimal number of seconds, returned in nanoseconds. */
    public long secondsValue(String option) {
        String v = value(option);
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && !Double.isInfinite(d)) {
                return Math.round(d * 1e9);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(tool + ": bad timing interval: " + v, 1);
    }
}
