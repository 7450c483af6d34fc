package io.knetsim.ingress.controller;

import io.knetsim.api.ApiServer;
import io.knetsim.app.image.AppContext;
import io.knetsim.app.image.AppHandle;
import io.knetsim.app.image.SimulatedApp;
import java.util.List;
import java.util.Locale;
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

    private static final Set<String> IGNORED = Set.of("--config", "--service", "--metrics-port", "--metrics-disable",
        "--health-port", "--health-disable", "--leader-election-lock-name", "--leader-election-disable",
        "--product-telemetry-disable", "--usage-report-secret", "--snippets-filters");
    private static final Set<String> BOOLEANS = Set.of("--metrics-disable", "--health-disable",
        "--leader-election-disable", "--product-telemetry-disable", "--snippets-filters");

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

    /** The controller's configuration from the container's args. */
    public static GatewayControllerConfig config(List<String> args) {
        String gatewayClass = "nginx";
        String controller = GatewayControllerConfig.DEFAULT_CONTROLLER_NAME;
        UpstreamMode mode = UpstreamMode.ENDPOINTS;
        int i = !args.isEmpty() && !args.get(0).startsWith("-") ? 1 : 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unknown command \"" + a + "\" for \"gateway\"");
            }
            int eq = a.indexOf('=');
            String flag = eq < 0 ? a : a.substring(0, eq);
            String value;
            if (eq >= 0) {
                value = a.substring(eq + 1);
            } else if (BOOLEANS.contains(flag)) {
                value = "true";
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException("flag needs an argument: " + flag);
            }
            switch (flag) {
                case "--gatewayclass" -> gatewayClass = value;
                case "--gateway-ctlr-name" -> controller = value;
                case "--upstream-mode" -> mode = switch (value.toLowerCase(Locale.ROOT)) {
                    case "endpoints" -> UpstreamMode.ENDPOINTS;
                    case "service" -> UpstreamMode.SERVICE;
                    default -> throw new IllegalArgumentException("invalid argument \"" + value
                        + "\" for \"--upstream-mode\" flag: expected endpoints or service");
                };
                default -> {
                    if (!IGNORED.contains(flag)) {
                        throw new IllegalArgumentException("unknown flag: " + flag);
                    }
                }
            }
        }
        return new GatewayControllerConfig(PROXY_NAME, gatewayClass, controller, mode);
    }
}
