package io.knetsim.api.labels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A parsed label selector: requirements that must all hold (sorted by key, as apimachinery keeps
 * them). {@link #parse} reads kubectl's {@code -l} syntax:
 * <pre>
 *   selector    ::= requirement ( "," requirement )*
 *   requirement ::= [!] KEY [ ("in" | "notin") "(" VALUES ")" | ("=" | "==" | "!=" | "&gt;" | "&lt;") VALUE ]
 *   e.g.  app=web,tier!=db,env in (prod,staging),!canary,track
 * </pre>
 * The empty selector matches everything.
 */
public final class Selector {
    private static final Selector EVERYTHING = new Selector(List.of());
    private final List<Requirement> requirements;

    Selector(List<Requirement> requirements) {
        List<Requirement> r = new ArrayList<>(requirements);
        r.sort(Comparator.comparing(Requirement::key));
        this.requirements = List.copyOf(r);
    }

    /** Matches every object. */
    public static Selector everything() {
        return EVERYTHING;
    }

    /** Parses {@code text}; throws {@link SelectorParseException} with apimachinery's message. */
    public static Selector parse(String text) {
        return new Selector(new SelectorParser(text).parse());
    }

    /** {@code key=value} for every entry (what {@code matchLabels} means). */
    public static Selector fromSet(Map<String, String> labels) {
        List<Requirement> r = new ArrayList<>();
        labels.forEach((k, v) -> r.add(new Requirement(k, Operator.EQUALS, List.of(v))));
        return new Selector(r);
    }

    /** This selector and {@code more}, all of which must hold. */
    public Selector and(List<Requirement> more) {
        List<Requirement> r = new ArrayList<>(requirements);
        r.addAll(more);
        return new Selector(r);
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** The canonical text: requirements by key, joined with commas. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Requirement r : requirements) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(r);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Selector s && s.requirements.equals(requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }
}
