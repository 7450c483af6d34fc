package io.knetsim.api;

import java.util.List;

/**
 * An Ingress ({@code networking.k8s.io/v1}): HTTP routes from hosts and paths to Service ports,
 * which an ingress controller turns into its proxy's configuration.
 * <pre>
 * {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web","namespace":"default"},
 *  "spec":{"ingressClassName":"nginx",
 *          "rules":[{"host":"foo.example.com","http":{"paths":[
 *              {"path":"/api","pathType":"Prefix","backend":{"service":{"name":"api","port":{"number":80}}}}]}}]}}
 * </pre>
 * The API server checks it as {@code ValidateIngressCreate} does ({@link IngressValidation}); it
 * has no defaults in v1 (pathType is required).
 */
public record Ingress(String apiVersion, String kind, ObjectMeta metadata, IngressSpec spec)
    implements KubeObject<Ingress> {

    /** The annotation that marks an Ingress as a canary of another one for the same host and path (ingress-nginx). */
    public static final String CANARY = "nginx.ingress.kubernetes.io/canary";
    /** The share (0-100) of requests a canary Ingress takes (ingress-nginx). */
    public static final String CANARY_WEIGHT = "nginx.ingress.kubernetes.io/canary-weight";
    /** The request header that sends a request to the canary ({@code always}) or away from it ({@code never}). */
    public static final String CANARY_BY_HEADER = "nginx.ingress.kubernetes.io/canary-by-header";
    /** The value of {@link #CANARY_BY_HEADER} that sends a request to the canary (instead of {@code always}). */
    public static final String CANARY_BY_HEADER_VALUE = "nginx.ingress.kubernetes.io/canary-by-header-value";
    /** The cookie that sends a request to the canary ({@code always}) or away from it ({@code never}). */
    public static final String CANARY_BY_COOKIE = "nginx.ingress.kubernetes.io/canary-by-cookie";

    public static final ResourceType<Ingress> TYPE = new ResourceType<>("networking.k8s.io", "v1", "Ingress",
        "ingresses", true, false, Ingress.class, i -> i, Validation::dns1123Subdomain, IngressValidation::validate,
        java.util.Map.of());

    public Ingress {
        apiVersion = apiVersion == null ? "networking.k8s.io/v1" : apiVersion;
        kind = kind == null ? "Ingress" : kind;
    }

    public static Ingress of(ObjectMeta metadata, IngressSpec spec) {
        return new Ingress(null, null, metadata, spec);
    }

    @Override
    public Ingress withMetadata(ObjectMeta m) {
        return new Ingress(apiVersion, kind, m, spec);
    }

    public Ingress withSpec(IngressSpec s) {
        return new Ingress(apiVersion, kind, metadata, s);
    }

    /** {@code spec}: the class, the backend for requests no rule takes, and the rules. */
    public record IngressSpec(String ingressClassName, IngressBackend defaultBackend, List<IngressRule> rules) {
        public IngressSpec {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    /** One rule: a host (exact, {@code *.example.com}, or none for every host) and its paths. */
    public record IngressRule(String host, HTTPIngressRuleValue http) {
        public static IngressRule of(String host, HTTPIngressPath... paths) {
            return new IngressRule(host, new HTTPIngressRuleValue(List.of(paths)));
        }
    }

    /** {@code http}: the paths of a rule. */
    public record HTTPIngressRuleValue(List<HTTPIngressPath> paths) {
        public HTTPIngressRuleValue {
            paths = paths == null ? List.of() : List.copyOf(paths);
        }
    }

    /** One path: {@code path}, {@code pathType} (Exact, Prefix, ImplementationSpecific) and its backend. */
    public record HTTPIngressPath(String path, String pathType, IngressBackend backend) {
        public static final String EXACT = "Exact";
        public static final String PREFIX = "Prefix";
        public static final String IMPLEMENTATION_SPECIFIC = "ImplementationSpecific";

        public static HTTPIngressPath of(String path, String pathType, String service, int port) {
            return new HTTPIngressPath(path, pathType, IngressBackend.service(service, port));
        }
    }

    /** A backend: a Service port (resource backends are not modelled). */
    public record IngressBackend(IngressServiceBackend service) {
        public static IngressBackend service(String name, int port) {
            return new IngressBackend(new IngressServiceBackend(name, new ServiceBackendPort(null, port)));
        }

        public static IngressBackend service(String name, String portName) {
            return new IngressBackend(new IngressServiceBackend(name, new ServiceBackendPort(portName, null)));
        }
    }

    /** {@code service}: a Service of the Ingress's namespace and one of its ports. */
    public record IngressServiceBackend(String name, ServiceBackendPort port) {
    }

    /** {@code port}: a Service port by {@code number} or by {@code name}, never both. */
    public record ServiceBackendPort(String name, Integer number) {
    }
}
