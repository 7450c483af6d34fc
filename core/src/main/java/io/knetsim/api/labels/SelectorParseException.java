package io.knetsim.api.labels;

/**
 * A label selector that does not parse, with apimachinery's message, e.g.
 * {@code unable to parse requirement: found '', expected: identifier}.
 */
public final class SelectorParseException extends IllegalArgumentException {
    public SelectorParseException(String message) {
        super(message);
    }
}
