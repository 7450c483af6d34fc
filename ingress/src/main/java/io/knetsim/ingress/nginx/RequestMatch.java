package io.knetsim.ingress.nginx;

import io.knetsim.app.http.HttpHeader;
import io.knetsim.app.http.HttpRequest;
import java.util.Locale;

/**
 * One condition on a request: a header, a cookie, a query parameter or the method equal to a
 * value (case-sensitive, as ingress-nginx's canary checks and the Gateway API's {@code Exact}
 * matches compare it; header names are case-insensitive). nginx's variable for it is
 * {@code $http_x_canary}, {@code $cookie_canary}, {@code $arg_version} or {@code $request_method}.
 *
 * @param kind  what is compared
 * @param name  the header's, cookie's or query parameter's name (unused for the method)
 * @param value the value it must equal
 */
public record RequestMatch(Kind kind, String name, String value) {
    /** A header ({@code $http_NAME}) or a cookie of the {@code Cookie} header ({@code $cookie_NAME}). */
    public enum Kind {
        HEADER, COOKIE, QUERY, METHOD
    }

    public RequestMatch {
        if (kind == null) {
            throw new IllegalArgumentException("request match: kind is required");
        }
        if (kind == Kind.METHOD) {
            name = "method";
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

    /** The query parameter {@code name} equal to {@code value} (the first of that name counts). */
    public static RequestMatch query(String name, String value) {
        return new RequestMatch(Kind.QUERY, name, value);
    }

    /** The request's method equal to {@code method}. */
    public static RequestMatch method(String method) {
        return new RequestMatch(Kind.METHOD, "method", method);
    }

    /** Whether {@code req} meets this condition. */
    public boolean test(HttpRequest req) {
        if (kind == Kind.HEADER) {
            return value.equals(req.header(name));
        }
        if (kind == Kind.METHOD) {
            return value.equals(req.method());
        }
        if (kind == Kind.QUERY) {
            int q = req.target().indexOf('?');
            if (q < 0) {
                return false;
            }
            for (String pair : req.target().substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                if (k.equals(name)) {
                    return value.equals(eq < 0 ? "" : pair.substring(eq + 1));
                }
            }
            return false;
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
        String var = switch (kind) {
            case HEADER -> "$http_" + name.toLowerCase(Locale.ROOT).replace('-', '_');
            case COOKIE -> "$cookie_" + name;
            case QUERY -> "$arg_" + name;
            case METHOD -> "$request_method";
        };
        return var + " = \"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
