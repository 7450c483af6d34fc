package io.knetsim.ingress.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.Gateway;
import io.knetsim.api.Gateway.AllowedRoutes;
import io.knetsim.api.Gateway.Listener;
import io.knetsim.api.GatewayClass;
import io.knetsim.api.HTTPRoute;
import io.knetsim.api.HTTPRoute.HTTPBackendRef;
import io.knetsim.api.HTTPRoute.HTTPHeaderMatch;
import io.knetsim.api.HTTPRoute.HTTPRouteMatch;
import io.knetsim.api.HTTPRoute.HTTPRouteRule;
import io.knetsim.api.HTTPRoute.ParentReference;
import io.knetsim.api.Namespace;
import io.knetsim.api.ObjectMeta;
import io.knetsim.ingress.nginx.NginxConfWriter;
import io.knetsim.sim.SimTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gateway API HTTPRoutes through the proxy: weights, header matches and the spec's precedence.
 *
 * <pre>
 *   Gateway web (class nginx): listener http :80
 *   HTTPRoutes ──parentRefs: web──▶ GatewayController ──▶ nginx gateway-80 on the ingress host
 *   client ──▶ ingress :80 ──▶ pod1 / pod2 / pod3 :8000   (Services one, two, three: one pod each;
 *                                                          blue: pod1 + pod2, green: pod3)
 * </pre>
 */
class GatewayRoutesTest {
    private final IngressLab lab = new IngressLab();
    private GatewayController controller;

    @BeforeEach
    void gateway() {
        GatewayController.registerKinds(lab.api);
        lab.service("blue");
        lab.slice("blue", Map.of(1, true, 2, true));
        lab.service("green");
        lab.slice("green", Map.of(3, true));
        for (String s : List.of("one", "two", "three")) {
            lab.service(s);
            lab.slice(s, Map.of(List.of("one", "two", "three").indexOf(s) + 1, true));
        }
        lab.api.create(Gateway.of(ObjectMeta.of("default", "web"), "nginx", Listener.http("http", null, 80)));
        controller = GatewayController.start(lab.api, lab.ingress, GatewayControllerConfig.of("gateway", "nginx"));
    }

    private HTTPRoute route(String name, List<String> hostnames, HTTPRouteRule... rules) {
        HTTPRoute r = lab.api.create(HTTPRoute.of(ObjectMeta.of("default", name), List.of(ParentReference.gateway("web")),
            hostnames, rules));
        lab.settle();
        return r;
    }

    private static HTTPRouteRule rule(HTTPRouteMatch match, String service) {
        return HTTPRouteRule.of(List.of(match), HTTPBackendRef.service(service, 80, 1));
    }

    private static HTTPRouteMatch prefix(String path, HTTPHeaderMatch... headers) {
        return HTTPRouteMatch.path(HTTPRoute.PATH_PREFIX, path, headers);
    }

    private String get(String path, Map<String, String> headers) {
        return lab.get("shop.example.com", path, headers);
    }

    private String get(String path) {
        return get(path, Map.of());
    }

    @Test
    void aNinetyTenRouteSendsNinetyPercentToBlueOverAThousandRequests() {
        route("shop", List.of(), HTTPRouteRule.of(List.of(), HTTPBackendRef.service("blue", 80, 90),
            HTTPBackendRef.service("green", 80, 10)));
        assertThat(NginxConfWriter.render(controller.proxy(80).config())).contains(
            "upstream default-shop-r0 {\n    server 10.0.0.11:8000 weight=9;\n    server 10.0.0.12:8000 weight=9;\n"
                + "    server 10.0.0.13:8000 weight=2;\n}",
            "    location / {\n        proxy_pass http://default-shop-r0;\n    }");
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 1000; i++) {
            counts.merge(get("/cart"), 1, Integer::sum);
        }
        int blue = counts.getOrDefault("pod1", 0) + counts.getOrDefault("pod2", 0);
        // binomial(1000, 0.9): mean 900, sd 9.5; 3 sd either side, and nginx's round robin is exact
        assertThat(blue).isBetween(872, 928);
        assertThat(counts).containsExactlyEntriesOf(new TreeMap<>(Map.of("pod1", 450, "pod2", 450, "pod3", 100)));

        // a live change of the weights reloads the proxy: 50/50 now
        HTTPRoute r = lab.api.get(HTTPRoute.class, "default", "shop");
        lab.api.update(r.withSpec(new HTTPRoute.HTTPRouteSpec(r.spec().parentRefs(), List.of(), List.of(
            HTTPRouteRule.of(List.of(), HTTPBackendRef.service("blue", 80, 1), HTTPBackendRef.service("green", 80, 1))))));
        lab.settle();
        assertThat(controller.reloads()).isEqualTo(2);
        counts.clear();
        for (int i = 0; i < 100; i++) {
            counts.merge(get("/cart"), 1, Integer::sum);
        }
        assertThat(counts).containsExactlyEntriesOf(new TreeMap<>(Map.of("pod1", 25, "pod2", 25, "pod3", 50)));
    }

    @Test
    void aHeaderMatchTakesItsRequestsAndTheOthersGoOn() {
        route("shop", List.of(),
            rule(prefix("/", HTTPHeaderMatch.exact("X-Env", "canary")), "green"),
            rule(prefix("/"), "one"));
        assertThat(get("/", Map.of("X-Env", "canary"))).isEqualTo("pod3");
        assertThat(get("/", Map.of("x-env", "canary"))).as("header names ignore case").isEqualTo("pod3");
        assertThat(get("/", Map.of("X-Env", "Canary"))).as("values do not").isEqualTo("pod1");
        assertThat(get("/")).isEqualTo("pod1");
        assertThat(NginxConfWriter.render(controller.proxy(80).config())).contains("""
                location / {
                    # routed by the proxy on request headers and cookies, first match wins:
                    #   $http_x_env = "canary" -> default-green-80
                    proxy_pass http://default-one-80;
                }
            """);
    }

    @Test
    void matchesFollowTheSpecsPrecedence() {
        route("zeta", List.of(),
            rule(HTTPRouteMatch.path(HTTPRoute.EXACT, "/api/login"), "one"),
            rule(prefix("/api"), "two"),
            rule(prefix("/api", HTTPHeaderMatch.exact("X-Beta", "1")), "three"));
        lab.world.sim().runFor(SimTime.seconds(2)); // the next route is younger
        route("alpha", List.of(),
            rule(prefix("/api", HTTPHeaderMatch.exact("X-Beta", "1")), "one"),
            rule(prefix("/"), "one"),
            rule(prefix("/apix/"), "two"));
        Map<String, String> beta = Map.of("X-Beta", "1");
        assertThat(get("/api/login", beta)).as("Exact before any prefix, headers or not").isEqualTo("pod1");
        assertThat(get("/api/login/x")).as("Exact is exact").isEqualTo("pod2");
        assertThat(get("/api/orders")).isEqualTo("pod2");
        assertThat(get("/api/orders", beta)).as("most headers; then the oldest route").isEqualTo("pod3");
        assertThat(get("/api")).as("a prefix matches its own path").isEqualTo("pod2");
        assertThat(get("/api/")).isEqualTo("pod2");
        assertThat(get("/apis")).as("whole elements only").isEqualTo("pod1");
        assertThat(get("/apix")).as("a trailing slash is ignored").isEqualTo("pod2");
        assertThat(get("/apix/y")).isEqualTo("pod2");
        assertThat(get("/other")).isEqualTo("pod1");
    }

    @Test
    void noFittingMatchIsA404AndAHostDoesNotFallBackToRoutesWithoutHosts() {
        route("any", List.of(), rule(prefix("/"), "one"));
        route("keyed", List.of("only.example.com"), rule(prefix("/", HTTPHeaderMatch.exact("X-Key", "k")), "three"));
        assertThat(lab.get("only.example.com", "/", Map.of("X-Key", "k"))).isEqualTo("pod3");
        assertThat(lab.get("only.example.com", "/", Map.of())).isEqualTo("404");
        assertThat(lab.get("shop.example.com", "/", Map.of())).isEqualTo("pod1");
        assertThat(NginxConfWriter.render(controller.proxy(80).config())).contains(
            "    server_name only.example.com;\n\n    location / {\n"
                + "        # routed by the proxy on request headers and cookies, first match wins:\n"
                + "        #   $http_x_key = \"k\" -> default-three-80\n        return 404;\n    }");
    }

    @Test
    void listenersChooseWhichRoutesAttachAndWhichHostnamesTheyGet() {
        lab.api.create(Namespace.named("team"));
        lab.api.create(Gateway.of(ObjectMeta.of("default", "shops"), "nginx",
            Listener.http("shops", "*.example.com", 8080),
            new Listener("all", null, 9090, "HTTP", AllowedRoutes.from("All"))));
        lab.api.create(Gateway.of(ObjectMeta.of("default", "other"), "istio", Listener.http("http", null, 7070)));
        lab.settle();
        assertThat(controller.ports()).as("one proxy per port of the class's Gateways").containsExactly(80, 8080, 9090);
        lab.api.create(HTTPRoute.of(ObjectMeta.of("default", "shop"),
            List.of(new ParentReference(null, null, null, "shops", "shops", null)),
            List.of("shop.example.com", "shop.example.org"), rule(prefix("/"), "one")));
        lab.api.create(HTTPRoute.of(ObjectMeta.of("team", "team"), List.of(new ParentReference(null, null, "default",
            "shops", null, null)), List.of(), rule(prefix("/"), "two")));
        lab.settle();
        String shops = NginxConfWriter.render(controller.proxy(8080).config());
        assertThat(shops).contains("server_name shop.example.com;").doesNotContain("example.org")
            .as("Same namespace only: team's route is refused").doesNotContain("default-two-80");
        String all = NginxConfWriter.render(controller.proxy(9090).config());
        assertThat(all).as("team's route attaches to the listener that admits All namespaces")
            .contains("proxy_pass http://team-two-80;").doesNotContain("default-one-80");

        lab.api.create(GatewayClass.of("nginx", "example.com/other"));
        lab.settle();
        assertThat(controller.ports()).as("the class now names another controller").isEmpty();
    }
}
