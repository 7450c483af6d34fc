package io.knetsim.ingress.nginx;

/** How a {@code location} compares its path with the request URI, as nginx's modifiers. */
public enum LocationMatch {
    /** {@code location /p}: the URI starts with the path; the longest such path wins. */
    PREFIX(""),
    /** {@code location = /p}: the URI is exactly the path; wins over every prefix. */
    EXACT("= ");

    private final String modifier;

    LocationMatch(String modifier) {
        this.modifier = modifier;
    }

    /** The modifier as written before the path in nginx.conf ({@code "= "} or nothing). */
    public String modifier() {
        return modifier;
    }
}
