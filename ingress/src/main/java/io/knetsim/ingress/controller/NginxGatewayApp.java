package io.knetsim.ingress.controller;

import io.knetsim.api.ApiServer;
import io.knetsim.app.image.AppContext;
import io.knetsim.app.image.AppHandle;
import io.knetsim.app.image.SimulatedApp;
import java.util.List;
import java.util.Set;

/**
 * {@code ghcr.io/nginx/nginx-gateway-fabric}: a Gateway API controller as a container, in the
 * manner of NGINX Gateway Fabric. Each container runs a {@link GatewayController} in its pod's
 * network namespace, watching the API server of the cluster that runs it; its proxies listen on
 * the pod's addresses at the ports of the Gateways' listeners.
 *
 * <pre>
 *   args: [controller, --gateway-ctlr-name=gateway.nginx.org/nginx-gateway-controller, --gatewayclass=nginx,
 *          --upstream-mode=endpoints|service]
 *   pod netns ── GatewayController ── NginxProxy per listener port   /etc/nginx/conf.d/gateway-PORT.conf
 * </pre>
 *
 * A first argument that is not a flag (the subcommand {@code controller}) is skipped;
 * {@code --upstream-mode} is knetsim's own; flags of the real controller it does not model
 * ({@code --config}, {@code --service}, {@code --metrics-*}, {@code --health-*},
 * {@code --leader-election-*}) are accepted and ignored; any other stops the container with
 * {@code unknown flag: --foo}.
 */
public final class NginxGatewayApp implements SimulatedApp {
    /** The image (any tag or digest runs the same app). */
    public static final String IMAGE = "ghcr.io/nginx/nginx-gateway-fabric";
    /** The proxies' names: {@code gateway-PORT}. */
    public static final String PROXY_NAME = "gateway";

    /** The flags taking a value: those modelled, then the real controller's that are ignored. */
    private static final Set<String> VALUES = Set.of("gatewayclass", "gateway-ctlr-name", "upstream-mode", "config",
        "service", "metrics-port", "health-port", "leader-election-lock-name", "usage-report-secret");
    private static final Set<String> BOOLEANS = Set.of("metrics-disable", "health-disable", "leader-election-disable",
        "product-telemetry-disable", "snippets-filters");

    private final ApiServer api;

    /** The controller of the cluster whose API server is {@code api}. */
    public NginxGatewayApp(ApiServer api) {
        this.api = api;
    }

    @Override
    public AppHandle start(AppContext ctx) {
        GatewayController c = GatewayController.start(api, ctx.netns(), config(ctx.container().args()));
        return c::stop;
    }

    /** The controller's configuration from the container's args; throws with pflag's messages. */
    public static GatewayControllerConfig config(List<String> args) {
        ControllerArgs a = ControllerArgs.parse("gateway", args, VALUES, BOOLEANS);
        return new GatewayControllerConfig(PROXY_NAME, a.string("gatewayclass", "nginx"),
            a.string("gateway-ctlr-name", GatewayControllerConfig.DEFAULT_CONTROLLER_NAME),
            a.upstreamMode(UpstreamMode.ENDPOINTS));
    }
}
