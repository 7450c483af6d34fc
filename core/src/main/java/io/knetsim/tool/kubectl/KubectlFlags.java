package io.knetsim.tool.kubectl;

import io.knetsim.tool.UsageException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * kubectl's command-line flags (spf13/pflag): {@code --name=value}, {@code --name value},
 * {@code -n value}, {@code -nvalue}, {@code -n=value}, grouped boolean shorthands
 * ({@code -it}), flags anywhere among the arguments, and {@code --} ending the flags (what
 * follows is {@link #command()}, as {@code kubectl exec POD -- CMD} uses it). Unknown flags fail
 * as pflag does: {@code error: unknown flag: --foo} and {@code error: unknown shorthand flag: 'x' in -x}.
 */
final class KubectlFlags {
    private record Spec(String name, String shorthand, boolean bool) {
    }

    private final Map<String, Spec> byName = new HashMap<>();
    private final Map<String, Spec> byShort = new HashMap<>();
    private final Map<String, String> values = new HashMap<>();
    private final List<String> args = new ArrayList<>();
    private List<String> command;

    /** Declares a flag taking a value; {@code shorthand} may be null. */
    KubectlFlags value(String name, String shorthand) {
        return add(new Spec(name, shorthand, false));
    }

    /** Declares a boolean flag. */
    KubectlFlags bool(String name, String shorthand) {
        return add(new Spec(name, shorthand, true));
    }

    private KubectlFlags add(Spec s) {
        byName.put(s.name, s);
        if (s.shorthand != null) {
            byShort.put(s.shorthand, s);
        }
        return this;
    }

    /** Parses {@code words}; errors are {@link UsageException}s with kubectl's message and status 1. */
    KubectlFlags parse(List<String> words, String commandPath) {
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--")) {
                command = List.copyOf(words.subList(i + 1, words.size()));
                break;
            }
            if (w.startsWith("--")) {
                String body = w.substring(2);
                int eq = body.indexOf('=');
                String name = eq < 0 ? body : body.substring(0, eq);
                Spec s = byName.get(name);
                if (s == null) {
                    throw usage("unknown flag: --" + name, commandPath);
                }
                if (eq >= 0) {
                    values.put(name, body.substring(eq + 1));
                } else if (s.bool) {
                    values.put(name, "true");
                } else if (i + 1 < words.size()) {
                    values.put(name, words.get(++i));
                } else {
                    throw usage("flag needs an argument: --" + name, commandPath);
                }
            } else if (w.startsWith("-") && w.length() > 1) {
                String shorts = w.substring(1);
                for (int j = 0; j < shorts.length(); j++) {
                    String c = shorts.substring(j, j + 1);
                    Spec s = byShort.get(c);
                    if (s == null) {
                        throw usage("unknown shorthand flag: '" + c + "' in " + w, commandPath);
                    }
                    String rest = shorts.substring(j + 1);
                    if (s.bool) {
                        if (rest.startsWith("=")) {
                            values.put(s.name, rest.substring(1));
                            break;
                        }
                        values.put(s.name, "true");
                    } else {
                        if (!rest.isEmpty()) {
                            values.put(s.name, rest.startsWith("=") ? rest.substring(1) : rest);
                        } else if (i + 1 < words.size()) {
                            values.put(s.name, words.get(++i));
                        } else {
                            throw usage("flag needs an argument: '" + c + "' in " + w, commandPath);
                        }
                        break;
                    }
                }
            } else {
                args.add(w);
            }
        }
        return this;
    }

    private static UsageException usage(String msg, String commandPath) {
        return new UsageException("error: " + msg + "\nSee '" + commandPath + " --help' for usage.", 1);
    }

    /** The words that are not flags, before any {@code --}. */
    List<String> args() {
        return args;
    }

    /** The words after {@code --}, or null when there was none. */
    List<String> command() {
        return command;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    boolean bool(String name) {
        String v = values.get(name);
        return v != null && !v.equals("false");
    }

    /** An integer flag: {@code error: invalid argument "x" for "--replicas" flag: strconv.ParseInt: ...}. */
    int integer(String name, int dflt, String commandPath) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("error: invalid argument \"" + v + "\" for \"--" + name
                + "\" flag: strconv.ParseInt: parsing \"" + v + "\": invalid syntax\nSee '" + commandPath
                + " --help' for usage.", 1);
        }
    }
}
