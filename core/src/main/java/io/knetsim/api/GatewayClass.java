package io.knetsim.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A GatewayClass ({@code gateway.networking.k8s.io/v1}, cluster-scoped): a class of Gateways and
 * the controller that implements it ({@code spec.controllerName}, a domain-prefixed path such as
 * {@code knetsim.io/gateway-controller}).
 * <pre>
 * {"apiVersion":"gateway.networking.k8s.io/v1","kind":"GatewayClass","metadata":{"name":"nginx"},
 *  "spec":{"controllerName":"knetsim.io/gateway-controller"}}
 * </pre>
 * Its {@code parametersRef} and status are not modelled.
 */
public record GatewayClass(String apiVersion, String kind, ObjectMeta metadata, GatewayClassSpec spec)
    implements KubeObject<GatewayClass> {

    public static final ResourceType<GatewayClass> TYPE = new ResourceType<>("gateway.networking.k8s.io", "v1",
        "GatewayClass", "gatewayclasses", false, false, GatewayClass.class, c -> c, Validation::dns1123Subdomain,
        GatewayClass::validate);

    public GatewayClass {
        apiVersion = apiVersion == null ? "gateway.networking.k8s.io/v1" : apiVersion;
        kind = kind == null ? "GatewayClass" : kind;
    }

    public static GatewayClass of(String name, String controllerName) {
        return new GatewayClass(null, null, ObjectMeta.of(null, name), new GatewayClassSpec(controllerName));
    }

    @Override
    public GatewayClass withMetadata(ObjectMeta m) {
        return new GatewayClass(apiVersion, kind, m, spec);
    }

    /** {@code spec.controllerName}, or null. */
    public String controllerName() {
        return spec == null ? null : spec.controllerName();
    }

    /** {@code spec}: the controller's name. */
    public record GatewayClassSpec(String controllerName) {
    }

    private static List<FieldError> validate(GatewayClass c) {
        List<FieldError> errs = new ArrayList<>();
        String n = c.controllerName();
        if (n == null || n.isEmpty()) {
            errs.add(FieldError.required("spec.controllerName", ""));
        } else if (!n.matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$")) {
            errs.add(FieldError.invalid("spec.controllerName", n, "should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?"
                + "(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$'"));
        }
        return errs;
    }
}
