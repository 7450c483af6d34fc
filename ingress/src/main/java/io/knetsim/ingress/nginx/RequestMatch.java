package io.knetsim.ingress.nginx;

import io.knetsim.app.http.HttpHeader;
import io.knetsim.app.http.HttpRequest;
import java.util.Locale;

/**
 * One condition on a request: a header, or a cookie, equal to a value (case-sensitive, as
 * ingress-nginx's canary checks and the Gateway API's {@code Exact} header match compare it;
 * header names are case-insensitive). nginx's variable for it is {@code $http_x_canary} or
 * {@code $cookie_canary}.
 *
 * @param kind  what is compared
 * @param name  the header's or the cookie's name
 * @param value the value it must equal
 */
public record RequestMatch(Kind kind, String name, String value) {
    /** A header ({@code $http_NAME}) or a cookie of the {@code Cookie} header ({@code $cookie_NAME}). */
    public enum Kind {
        HEADER, COOKIE
    }

    public RequestMatch {
        if (kind == null) {
            throw new IllegalArgumentException("request match: kind is required");
        }
        if (name == null || !name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            throw new IllegalArgumentException("request match: invalid " + kind.name().toLowerCase(Locale.ROOT)
                + " name \"" + name + "\" (expected an HTTP token)");
        }
        if (value == null) {
            throw new IllegalArgumentException("request match " + name + ": value is required");
        }
    }

    /** The header {@code name} equal to {@code value}. */
    public static RequestMatch header(String name, String value) {
        return new RequestMatch(Kind.HEADER, name, value);
    }

    /** The cookie {@code name} equal to {@code value}. */
    public static RequestMatch cookie(String name, String value) {
        return new RequestMatch(Kind.COOKIE, name, value);
    }

    /** Whether {@code req} meets this condition. */
    public boolean test(HttpRequest req) {
        if (kind == Kind.HEADER) {
            return value.equals(req.header(name));
        }
        for (HttpHeader h : req.headers()) {
            if (!h.name().equalsIgnoreCase("Cookie")) {
                continue;
            }
            for (String pair : h.value().split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equals(name) && pair.substring(eq + 1).strip().equals(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** As nginx would write the test: {@code $http_x_canary = "always"}. */
    public String render() {
        String var = kind == Kind.HEADER ? "$http_" + name.toLowerCase(Locale.ROOT).replace('-', '_') : "$cookie_" + name;
        return var + " = \"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
