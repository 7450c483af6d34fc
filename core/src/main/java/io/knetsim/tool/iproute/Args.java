package io.knetsim.tool.iproute;

import io.knetsim.tool.UsageException;
import java.util.List;

/**
 * The words of an iproute2 command line, read left to right as iproute2's {@code argv} loops
 * do; {@link #value()} is its {@code NEXT_ARG()}: a keyword without its value is an
 * incomplete command.
 */
final class Args {
    private final List<String> words;
    private int pos;

    Args(List<String> words) {
        this(words, 0);
    }

    Args(List<String> words, int pos) {
        this.words = words;
        this.pos = pos;
    }

    boolean hasNext() {
        return pos < words.size();
    }

    /** The current word without consuming it, or null at the end. */
    String peek() {
        return hasNext() ? words.get(pos) : null;
    }

    /** Consumes and returns the current word. */
    String next() {
        if (!hasNext()) {
            throw incomplete();
        }
        return words.get(pos++);
    }

    /** Consumes the value that must follow a keyword just read. */
    String value() {
        return next();
    }

    /** The remaining words, from the current one on. */
    Args rest() {
        return new Args(words, pos);
    }

    static UsageException incomplete() {
        return new UsageException("Command line is not complete. Try option \"help\"", 255);
    }
}
