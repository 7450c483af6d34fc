package io.knetsim.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.api.HTTPRoute.HTTPBackendRef;
import io.knetsim.api.HTTPRoute.HTTPRouteMatch;
import io.knetsim.api.HTTPRoute.HTTPRouteRule;
import io.knetsim.api.HTTPRoute.ParentReference;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.iproute.Shell;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Gateway API kinds (gateway.networking.k8s.io/v1) in the API server: read from a manifest
 * by kubectl, defaulted and checked as their CRDs' schemas do, listed with the CRDs' columns.
 *
 * <pre>
 *   admin ──kubectl apply -f gateway.yaml──▶ ApiServer: GatewayClass, Gateway, HTTPRoute (defaults filled)
 *   admin ──kubectl get gateways,httproutes──▶ NAME CLASS ADDRESS PROGRAMMED AGE / NAME HOSTNAMES AGE
 * </pre>
 */
class GatewayApiTest {
    private final World world = new World(7);
    private final NetNamespace admin = world.createNamespace("admin");
    private final ApiServer api = new ApiServer(world.sim(), "C0");
    private final Shell sh = new Shell();

    @BeforeEach
    void cluster() {
        api.register(GatewayClass.TYPE);
        api.register(Gateway.TYPE);
        api.register(HTTPRoute.TYPE);
        ClusterDirectory.of(world).register(api, "https://10.1.0.1:6443", List.of(admin), null);
    }

    @Test
    void aManifestIsReadDefaultedAndListed() {
        admin.files().write("/root/gateway.yaml", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata:
              name: nginx
            spec:
              controllerName: gateway.nginx.org/nginx-gateway-controller
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: web
            spec:
              gatewayClassName: nginx
              listeners:
              - name: http
                protocol: HTTP
                port: 80
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: shop
            spec:
              parentRefs:
              - name: web
              hostnames: ["shop.example.com"]
              rules:
              - matches:
                - headers:
                  - name: X-Env
                    value: canary
                backendRefs:
                - name: green
                  port: 80
              - backendRefs:
                - name: blue
                  port: 80
                  weight: 90
                - name: green
                  port: 80
                  weight: 10
            """);
        assertThat(sh.out(admin, "kubectl apply -f gateway.yaml")).isEqualTo("""
            gatewayclass.gateway.networking.k8s.io/nginx created
            gateway.gateway.networking.k8s.io/web created
            httproute.gateway.networking.k8s.io/shop created
            """);
        HTTPRoute r = api.get(HTTPRoute.class, "default", "shop");
        // the CRD's defaults (a backendRef's group "" is left out of the JSON, as an empty value)
        assertThat(r.spec().parentRefs()).containsExactly(
            new ParentReference("gateway.networking.k8s.io", "Gateway", null, "web", null, null));
        assertThat(KubeJson.toJson(r.spec().rules())).isEqualTo("[{\"matches\":[{\"path\":{\"type\":\"PathPrefix\","
            + "\"value\":\"/\"},\"headers\":[{\"type\":\"Exact\",\"name\":\"X-Env\",\"value\":\"canary\"}]}],"
            + "\"backendRefs\":[{\"kind\":\"Service\",\"name\":\"green\",\"port\":80,\"weight\":1}]},"
            + "{\"matches\":[{\"path\":{\"type\":\"PathPrefix\",\"value\":\"/\"}}],\"backendRefs\":[{"
            + "\"kind\":\"Service\",\"name\":\"blue\",\"port\":80,\"weight\":90},{\"kind\":\"Service\","
            + "\"name\":\"green\",\"port\":80,\"weight\":10}]}]");
        assertThat(api.get(Gateway.class, "default", "web").spec().listeners().get(0).from()).isEqualTo("Same");

        world.sim().runFor(SimTime.seconds(5));
        assertThat(sh.out(admin, "kubectl get gateways")).isEqualTo("""
            NAME   CLASS   ADDRESS   PROGRAMMED   AGE
            web    nginx                          5s
            """);
        assertThat(sh.out(admin, "kubectl get httproutes")).isEqualTo("""
            NAME   HOSTNAMES              AGE
            shop   ["shop.example.com"]   5s
            """);
        assertThat(sh.out(admin, "kubectl get gc")).isEqualTo("""
            NAME    CONTROLLER                                   ACCEPTED   AGE
            nginx   gateway.nginx.org/nginx-gateway-controller              5s
            """);
    }

    @Test
    void badRoutesAndGatewaysAreRefusedWithTheSchemasMessages() {
        assertThatThrownBy(() -> api.create(HTTPRoute.of(ObjectMeta.of("default", "r"), List.of(), List.of("Shop"),
            HTTPRouteRule.of(List.of(HTTPRouteMatch.path("Prefix", "/")), HTTPBackendRef.service("a", 80, -1)))))
            .isInstanceOf(ApiException.class).hasMessage("HTTPRoute.gateway.networking.k8s.io \"r\" is invalid: ["
                + "spec.hostnames[0]: Invalid value: \"Shop\": should match '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?"
                + "(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$', spec.rules[0].matches[0].path.type: Unsupported value: "
                + "\"Prefix\": supported values: \"Exact\", \"PathPrefix\", \"RegularExpression\", "
                + "spec.rules[0].backendRefs[0].weight: Invalid value: -1: spec.rules[0].backendRefs[0].weight in body "
                + "should be greater than or equal to 0]");
        assertThatThrownBy(() -> api.create(HTTPRoute.of(ObjectMeta.of("default", "r"), List.of(), List.of(),
            HTTPRouteRule.of(List.of(HTTPRouteMatch.path("Exact", "api")), HTTPBackendRef.service("a", 80, 1)))))
            .hasMessage("HTTPRoute.gateway.networking.k8s.io \"r\" is invalid: spec.rules[0].matches[0].path: "
                + "Invalid value: \"object\": value must be an absolute path and start with '/' when type one of "
                + "['Exact', 'PathPrefix']");
        assertThatThrownBy(() -> api.create(Gateway.of(ObjectMeta.of("default", "g"), null,
            Gateway.Listener.http("http", null, 0))))
            .hasMessage("Gateway.gateway.networking.k8s.io \"g\" is invalid: [spec.gatewayClassName: Required value, "
                + "spec.listeners[0].port: Invalid value: 0: spec.listeners[0].port in body should be greater than or "
                + "equal to 1]");
        assertThat(api.list(HTTPRoute.class)).isEmpty();
        assertThat(api.list(Gateway.class)).isEmpty();
    }
}
