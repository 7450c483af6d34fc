package io.knetsim.scenarios.scenario;

/**
 * What a step must show: its exit status, a text its output contains, a regular expression
 * (Java syntax, multi-line: {@code ^} and {@code $} match at line ends) found in its output.
 * Null parts are not checked. Output is what the step printed: standard output, then standard error.
 */
public record Expect(Integer exit, String contains, String matches) {
    /** Nothing is checked. */
    public static final Expect NONE = new Expect(null, null, null);

    public Expect withExit(int code) {
        return new Expect(code, contains, matches);
    }

    public Expect withContains(String text) {
        return new Expect(exit, text, matches);
    }

    public Expect withMatches(String regex) {
        return new Expect(exit, contains, regex);
    }

    /** How many checks this is (0 to 3). */
    public int count() {
        return (exit == null ? 0 : 1) + (contains == null ? 0 : 1) + (matches == null ? 0 : 1);
    }
}
