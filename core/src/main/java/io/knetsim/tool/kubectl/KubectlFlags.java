package io.knetsim.tool.kubectl;

import io.knetsim.tool.PFlags;
import io.knetsim.tool.UsageException;
import java.util.List;

/**
 * kubectl's command-line flags (spf13/pflag): {@code --name=value}, {@code --name value},
 * {@code -n value}, {@code -nvalue}, {@code -n=value}, grouped boolean shorthands
 * ({@code -it}), flags anywhere among the arguments, and {@code --} ending the flags (what
 * follows is {@link #command()}, as {@code kubectl exec POD -- CMD} uses it). Unknown flags fail
 * as pflag does: {@code error: unknown flag: --foo} and {@code error: unknown shorthand flag: 'x' in -x}.
 * The parsing is {@link PFlags}'; this class adds kubectl's {@code error: ... See '... --help'} wrapping.
 */
final class KubectlFlags {
    private final PFlags flags = new PFlags();

    /** Declares a flag taking a value; {@code shorthand} may be null. */
    KubectlFlags value(String name, String shorthand) {
        flags.value(name, shorthand);
        return this;
    }

    /** Declares a boolean flag. */
    KubectlFlags bool(String name, String shorthand) {
        flags.bool(name, shorthand);
        return this;
    }

    /** Parses {@code words}; errors are {@link UsageException}s with kubectl's message and status 1. */
    KubectlFlags parse(List<String> words, String commandPath) {
        try {
            flags.parse(words);
        } catch (PFlags.PFlagException e) {
            throw usage(e.getMessage(), commandPath);
        }
        return this;
    }

    private static UsageException usage(String msg, String commandPath) {
        return new UsageException("error: " + msg + "\nSee '" + commandPath + " --help' for usage.", 1);
    }

    /** The words that are not flags, before any {@code --}. */
    List<String> args() {
        return flags.args();
    }

    /** The words after {@code --}, or null when there was none. */
    List<String> command() {
        return flags.command();
    }

    boolean has(String name) {
        return flags.has(name);
    }

    String string(String name, String dflt) {
        return flags.string(name, dflt);
    }

    boolean bool(String name) {
        return flags.bool(name);
    }

    /** An integer flag: {@code error: invalid argument "x" for "--replicas" flag: strconv.ParseInt: ...}. */
    int integer(String name, int dflt, String commandPath) {
        try {
            return flags.integer(name, dflt);
        } catch (PFlags.PFlagException e) {
            throw usage(e.getMessage(), commandPath);
        }
    }
}
