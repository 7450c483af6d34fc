package io.knetsim.ingress.controller;

import io.knetsim.api.ApiServer;
import io.knetsim.app.image.AppContext;
import io.knetsim.app.image.AppHandle;
import io.knetsim.app.image.SimulatedApp;
import java.util.List;
import java.util.Set;

/**
 * {@code registry.k8s.io/ingress-nginx/controller}: the ingress-nginx controller as a container.
 * Each container runs an {@link IngressController} in its pod's network namespace, watching the
 * API server of the cluster that runs it, and its proxy listens on the pod's {@code --http-port}.
 * Several replicas each run their own controller and proxy, all configured alike, as
 * ingress-nginx's replicas are; a Service (NodePort in {@code docs/manifests/ingress-nginx.yaml})
 * spreads clients over them.
 *
 * <pre>
 *   args: [/nginx-ingress-controller, --ingress-class=nginx, --controller-class=k8s.io/ingress-nginx,
 *          --http-port=80, --upstream-mode=endpoints|service, --election-id=..., --publish-service=..., ...]
 *   pod netns ── IngressController ── NginxProxy :http-port   /etc/nginx/conf.d/ingress-nginx.conf
 * </pre>
 *
 * Flags take {@code --flag=value} or {@code --flag value}; a first argument that is not a flag
 * (the binary, {@code /nginx-ingress-controller}) is skipped. {@code --upstream-mode} is
 * knetsim's own (ingress-nginx sets it per Ingress with the {@code service-upstream}
 * annotation); the real controller's flags it does not model ({@code --election-id},
 * {@code --publish-service}, {@code --configmap}, the webhook and metrics flags,
 * {@code --watch-ingress-without-class}, {@code --v}) are accepted and ignored. Any other flag
 * stops the container with pflag's {@code unknown flag: --foo}.
 */
public final class IngressNginxApp implements SimulatedApp {
    /** The image the ingress-nginx manifests deploy (any tag or digest runs the same app). */
    public static final String IMAGE = "registry.k8s.io/ingress-nginx/controller";
    /** The proxy's name: its file is {@code /etc/nginx/conf.d/ingress-nginx.conf}. */
    public static final String PROXY_NAME = "ingress-nginx";
    /** ingress-nginx's {@code --http-port} default. */
    public static final int DEFAULT_HTTP_PORT = 80;

    /** The flags taking a value: those modelled, then the real controller's that are ignored. */
    private static final Set<String> VALUES = Set.of("ingress-class", "controller-class", "http-port", "upstream-mode",
        "election-id", "publish-service", "configmap", "validating-webhook", "validating-webhook-certificate",
        "validating-webhook-key", "v", "default-ssl-certificate", "https-port", "tcp-services-configmap",
        "udp-services-configmap");
    private static final Set<String> BOOLEANS = Set.of("enable-metrics", "watch-ingress-without-class",
        "report-node-internal-ip-address");

    private final ApiServer api;

    /** The controller of the cluster whose API server is {@code api}. */
    public IngressNginxApp(ApiServer api) {
        this.api = api;
    }

    @Override
    public AppHandle start(AppContext ctx) {
        IngressControllerConfig cfg = config(ctx.container().args());
        IngressController c = IngressController.start(api, ctx.netns(), cfg);
        return c::stop;
    }

    /** The controller's configuration from the container's args; throws with pflag's messages. */
    public static IngressControllerConfig config(List<String> args) {
        ControllerArgs a = ControllerArgs.parse("nginx-ingress-controller", args, VALUES, BOOLEANS);
        int port = a.integer("http-port", DEFAULT_HTTP_PORT);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a valid port number (--http-port)");
        }
        return new IngressControllerConfig(PROXY_NAME, a.string("ingress-class", IngressControllerConfig.DEFAULT_INGRESS_CLASS),
            a.string("controller-class", IngressControllerConfig.DEFAULT_CONTROLLER_CLASS), port,
            a.upstreamMode(UpstreamMode.ENDPOINTS));
    }
}
