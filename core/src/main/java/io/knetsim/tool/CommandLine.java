package io.knetsim.tool;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as a POSIX shell does for quotes and backslashes (no expansion),
 * and takes the leading {@code NAME=value} words as environment assignments for the command, as in
 * {@code NETCONFPATH=/etc/cni/net.d cnitool add mynet /var/run/netns/c1}.
 */
public final class CommandLine {
    private CommandLine() {
    }

    /** A command line split into its prefix assignments and the command's words. */
    public record Parsed(java.util.Map<String, String> env, List<String> words) {
    }

    /**
     * Splits {@code line} and separates the leading assignments: a word {@code NAME=value} whose
     * {@code NAME} is a shell name ({@code [A-Za-z_][A-Za-z0-9_]*}); a later one wins. Unlike a real
     * shell, a quoted {@code 'NAME=value'} counts as an assignment too.
     */
    public static Parsed parse(String line) {
        List<String> words = split(line);
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        int i = 0;
        while (i < words.size() && isAssignment(words.get(i))) {
            String w = words.get(i++);
            int eq = w.indexOf('=');
            env.put(w.substring(0, eq), w.substring(eq + 1));
        }
        return new Parsed(env, words.subList(i, words.size()));
    }

    /** True for {@code NAME=value} with a valid shell name. */
    public static boolean isAssignment(String word) {
        int eq = word.indexOf('=');
        if (eq <= 0) {
            return false;
        }
        for (int i = 0; i < eq; i++) {
            char c = word.charAt(i);
            boolean ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Words of {@code line}; throws {@link UsageException} for an unterminated quote. */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()
                    && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                    cur.append(line.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new UsageException("syntax error: unterminated quoted string", 2);
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }
}
