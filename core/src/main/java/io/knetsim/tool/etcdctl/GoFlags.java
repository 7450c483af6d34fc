package io.knetsim.tool.etcdctl;

import io.knetsim.tool.UsageException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Flags read as Go's {@code flag} package (under etcdctl's urfave/cli) reads them:
 * {@code -name}, {@code --name}, {@code --name=value} or {@code --name value}; a boolean takes
 * no separate value; the first word that is not a flag (or {@code --}) ends the flags.
 */
final class GoFlags {
    private final Map<String, String> canonical = new HashMap<>();
    private final Map<String, Boolean> isBool = new HashMap<>();
    private final Map<String, String> values = new HashMap<>();
    private final List<String> args = new ArrayList<>();

    /** Declares a flag and its aliases; the first name is the one values are kept under. */
    GoFlags flag(boolean bool, String... names) {
        for (String n : names) {
            canonical.put(n, names[0]);
        }
        isBool.put(names[0], bool);
        return this;
    }

    /** Parses {@code words}; the rest after the flags are {@link #args()}. */
    GoFlags parse(List<String> words) {
        int i = 0;
        while (i < words.size()) {
            String w = words.get(i);
            if (w.equals("--")) {
                i++;
                break;
            }
            if (!w.startsWith("-") || w.equals("-")) {
                break;
            }
            String name = w.startsWith("--") ? w.substring(2) : w.substring(1);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            String c = canonical.get(name);
            if (c == null) {
                throw new UsageException("Incorrect Usage: flag provided but not defined: -" + name, 1);
            }
            if (isBool.get(c)) {
                values.put(c, value == null ? "true" : value);
            } else {
                if (value == null) {
                    if (i + 1 >= words.size()) {
                        throw new UsageException("Incorrect Usage: flag needs an argument: -" + name, 1);
                    }
                    value = words.get(++i);
                }
                values.put(c, value);
            }
            i++;
        }
        args.addAll(words.subList(i, words.size()));
        return this;
    }

    List<String> args() {
        return args;
    }

    String string(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    boolean bool(String name) {
        String v = values.get(name);
        if (v == null) {
            return false;
        }
        return switch (v) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new UsageException("Incorrect Usage: invalid boolean value \"" + v + "\" for -" + name, 1);
        };
    }

    long integer(String name) {
        String v = values.get(name);
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException("Incorrect Usage: invalid value \"" + v + "\" for flag -" + name
                + ": parse error", 1);
        }
    }
}
