package io.knetsim.ingress.controller;

/**
 * Where the controller points an upstream: at the pods themselves or at the Service.
 *
 * <pre>
 *   ENDPOINTS:  nginx ──▶ 10.244.1.5:8000, 10.244.2.7:8000   (ready endpoints of the EndpointSlices)
 *   SERVICE:    nginx ──▶ 10.96.45.12:80 ──kube-proxy DNAT──▶ a pod
 * </pre>
 */
public enum UpstreamMode {
    /** The ready endpoints of the Service's EndpointSlices, ingress-nginx's default. */
    ENDPOINTS,
    /**
     * The Service's cluster IP and port, one server (ingress-nginx's
     * {@code nginx.ingress.kubernetes.io/service-upstream: "true"}); kube-proxy picks the pod.
     */
    SERVICE
}
