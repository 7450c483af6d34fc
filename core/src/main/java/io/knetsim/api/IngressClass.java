package io.knetsim.api;

import java.util.ArrayList;
import java.util.List;

/**
 * An IngressClass ({@code networking.k8s.io/v1}, cluster-scoped): names a class of Ingresses and
 * the controller that serves it. An Ingress picks its class by {@code spec.ingressClassName}; a
 * controller serves the classes whose {@code spec.controller} is its own
 * ({@code k8s.io/ingress-nginx} for ingress-nginx).
 * <pre>
 * {"apiVersion":"networking.k8s.io/v1","kind":"IngressClass","metadata":{"name":"nginx"},
 *  "spec":{"controller":"k8s.io/ingress-nginx"}}
 * </pre>
 * The API server checks {@code spec.controller} as {@code ValidateIngressClass} does: required,
 * a domain-prefixed path, at most 250 characters. {@code spec.parameters} is not modelled.
 */
public record IngressClass(String apiVersion, String kind, ObjectMeta metadata, IngressClassSpec spec)
    implements KubeObject<IngressClass> {

    /** The annotation that makes a class the cluster's default. */
    public static final String IS_DEFAULT_CLASS = "ingressclass.kubernetes.io/is-default-class";

    public static final ResourceType<IngressClass> TYPE = new ResourceType<>("networking.k8s.io", "v1",
        "IngressClass", "ingressclasses", false, false, IngressClass.class, c -> c, Validation::dns1123Subdomain,
        IngressClass::validate);

    public IngressClass {
        apiVersion = apiVersion == null ? "networking.k8s.io/v1" : apiVersion;
        kind = kind == null ? "IngressClass" : kind;
    }

    /** The class {@code name} served by {@code controller}. */
    public static IngressClass of(String name, String controller) {
        return new IngressClass(null, null, ObjectMeta.of(null, name), new IngressClassSpec(controller));
    }

    @Override
    public IngressClass withMetadata(ObjectMeta m) {
        return new IngressClass(apiVersion, kind, m, spec);
    }

    /** The controller, or null. */
    public String controller() {
        return spec == null ? null : spec.controller();
    }

    /** {@code spec}: the controller's name. */
    public record IngressClassSpec(String controller) {
    }

    private static List<FieldError> validate(IngressClass c) {
        List<FieldError> errs = new ArrayList<>();
        String ctl = c.controller();
        if (ctl == null || ctl.isEmpty()) {
            errs.add(FieldError.required("spec.controller", ""));
            return errs;
        }
        int slash = ctl.indexOf('/');
        if (slash <= 0 || !Validation.dns1123Subdomain(ctl.substring(0, slash)).isEmpty()
            || !ctl.substring(slash + 1).matches("[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+")) {
            errs.add(FieldError.invalid("spec.controller", ctl, "must be a domain-prefixed path (such as \"acme.io/foo\")"));
        }
        if (ctl.length() > 250) {
            errs.add(FieldError.invalid("spec.controller", ctl, "must be no more than 250 characters"));
        }
        return errs;
    }
}
