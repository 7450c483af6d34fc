package io.knetsim.skupper.site;

/**
 * A refusal by a skupper verb, with the text the {@code skupper} CLI prints after
 * {@code Error: } (for example {@code Skupper is not enabled in namespace 'default'}). The
 * site's configuration, its router and the clusters' objects are as they were before the verb.
 */
public final class SkupperException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what the CLI prints after {@code Error: } */
    public SkupperException(String message) {
        super(message);
    }

    static SkupperException notEnabled(String namespace) {
        return new SkupperException("Skupper is not enabled in namespace '" + namespace + "'");
    }
}
