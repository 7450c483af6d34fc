package io.knetsim.ingress.controller;

/**
 * How a {@link GatewayController} runs.
 *
 * @param name           the prefix of its proxies' names: one proxy per listener port,
 *                       {@code NAME-PORT} ({@code /etc/nginx/conf.d/gateway-80.conf})
 * @param gatewayClass   the GatewayClass whose Gateways it serves
 * @param controllerName its name as GatewayClass objects give it ({@code spec.controllerName}); when
 *                       a GatewayClass named {@code gatewayClass} exists, its controller must be this
 * @param upstreams      pods directly or the Service VIP
 */
public record GatewayControllerConfig(String name, String gatewayClass, String controllerName, UpstreamMode upstreams) {
    /** NGINX Gateway Fabric's controller name. */
    public static final String DEFAULT_CONTROLLER_NAME = "gateway.nginx.org/nginx-gateway-controller";

    public GatewayControllerConfig {
        if (gatewayClass == null || gatewayClass.isEmpty()) {
            throw new IllegalArgumentException("gateway controller " + name + ": gatewayClass is required");
        }
        if (controllerName == null || controllerName.isEmpty()) {
            throw new IllegalArgumentException("gateway controller " + name + ": controllerName is required");
        }
        if (upstreams == null) {
            throw new IllegalArgumentException("gateway controller " + name + ": upstreams mode is required");
        }
    }

    /** Class {@code gatewayClass}, NGINX Gateway Fabric's controller name, endpoints as upstreams. */
    public static GatewayControllerConfig of(String name, String gatewayClass) {
        return new GatewayControllerConfig(name, gatewayClass, DEFAULT_CONTROLLER_NAME, UpstreamMode.ENDPOINTS);
    }

    public GatewayControllerConfig withUpstreams(UpstreamMode m) {
        return new GatewayControllerConfig(name, gatewayClass, controllerName, m);
    }
}
