package io.knetsim.scenarios.scenario;

import io.knetsim.ingress.controller.UpstreamMode;

/**
 * An Ingress controller of a cluster, as ingress-nginx runs on a node: it watches the cluster's
 * Ingress, Service and EndpointSlice objects (the {@code manifests}) and proxies on
 * {@code port} of {@code worker} ({@link io.knetsim.ingress.controller.IngressController}, class
 * {@code nginx}, the cluster's default class).
 *
 * <pre>
 *   ingressControllers: [{worker: w1, port: 8080, upstreams: endpoints}]
 *   IngressControllerSpec.on("w1", 8080).withUpstreams(UpstreamMode.SERVICE)
 * </pre>
 *
 * @param upstreams the pods themselves ({@code endpoints}, ingress-nginx's default) or the
 *                  Service's cluster IP ({@code service})
 */
public record IngressControllerSpec(String worker, int port, UpstreamMode upstreams) {
    /** The name of the proxy it runs ({@code /etc/nginx/conf.d/ingress.conf}). */
    public static final String PROXY_NAME = "ingress";

    public static IngressControllerSpec on(String worker, int port) {
        return new IngressControllerSpec(worker, port, UpstreamMode.ENDPOINTS);
    }

    public IngressControllerSpec withUpstreams(UpstreamMode m) {
        return new IngressControllerSpec(worker, port, m);
    }

    /** {@code endpoints} or {@code service}, as the YAML writes it. */
    static String modeName(UpstreamMode m) {
        return m.name().toLowerCase(java.util.Locale.ROOT);
    }
}
