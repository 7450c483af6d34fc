package io.knetsim.ingress.controller;

/**
 * How an {@link IngressController} runs.
 *
 * @param name            the proxy's name (its {@code /etc/nginx/conf.d/NAME.conf})
 * @param ingressClass    the class it serves: Ingresses with this {@code spec.ingressClassName},
 *                        and those without a class (it acts as the cluster's default IngressClass)
 * @param controllerClass its name as IngressClass objects give it ({@code spec.controller}); when
 *                        an IngressClass named {@code ingressClass} exists, its controller must be this
 * @param listen          the port the proxy listens on
 * @param upstreams       pods directly (ingress-nginx's default) or the Service VIP
 */
public record IngressControllerConfig(String name, String ingressClass, String controllerClass, int listen,
                                      UpstreamMode upstreams) {
    /** ingress-nginx's {@code --controller-class} default. */
    public static final String DEFAULT_CONTROLLER_CLASS = "k8s.io/ingress-nginx";
    /** ingress-nginx's {@code --ingress-class} default. */
    public static final String DEFAULT_INGRESS_CLASS = "nginx";

    public IngressControllerConfig {
        if (ingressClass == null || ingressClass.isEmpty()) {
            throw new IllegalArgumentException("ingress controller " + name + ": ingressClass is required");
        }
        if (controllerClass == null || controllerClass.isEmpty()) {
            throw new IllegalArgumentException("ingress controller " + name + ": controllerClass is required");
        }
        if (upstreams == null) {
            throw new IllegalArgumentException("ingress controller " + name + ": upstreams mode is required");
        }
    }

    /** A controller of class {@code ingressClass} with the default controller class. */
    public IngressControllerConfig(String name, String ingressClass, int listen, UpstreamMode upstreams) {
        this(name, ingressClass, DEFAULT_CONTROLLER_CLASS, listen, upstreams);
    }

    /** Class {@code nginx}, controller {@code k8s.io/ingress-nginx}, endpoints as upstreams. */
    public static IngressControllerConfig of(String name, int listen) {
        return new IngressControllerConfig(name, DEFAULT_INGRESS_CLASS, listen, UpstreamMode.ENDPOINTS);
    }

    public IngressControllerConfig withUpstreams(UpstreamMode m) {
        return new IngressControllerConfig(name, ingressClass, controllerClass, listen, m);
    }

    public IngressControllerConfig withIngressClass(String c) {
        return new IngressControllerConfig(name, c, controllerClass, listen, upstreams);
    }

    public IngressControllerConfig withControllerClass(String c) {
        return new IngressControllerConfig(name, ingressClass, c, listen, upstreams);
    }
}
