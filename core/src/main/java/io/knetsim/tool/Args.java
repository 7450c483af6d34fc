package io.knetsim.tool;

import java.util.List;
import java.util.function.Supplier;

/**
 * A cursor over a command's arguments with the small parsing helpers every tool needs.
 * What a missing word means differs by tool family: getopt-style tools name the option
 * ({@link #value(String)}), iproute2 says the command line is incomplete ({@link #next()}).
 */
public final class Args {
    private final String tool;
    private final List<String> words;
    private final Supplier<UsageException> incomplete;
    private int pos;

    /** For getopt-style tools: errors start with {@code tool:}. */
    public Args(String tool, List<String> words) {
        this(tool, words, 0, () -> new UsageException(tool + ": missing argument", 2));
    }

    /** For tools with their own error when the words run out (iproute2's NEXT_ARG). */
    public Args(List<String> words, Supplier<UsageException> incomplete) {
        this("", words, 0, incomplete);
    }

    private Args(String tool, List<String> words, int pos, Supplier<UsageException> incomplete) {
        this.tool = tool;
        this.words = words;
        this.pos = pos;
        this.incomplete = incomplete;
    }

    public boolean hasNext() {
        return pos < words.size();
    }

    public String peek() {
        return hasNext() ? words.get(pos) : null;
    }

    /** Consumes the current word; the tool's "incomplete" error when there is none. */
    public String next() {
        if (!hasNext()) {
            throw incomplete.get();
        }
        return words.get(pos++);
    }

    /** Consumes the value that must follow a keyword just read (iproute2's {@code NEXT_ARG}). */
    public String value() {
        return next();
    }

    /** The remaining words, from the current one on, as a cursor of their own. */
    public Args rest() {
        return new Args(tool, words, pos, incomplete);
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
