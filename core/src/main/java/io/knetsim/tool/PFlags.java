package io.knetsim.tool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line flags as Go's spf13/pflag reads them, the library under kubectl, the skupper CLI
 * and the Kubernetes controllers: {@code --name=value}, {@code --name value}, {@code -n value},
 * {@code -nvalue}, {@code -n=value}, grouped boolean shorthands ({@code -it}), flags anywhere
 * among the arguments, and {@code --} ending the flags (what follows is {@link #command()}, as
 * {@code kubectl exec POD -- CMD} uses it).
 *
 * <p>Errors are {@link PFlagException}s carrying pflag's own words, e.g.
 * {@code unknown flag: --foo}, {@code unknown shorthand flag: 'x' in -x},
 * {@code flag needs an argument: --name}; each tool wraps them as its CLI framework does
 * (kubectl adds {@code error: } and a {@code See '... --help'} line).
 */
public final class PFlags {
    private record Spec(String name, String shorthand, boolean bool) {
    }

    private final Map<String, Spec> byName = new HashMap<>();
    private final Map<String, Spec> byShort = new HashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> args = new ArrayList<>();
    private List<String> command;

    /** Declares a flag taking a value; {@code shorthand} (one letter) may be null. */
    public PFlags value(String name, String shorthand) {
        return add(new Spec(name, shorthand, false));
    }

    /** Declares a boolean flag; {@code shorthand} may be null. */
    public PFlags bool(String name, String shorthand) {
        return add(new Spec(name, shorthand, true));
    }

    private PFlags add(Spec s) {
        byName.put(s.name, s);
        if (s.shorthand != null) {
            byShort.put(s.shorthand, s);
        }
        return this;
    }

    /** Parses {@code words}; throws {@link PFlagException} with pflag's message on a bad flag. */
    public PFlags parse(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--")) {
                command = List.copyOf(words.subList(i + 1, words.size()));
                break;
            }
            if (w.startsWith("--")) {
                i = parseLong(words, i);
            } else if (w.startsWith("-") && w.length() > 1) {
                i = parseShorts(words, i);
            } else {
                args.add(w);
            }
        }
        return this;
    }

    private int parseLong(List<String> words, int i) {
        String body = words.get(i).substring(2);
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        Spec s = byName.get(name);
        if (s == null) {
            throw new PFlagException("unknown flag: --" + name);
        }
        if (eq >= 0) {
            values.put(name, body.substring(eq + 1));
        } else if (s.bool) {
            values.put(name, "true");
        } else if (i + 1 < words.size()) {
            values.put(name, words.get(++i));
        } else {
            throw new PFlagException("flag needs an argument: --" + name);
        }
        return i;
    }

    private int parseShorts(List<String> words, int i) {
        String w = words.get(i);
        String shorts = w.substring(1);
        for (int j = 0; j < shorts.length(); j++) {
            String c = shorts.substring(j, j + 1);
            Spec s = byShort.get(c);
            if (s == null) {
                throw new PFlagException("unknown shorthand flag: '" + c + "' in " + w);
            }
            String rest = shorts.substring(j + 1);
            if (s.bool) {
                if (rest.startsWith("=")) {
                    values.put(s.name, rest.substring(1));
                    return i;
                }
                values.put(s.name, "true");
            } else {
                if (!rest.isEmpty()) {
                    values.put(s.name, rest.startsWith("=") ? rest.substring(1) : rest);
                } else if (i + 1 < words.size()) {
                    values.put(s.name, words.get(++i));
                } else {
                    throw new PFlagException("flag needs an argument: '" + c + "' in " + w);
                }
                return i;
            }
        }
        return i;
    }

    /** The words that are not flags, before any {@code --}. */
    public List<String> args() {
        return Collections.unmodifiableList(args);
    }

    /** The words after {@code --}, or null when there was none. */
    public List<String> command() {
        return command;
    }

    /** The names of the flags given, in the order first given. */
    public List<String> given() {
        return List.copyOf(values.keySet());
    }

    /** Whether the flag was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The flag's value, or {@code dflt} when it was not given. */
    public String string(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    /** A boolean flag: given and not {@code false}. */
    public boolean bool(String name) {
        String v = values.get(name);
        return v != null && !v.equals("false");
    }

    /**
     * An integer flag, or {@code dflt}; a bad number fails as pflag does:
     * {@code invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax}.
     */
    public int integer(String name, int dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new PFlagException("invalid argument \"" + v + "\" for \"--" + name
                + "\" flag: strconv.ParseInt: parsing \"" + v + "\": invalid syntax");
        }
    }

    /** A flag the command line got wrong, in pflag's words. */
    public static final class PFlagException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** An error with pflag's message. */
        public PFlagException(String message) {
            super(message);
        }
    }
}
