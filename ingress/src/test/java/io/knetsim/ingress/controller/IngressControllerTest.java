package io.knetsim.ingress.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.Ingress;
import io.knetsim.api.Ingress.HTTPIngressPath;
import io.knetsim.api.Ingress.IngressRule;
import io.knetsim.api.Ingress.IngressSpec;
import io.knetsim.api.ObjectMeta;
import io.knetsim.ingress.nginx.NginxConfWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The controller live: Ingresses, Services and EndpointSlices written to the API server,
 * requests through the proxy it runs, and the proxy following every change.
 *
 * <pre>
 *   client ──Host: foo.example.com──▶ ingress :80 ──▶ pod1 / pod2 / pod3 :8000
 *                                       ▲
 *               IngressController ──────┘ watches Ingress, Service, EndpointSlice; reloads
 * </pre>
 */
class IngressControllerTest {
    private static Ingress ingress(String name, Map<String, String> annotations, IngressRule... rules) {
        return Ingress.of(ObjectMeta.of("default", name).withAnnotations(annotations),
            new IngressSpec("nginx", null, List.of(rules)));
    }

    @Test
    void requestsFollowHostsPathsAndLiveChangesOfIngressesAndEndpoints() {
        IngressLab lab = new IngressLab();
        IngressController c = IngressController.start(lab.api, lab.ingress, IngressControllerConfig.of("ingress", 80));
        assertThat(lab.get("foo.example.com", "/")).as("no Ingress yet").isEqualTo("404");

        lab.service("web");
        lab.slice("web", Map.of(1, true));
        lab.service("api");
        lab.slice("api", Map.of(2, true));
        lab.api.create(ingress("web", Map.of(),
            IngressRule.of("foo.example.com", HTTPIngressPath.of("/", "Prefix", "web", 80),
                HTTPIngressPath.of("/api", "Prefix", "api", 80)),
            IngressRule.of("*.example.org", HTTPIngressPath.of("/", "Prefix", "api", 80))));
        lab.settle();
        assertThat(c.reloads()).as("five objects, one reload").isEqualTo(1);
        assertThat(lab.get("foo.example.com", "/")).isEqualTo("pod1");
        assertThat(lab.get("foo.example.com", "/api/v1")).isEqualTo("pod2");
        assertThat(lab.get("foo.example.com", "/apis")).isEqualTo("pod1");
        assertThat(lab.get("a.example.org", "/x")).isEqualTo("pod2");
        assertThat(lab.get("b.a.example.org", "/x")).isEqualTo("404");
        assertThat(lab.ingress.files().readString(NginxConfWriter.path("ingress"))).contains(
            "upstream default-web-80 {\n    server 10.0.0.11:8000;\n}",
            "    server_name foo.example.com;\n\n    location / {\n        proxy_pass http://default-web-80;");

        // Endpoints change: pod3 joins, pod1 is no longer ready.
        lab.slice("web", Map.of(1, false, 3, true));
        lab.settle();
        assertThat(lab.get("foo.example.com", "/")).isEqualTo("pod3");
        assertThat(lab.get("foo.example.com", "/")).isEqualTo("pod3");

        // The Ingress changes: /api becomes Exact.
        Ingress cur = lab.api.get(Ingress.class, "default", "web");
        lab.api.update(cur.withSpec(new IngressSpec("nginx", null, List.of(
            IngressRule.of("foo.example.com", HTTPIngressPath.of("/", "Prefix", "web", 80),
                HTTPIngressPath.of("/api", "Exact", "api", 80))))));
        lab.settle();
        assertThat(lab.get("foo.example.com", "/api")).isEqualTo("pod2");
        assertThat(lab.get("foo.example.com", "/api/v1")).isEqualTo("pod3");
        assertThat(lab.get("a.example.org", "/x")).as("the wildcard rule is gone").isEqualTo("404");

        // The Service goes away: its upstream has no servers, ingress-nginx's 503.
        lab.api.delete(io.knetsim.api.Service.class, "default", "api");
        lab.settle();
        assertThat(lab.get("foo.example.com", "/api")).isEqualTo("503");
        assertThat(c.reloads()).isEqualTo(4);
    }

    @Test
    void inServiceModeTheUpstreamIsTheClusterIp() {
        IngressLab lab = new IngressLab();
        String ip = lab.service("web").spec().clusterIP();
        lab.slice("web", Map.of(1, true, 2, true));
        lab.api.create(ingress("web", Map.of(), IngressRule.of(null, new HTTPIngressPath("/", "Prefix", Ingress.IngressBackend.service("web", "http")))));
        IngressController c = IngressController.start(lab.api, lab.ingress,
            IngressControllerConfig.of("ingress", 80).withUpstreams(UpstreamMode.SERVICE));
        assertThat(NginxConfWriter.render(c.proxy().config())).contains(
            "upstream default-web-http {\n    server " + ip + ":80;\n}");
        IngressController e = IngressController.start(lab.api, lab.client, IngressControllerConfig.of("ingress", 80));
        assertThat(NginxConfWriter.render(e.proxy().config())).contains(
            "upstream default-web-http {\n    server 10.0.0.11:8000;\n    server 10.0.0.12:8000;\n}");
    }

    @Test
    void aCanaryWithWeightTenTakesOneHundredOfAThousandRequests() {
        IngressLab lab = new IngressLab();
        lab.service("blue");
        lab.slice("blue", Map.of(1, true, 2, true));
        lab.service("green");
        lab.slice("green", Map.of(3, true));
        lab.api.create(ingress("main", Map.of(), IngressRule.of("shop.example.com",
            HTTPIngressPath.of("/", "Prefix", "blue", 80))));
        lab.api.create(ingress("canary", Map.of(Ingress.CANARY, "true", Ingress.CANARY_WEIGHT, "10"),
            IngressRule.of("shop.example.com", HTTPIngressPath.of("/", "Prefix", "green", 80))));
        IngressController c = IngressController.start(lab.api, lab.ingress, IngressControllerConfig.of("ingress", 80));
        assertThat(NginxConfWriter.render(c.proxy().config())).contains(
            "upstream default-blue-80-canary-default-green-80 {\n    server 10.0.0.11:8000 weight=9;\n"
                + "    server 10.0.0.12:8000 weight=9;\n    server 10.0.0.13:8000 weight=2;\n}");

        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 1000; i++) {
            counts.merge(lab.get("shop.example.com", "/"), 1, Integer::sum);
        }
        assertThat(counts).containsExactlyEntriesOf(new TreeMap<>(Map.of("pod1", 450, "pod2", 450, "pod3", 100)));

        // Weight 0: the canary takes nothing.
        Ingress canary = lab.api.get(Ingress.class, "default", "canary");
        lab.api.update(canary.withMetadata(canary.metadata().withAnnotations(
            Map.of(Ingress.CANARY, "true", Ingress.CANARY_WEIGHT, "0"))));
        lab.settle();
        assertThat(List.of(lab.get("shop.example.com", "/"), lab.get("shop.example.com", "/"),
            lab.get("shop.example.com", "/"))).doesNotContain("pod3");
    }
}
