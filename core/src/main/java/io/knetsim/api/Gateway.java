package io.knetsim.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Gateway ({@code gateway.networking.k8s.io/v1}): where a class of proxies listens, and which
 * routes may attach.
 * <pre>
 * {"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway","metadata":{"name":"web","namespace":"default"},
 *  "spec":{"gatewayClassName":"nginx",
 *          "listeners":[{"name":"http","protocol":"HTTP","port":80,"hostname":"*.example.com",
 *                        "allowedRoutes":{"namespaces":{"from":"Same"}}}]}}
 * </pre>
 * The API server checks it as the CRD's schema does: a class name, 1 to 64 listeners with unique
 * names, ports 1-65535, a protocol. Only HTTP listeners are served (TLS, HTTPS, TCP and UDP are
 * not modelled); {@code allowedRoutes.namespaces.from} is {@code Same} (the default) or
 * {@code All} ({@code Selector} is not modelled and admits none). Addresses, infrastructure and
 * status are not modelled.
 */
public record Gateway(String apiVersion, String kind, ObjectMeta metadata, GatewaySpec spec)
    implements KubeObject<Gateway> {

    public static final ResourceType<Gateway> TYPE = new ResourceType<>("gateway.networking.k8s.io", "v1",
        "Gateway", "gateways", true, false, Gateway.class, Gateway::withDefaults, Validation::dns1123Subdomain,
        Gateway::validate);

    public Gateway {
        apiVersion = apiVersion == null ? "gateway.networking.k8s.io/v1" : apiVersion;
        kind = kind == null ? "Gateway" : kind;
    }

    public static Gateway of(ObjectMeta metadata, String gatewayClassName, Listener... listeners) {
        return new Gateway(null, null, metadata, new GatewaySpec(gatewayClassName, List.of(listeners)));
    }

    @Override
    public Gateway withMetadata(ObjectMeta m) {
        return new Gateway(apiVersion, kind, m, spec);
    }

    /** {@code spec}: the class and the listeners. */
    public record GatewaySpec(String gatewayClassName, List<Listener> listeners) {
        public GatewaySpec {
            listeners = listeners == null ? List.of() : List.copyOf(listeners);
        }
    }

    /**
     * One listener: a name, a port and protocol, an optional hostname (exact or {@code *.domain})
     * that attached routes' hostnames must fit, and which namespaces' routes may attach.
     */
    public record Listener(String name, String hostname, Integer port, String protocol, AllowedRoutes allowedRoutes) {
        /** An HTTP listener admitting routes of the Gateway's namespace. */
        public static Listener http(String name, String hostname, int port) {
            return new Listener(name, hostname, port, "HTTP", null);
        }

        /** {@code allowedRoutes.namespaces.from}: {@code Same} unless set. */
        public String from() {
            return allowedRoutes == null || allowedRoutes.namespaces() == null || allowedRoutes.namespaces().from() == null
                ? "Same" : allowedRoutes.namespaces().from();
        }
    }

    /** {@code allowedRoutes}. */
    public record AllowedRoutes(RouteNamespaces namespaces) {
        public static AllowedRoutes from(String from) {
            return new AllowedRoutes(new RouteNamespaces(from));
        }
    }

    /** {@code allowedRoutes.namespaces}: {@code from} Same, All or Selector. */
    public record RouteNamespaces(String from) {
    }

    private Gateway withDefaults() {
        if (spec == null) {
            return this;
        }
        List<Listener> ls = new ArrayList<>();
        for (Listener l : spec.listeners()) {
            ls.add(l.allowedRoutes() == null ? new Listener(l.name(), l.hostname(), l.port(), l.protocol(),
                AllowedRoutes.from("Same")) : l);
        }
        return new Gateway(apiVersion, kind, metadata, new GatewaySpec(spec.gatewayClassName(), ls));
    }

    private static List<FieldError> validate(Gateway g) {
        List<FieldError> errs = new ArrayList<>();
        GatewaySpec s = g.spec() == null ? new GatewaySpec(null, null) : g.spec();
        if (s.gatewayClassName() == null || s.gatewayClassName().isEmpty()) {
            errs.add(FieldError.required("spec.gatewayClassName", ""));
        }
        if (s.listeners().isEmpty()) {
            errs.add(FieldError.invalid("spec.listeners", 0, "spec.listeners in body should have at least 1 items"));
        } else if (s.listeners().size() > 64) {
            errs.add(FieldError.invalid("spec.listeners", s.listeners().size(), "must have at most 64 items"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < s.listeners().size(); i++) {
            Listener l = s.listeners().get(i);
            String at = "spec.listeners[" + i + "]";
            if (l.name() == null || l.name().isEmpty()) {
                errs.add(FieldError.required(at + ".name", ""));
            } else if (!names.add(l.name())) {
                errs.add(FieldError.invalid("spec.listeners", null, "Listener name must be unique within the Gateway"));
            }
            if (l.port() == null) {
                errs.add(FieldError.required(at + ".port", ""));
            } else if (l.port() < 1 || l.port() > 65535) {
                errs.add(FieldError.invalid(at + ".port", l.port(), l.port() < 1
                    ? "spec.listeners[" + i + "].port in body should be greater than or equal to 1"
                    : "spec.listeners[" + i + "].port in body should be less than or equal to 65535"));
            }
            if (l.protocol() == null || l.protocol().isEmpty()) {
                errs.add(FieldError.required(at + ".protocol", ""));
            }
            String from = l.from();
            if (!List.of("All", "Same", "Selector").contains(from)) {
                errs.add(FieldError.notSupported(at + ".allowedRoutes.namespaces.from", from, "All", "Selector", "Same"));
            }
            if (l.hostname() != null && !HTTPRoute.validHostname(l.hostname())) {
                errs.add(FieldError.invalid(at + ".hostname", l.hostname(), HTTPRoute.HOSTNAME_MSG));
            }
        }
        return errs;
    }
}
