package io.knetsim.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An HTTPRoute ({@code gateway.networking.k8s.io/v1}): HTTP rules attached to Gateways.
 * <pre>
 * {"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"shop","namespace":"default"},
 *  "spec":{"parentRefs":[{"name":"web"}],"hostnames":["shop.example.com"],
 *          "rules":[{"matches":[{"path":{"type":"PathPrefix","value":"/"},
 *                                "headers":[{"name":"X-Env","value":"canary"}]}],
 *                    "backendRefs":[{"name":"blue","port":80,"weight":90},{"name":"green","port":80,"weight":10}]}]}}
 * </pre>
 * The API server fills the CRD's defaults: a rule without matches gets one {@code PathPrefix /}
 * match, a match without a path gets {@code PathPrefix /}, a header or query match without a type
 * {@code Exact}, a backendRef without a weight 1, a parentRef without group and kind the
 * Gateway's. It checks paths (absolute, for Exact and PathPrefix), types, hostnames and weights
 * with the CRD's messages. Filters, timeouts and {@code RegularExpression} matches are not
 * modelled (a regex match never matches here), nor is the status.
 */
public record HTTPRoute(String apiVersion, String kind, ObjectMeta metadata, HTTPRouteSpec spec)
    implements KubeObject<HTTPRoute> {

    public static final String PATH_PREFIX = "PathPrefix";
    public static final String EXACT = "Exact";
    public static final String REGULAR_EXPRESSION = "RegularExpression";
    static final String HOSTNAME_MSG = "should match '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'";
    private static final Pattern HOSTNAME =
        Pattern.compile("^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern HEADER_NAME = Pattern.compile("^[A-Za-z0-9!#$%&'*+\\-.^_`|~]+$");

    public static final ResourceType<HTTPRoute> TYPE = new ResourceType<>("gateway.networking.k8s.io", "v1",
        "HTTPRoute", "httproutes", true, false, HTTPRoute.class, HTTPRoute::withDefaults, Validation::dns1123Subdomain,
        HTTPRoute::validate);

    public HTTPRoute {
        apiVersion = apiVersion == null ? "gateway.networking.k8s.io/v1" : apiVersion;
        kind = kind == null ? "HTTPRoute" : kind;
    }

    public static HTTPRoute of(ObjectMeta metadata, List<ParentReference> parents, List<String> hostnames,
                               HTTPRouteRule... rules) {
        return new HTTPRoute(null, null, metadata, new HTTPRouteSpec(parents, hostnames, List.of(rules)));
    }

    @Override
    public HTTPRoute withMetadata(ObjectMeta m) {
        return new HTTPRoute(apiVersion, kind, m, spec);
    }

    public HTTPRoute withSpec(HTTPRouteSpec s) {
        return new HTTPRoute(apiVersion, kind, metadata, s);
    }

    /** {@code spec}: the Gateways it attaches to, its hostnames and its rules. */
    public record HTTPRouteSpec(List<ParentReference> parentRefs, List<String> hostnames, List<HTTPRouteRule> rules) {
        public HTTPRouteSpec {
            parentRefs = parentRefs == null ? List.of() : List.copyOf(parentRefs);
            hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    /**
     * A parent: a Gateway by {@code name} (in {@code namespace}, the route's own by default),
     * optionally one listener of it ({@code sectionName}) or the listeners of one {@code port}.
     */
    public record ParentReference(String group, String kind, String namespace, String name, String sectionName,
                                  Integer port) {
        public static ParentReference gateway(String name) {
            return new ParentReference(null, null, null, name, null, null);
        }
    }

    /** A rule: any of its matches takes a request to its backends. */
    public record HTTPRouteRule(List<HTTPRouteMatch> matches, List<HTTPBackendRef> backendRefs) {
        public HTTPRouteRule {
            matches = matches == null ? List.of() : List.copyOf(matches);
            backendRefs = backendRefs == null ? List.of() : List.copyOf(backendRefs);
        }

        public static HTTPRouteRule of(List<HTTPRouteMatch> matches, HTTPBackendRef... backends) {
            return new HTTPRouteRule(matches, List.of(backends));
        }
    }

    /** One match: a path, and headers, query parameters and a method that must all hold too. */
    public record HTTPRouteMatch(HTTPPathMatch path, List<HTTPHeaderMatch> headers,
                                 List<HTTPQueryParamMatch> queryParams, String method) {
        public HTTPRouteMatch {
            headers = headers == null ? List.of() : List.copyOf(headers);
            queryParams = queryParams == null ? List.of() : List.copyOf(queryParams);
        }

        public static HTTPRouteMatch path(String type, String value, HTTPHeaderMatch... headers) {
            return new HTTPRouteMatch(new HTTPPathMatch(type, value), List.of(headers), null, null);
        }
    }

    /** {@code path}: {@code type} Exact, PathPrefix or RegularExpression, and its {@code value}. */
    public record HTTPPathMatch(String type, String value) {
    }

    /** A header that must be present with a value ({@code type} Exact or RegularExpression). */
    public record HTTPHeaderMatch(String type, String name, String value) {
        public static HTTPHeaderMatch exact(String name, String value) {
            return new HTTPHeaderMatch(EXACT, name, value);
        }
    }

    /** A query parameter that must be present with a value. */
    public record HTTPQueryParamMatch(String type, String name, String value) {
    }

    /** A backend: a Service of the route's namespace (or {@code namespace}) and port, with a weight. */
    public record HTTPBackendRef(String group, String kind, String name, String namespace, Integer port,
                                 Integer weight) {
        public static HTTPBackendRef service(String name, int port, int weight) {
            return new HTTPBackendRef(null, null, name, null, port, weight);
        }
    }

    /** Whether {@code h} is a Gateway API hostname: a DNS name, or {@code *.} and one. */
    public static boolean validHostname(String h) {
        return h != null && h.length() <= 253 && HOSTNAME.matcher(h).matches();
    }

    private HTTPRoute withDefaults() {
        if (spec == null) {
            return this;
        }
        List<ParentReference> parents = new ArrayList<>();
        for (ParentReference p : spec.parentRefs()) {
            parents.add(new ParentReference(p.group() == null ? "gateway.networking.k8s.io" : p.group(),
                p.kind() == null ? "Gateway" : p.kind(), p.namespace(), p.name(), p.sectionName(), p.port()));
        }
        List<HTTPRouteRule> rules = new ArrayList<>();
        for (HTTPRouteRule r : spec.rules()) {
            List<HTTPRouteMatch> ms = new ArrayList<>();
            for (HTTPRouteMatch m : r.matches().isEmpty()
                ? List.of(new HTTPRouteMatch(null, null, null, null)) : r.matches()) {
                HTTPPathMatch p = m.path() == null ? new HTTPPathMatch(PATH_PREFIX, "/")
                    : new HTTPPathMatch(m.path().type() == null ? PATH_PREFIX : m.path().type(),
                        m.path().value() == null ? "/" : m.path().value());
                ms.add(new HTTPRouteMatch(p,
                    m.headers().stream().map(h -> new HTTPHeaderMatch(h.type() == null ? EXACT : h.type(), h.name(),
                        h.value())).toList(),
                    m.queryParams().stream().map(q -> new HTTPQueryParamMatch(q.type() == null ? EXACT : q.type(),
                        q.name(), q.value())).toList(), m.method()));
            }
            List<HTTPBackendRef> bs = new ArrayList<>();
            for (HTTPBackendRef b : r.backendRefs()) {
                bs.add(new HTTPBackendRef(b.group() == null ? "" : b.group(), b.kind() == null ? "Service" : b.kind(),
                    b.name(), b.namespace(), b.port(), b.weight() == null ? 1 : b.weight()));
            }
            rules.add(new HTTPRouteRule(ms, bs));
        }
        return withSpec(new HTTPRouteSpec(parents, spec.hostnames(), rules));
    }

    private static List<FieldError> validate(HTTPRoute r) {
        List<FieldError> errs = new ArrayList<>();
        HTTPRouteSpec s = r.spec() == null ? new HTTPRouteSpec(null, null, null) : r.spec();
        for (int i = 0; i < s.parentRefs().size(); i++) {
            ParentReference p = s.parentRefs().get(i);
            if (p.name() == null || p.name().isEmpty()) {
                errs.add(FieldError.required("spec.parentRefs[" + i + "].name", ""));
            }
        }
        for (int i = 0; i < s.hostnames().size(); i++) {
            if (!validHostname(s.hostnames().get(i))) {
                errs.add(FieldError.invalid("spec.hostnames[" + i + "]", s.hostnames().get(i), HOSTNAME_MSG));
            }
        }
        for (int i = 0; i < s.rules().size(); i++) {
            HTTPRouteRule rule = s.rules().get(i);
            for (int j = 0; j < rule.matches().size(); j++) {
                match(rule.matches().get(j), "spec.rules[" + i + "].matches[" + j + "]", errs);
            }
            for (int j = 0; j < rule.backendRefs().size(); j++) {
                HTTPBackendRef b = rule.backendRefs().get(j);
                String at = "spec.rules[" + i + "].backendRefs[" + j + "]";
                if (b.name() == null || b.name().isEmpty()) {
                    errs.add(FieldError.required(at + ".name", ""));
                }
                if ((b.kind() == null || b.kind().equals("Service")) && (b.group() == null || b.group().isEmpty())
                    && b.port() == null) {
                    errs.add(FieldError.invalid(at, null, "Must have port for Service reference"));
                }
                if (b.weight() != null && (b.weight() < 0 || b.weight() > 1000000)) {
                    errs.add(FieldError.invalid(at + ".weight", b.weight(), b.weight() < 0
                        ? at + ".weight in body should be greater than or equal to 0"
                        : at + ".weight in body should be less than or equal to 1000000"));
                }
            }
        }
        return errs;
    }

    private static void match(HTTPRouteMatch m, String at, List<FieldError> errs) {
        if (m.path() != null) {
            String type = m.path().type();
            String value = m.path().value();
            if (!List.of(EXACT, PATH_PREFIX, REGULAR_EXPRESSION).contains(type)) {
                errs.add(FieldError.notSupported(at + ".path.type", type, EXACT, PATH_PREFIX, REGULAR_EXPRESSION));
            } else if (!type.equals(REGULAR_EXPRESSION) && (value == null || !value.startsWith("/"))) {
                errs.add(FieldError.invalid(at + ".path", "object",
                    "value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']"));
            } else if (!type.equals(REGULAR_EXPRESSION) && (value.contains("//") || value.contains("/./")
                || value.contains("/../") || value.contains("%2f") || value.contains("%2F") || value.contains("#")
                || value.endsWith("/..") || value.endsWith("/."))) {
                errs.add(FieldError.invalid(at + ".path", "object", "must not contain '//', '/./', '/../', '%2f', '%2F' "
                    + "or '#', nor end with '/..' or '/.' when type one of ['Exact', 'PathPrefix']"));
            }
        }
        for (int k = 0; k < m.headers().size(); k++) {
            HTTPHeaderMatch h = m.headers().get(k);
            String hat = at + ".headers[" + k + "]";
            if (h.name() == null || !HEADER_NAME.matcher(h.name()).matches()) {
                errs.add(FieldError.invalid(hat + ".name", h.name(), "should match '^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$'"));
            }
            if (h.value() == null) {
                errs.add(FieldError.required(hat + ".value", ""));
            }
            if (h.type() != null && !List.of(EXACT, REGULAR_EXPRESSION).contains(h.type())) {
                errs.add(FieldError.notSupported(hat + ".type", h.type(), EXACT, REGULAR_EXPRESSION));
            }
        }
        for (int k = 0; k < m.queryParams().size(); k++) {
            HTTPQueryParamMatch q = m.queryParams().get(k);
            if (q.name() == null || q.name().isEmpty()) {
                errs.add(FieldError.required(at + ".queryParams[" + k + "].name", ""));
            }
            if (q.value() == null) {
                errs.add(FieldError.required(at + ".queryParams[" + k + "].value", ""));
            }
        }
        if (m.method() != null && !List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
            "PATCH").contains(m.method())) {
            errs.add(FieldError.notSupported(at + ".method", m.method(), "GET", "HEAD", "POST", "PUT", "DELETE",
                "CONNECT", "OPTIONS", "TRACE", "PATCH"));
        }
    }
}
