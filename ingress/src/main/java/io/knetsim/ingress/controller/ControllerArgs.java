package io.knetsim.ingress.controller;

import io.knetsim.tool.PFlags;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A controller container's arguments, read as the Go controllers read them (spf13/pflag):
 * an optional first word that is not a flag (the binary or subcommand) is skipped; the flags the
 * app models are read, the real controller's other flags are accepted and ignored, and anything
 * else stops the container with pflag's message ({@code unknown flag: --foo}).
 */
final class ControllerArgs {
    private final PFlags flags;

    private ControllerArgs(PFlags flags) {
        this.flags = flags;
    }

    /**
     * Parses {@code args}: {@code values} are the flags that take a value (modelled or ignored),
     * {@code booleans} the flags that take none.
     */
    static ControllerArgs parse(String binary, List<String> args, Set<String> values, Set<String> booleans) {
        PFlags f = new PFlags();
        values.forEach(v -> f.value(v, null));
        booleans.forEach(b -> f.bool(b, null));
        f.parse(args);
        List<String> words = f.args();
        boolean leadingWord = !args.isEmpty() && !args.get(0).startsWith("-");
        if (words.size() > (leadingWord ? 1 : 0)) {
            throw new IllegalArgumentException(binary + ": unexpected argument \"" + words.get(words.size() - 1)
                + "\" (flags are --name=value)");
        }
        return new ControllerArgs(f);
    }

    String string(String name, String dflt) {
        return flags.string(name, dflt);
    }

    int integer(String name, int dflt) {
        return flags.integer(name, dflt);
    }

    /** knetsim's own {@code --upstream-mode=endpoints|service}. */
    UpstreamMode upstreamMode(UpstreamMode dflt) {
        String v = flags.string("upstream-mode", null);
        if (v == null) {
            return dflt;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "endpoints" -> UpstreamMode.ENDPOINTS;
            case "service" -> UpstreamMode.SERVICE;
            default -> throw new IllegalArgumentException("invalid argument \"" + v
                + "\" for \"--upstream-mode\" flag: expected endpoints or service");
        };
    }
}
