package io.knetsim.tool.iproute;

/**
 * The verbs {@code ip route} and {@code ip neigh} share, matched by prefix in iproute2's
 * order ({@code a} is add, {@code s} is show), plus {@code chg} for change.
 */
enum Verb {
    ADD, CHANGE, REPLACE, DELETE, SHOW, LIST, LST, GET, FLUSH, HELP;

    /** The verb {@code word} abbreviates, or null. */
    static Verb of(String word) {
        if (word.equals("chg")) {
            return CHANGE;
        }
        for (Verb v : values()) {
            if (IpParse.matches(word, v.name().toLowerCase(java.util.Locale.ROOT))) {
                return v == LIST || v == LST ? SHOW : v;
            }
        }
        return null;
    }
}
