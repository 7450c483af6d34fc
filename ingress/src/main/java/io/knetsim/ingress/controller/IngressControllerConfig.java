package io.knetsim.ingress.controller;

/**
 * How an {@link IngressController} runs.
 *
 * @param name         the proxy's name (its {@code /etc/nginx/conf.d/NAME.conf})
 * @param ingressClass the class it serves: Ingresses with this {@code spec.ingressClassName},
 *                     and those without a class (it acts as the cluster's default IngressClass)
 * @param listen       the port the proxy listens on
 * @param upstreams    pods directly (ingress-nginx's default) or the Service VIP
 */
public record IngressControllerConfig(String name, String ingressClass, int listen, UpstreamMode upstreams) {
    public IngressControllerConfig {
        if (ingressClass == null || ingressClass.isEmpty()) {
            throw new IllegalArgumentException("ingress controller " + name + ": ingressClass is required");
        }
        if (upstreams == null) {
            throw new IllegalArgumentException("ingress controller " + name + ": upstreams mode is required");
        }
    }

    /** Class {@code nginx}, endpoints as upstreams. */
    public static IngressControllerConfig of(String name, int listen) {
        return new IngressControllerConfig(name, "nginx", listen, UpstreamMode.ENDPOINTS);
    }

    public IngressControllerConfig withUpstreams(UpstreamMode m) {
        return new IngressControllerConfig(name, ingressClass, listen, m);
    }
}
