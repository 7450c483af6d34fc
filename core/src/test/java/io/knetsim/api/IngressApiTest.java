package io.knetsim.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.api.Ingress.HTTPIngressPath;
import io.knetsim.api.Ingress.IngressBackend;
import io.knetsim.api.Ingress.IngressRule;
import io.knetsim.api.Ingress.IngressSpec;
import io.knetsim.sim.Simulator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ingress objects in the API server: the v1 JSON shape and the validation messages of
 * {@code ValidateIngressCreate}.
 *
 * <pre>
 *   create(Ingress) ─▶ validate (rules, hosts, paths, pathTypes, backends) ─▶ stored, or 422 Invalid
 * </pre>
 */
class IngressApiTest {
    private ApiServer api;

    @BeforeEach
    void server() {
        api = new ApiServer(new Simulator(1), "C0");
        api.register(Ingress.TYPE);
    }

    private static Ingress ing(IngressRule... rules) {
        return Ingress.of(ObjectMeta.of("default", "web"), new IngressSpec("nginx", null, List.of(rules)));
    }

    private void invalid(Ingress i, String message) {
        assertThatThrownBy(() -> api.create(i)).isInstanceOf(ApiException.class).hasMessage(message);
        assertThat(api.find(Ingress.class, "default", "web")).isEmpty();
    }

    @Test
    void anIngressIsStoredInTheV1Shape() {
        Ingress stored = api.create(ing(IngressRule.of("foo.example.com",
            HTTPIngressPath.of("/api", "Prefix", "api", 80),
            new HTTPIngressPath("/ui", "Exact", IngressBackend.service("ui", "http")))));
        assertThat(stored.metadata().resourceVersion()).isNotNull();
        String json = KubeJson.toJson(stored.spec());
        assertThat(json).isEqualTo("{\"ingressClassName\":\"nginx\",\"rules\":[{\"host\":\"foo.example.com\",\"http\":"
            + "{\"paths\":[{\"path\":\"/api\",\"pathType\":\"Prefix\",\"backend\":{\"service\":{\"name\":\"api\","
            + "\"port\":{\"number\":80}}}},{\"path\":\"/ui\",\"pathType\":\"Exact\",\"backend\":{\"service\":"
            + "{\"name\":\"ui\",\"port\":{\"name\":\"http\"}}}}]}}]}");
        assertThat(KubeJson.fromJson(KubeJson.toJson(stored), Ingress.class)).isEqualTo(stored);
        assertThat(stored.apiVersion()).isEqualTo("networking.k8s.io/v1");
    }

    @Test
    void aPathWithoutPathTypeIsRejectedAsTheApiServerDoes() {
        invalid(ing(IngressRule.of(null, HTTPIngressPath.of("/", null, "web", 80))),
            "Ingress.networking.k8s.io \"web\" is invalid: spec.rules[0].http.paths[0].pathType: Required value: "
                + "pathType must be specified");
        invalid(ing(IngressRule.of(null, HTTPIngressPath.of("/", "Regex", "web", 80))),
            "Ingress.networking.k8s.io \"web\" is invalid: spec.rules[0].http.paths[0].pathType: Unsupported value: "
                + "\"Regex\": supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\"");
    }

    @Test
    void pathsMustBeAbsoluteAndClean() {
        invalid(ing(IngressRule.of(null, HTTPIngressPath.of("foo", "Prefix", "web", 80))),
            "Ingress.networking.k8s.io \"web\" is invalid: spec.rules[0].http.paths[0].path: Invalid value: \"foo\": "
                + "must be an absolute path");
        invalid(ing(IngressRule.of(null, HTTPIngressPath.of("/a//b", "Exact", "web", 80))),
            "Ingress.networking.k8s.io \"web\" is invalid: spec.rules[0].http.paths[0].path: Invalid value: \"/a//b\": "
                + "must not contain '//'");
        invalid(ing(IngressRule.of(null, HTTPIngressPath.of("/a/..", "Prefix", "web", 80))),
            "Ingress.networking.k8s.io \"web\" is invalid: spec.rules[0].http.paths[0].path: Invalid value: \"/a/..\": "
                + "cannot end with '/..'");
    }

    @Test
    void hostsAreDnsNamesWithAnOptionalLeadingWildcard() {
        invalid(ing(IngressRule.of("10.0.0.1", HTTPIngressPath.of("/", "Prefix", "web", 80))),
            "Ingress.networking.k8s.io \"web\" is invalid: spec.rules[0].host: Invalid value: \"10.0.0.1\": "
                + "must be a DNS name, not an IP address");
        invalid(ing(IngressRule.of("foo.*.com", HTTPIngressPath.of("/", "Prefix", "web", 80))),
            "Ingress.networking.k8s.io \"web\" is invalid: spec.rules[0].host: Invalid value: \"foo.*.com\": "
                + "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must "
                + "consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character "
                + "(e.g. '*.example.com', regex used for validation is "
                + "'\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        assertThat(api.create(ing(IngressRule.of("*.example.com", HTTPIngressPath.of("/", "Prefix", "web", 80)))))
            .isNotNull();
    }

    @Test
    void backendsNameOneServicePortAndAnIngressNeedsRulesOrADefaultBackend() {
        invalid(ing(IngressRule.of(null, new HTTPIngressPath("/", "Prefix", new IngressBackend(
                new Ingress.IngressServiceBackend("web", new Ingress.ServiceBackendPort("http", 80)))))),
            "Ingress.networking.k8s.io \"web\" is invalid: spec.rules[0].http.paths[0].backend: Invalid value: \"\": "
                + "cannot set both port name & port number");
        invalid(ing(IngressRule.of(null, new HTTPIngressPath("/", "Prefix", new IngressBackend(
                new Ingress.IngressServiceBackend("web", null))))),
            "Ingress.networking.k8s.io \"web\" is invalid: spec.rules[0].http.paths[0].backend: Required value: "
                + "port name or number is required");
        invalid(ing(), "Ingress.networking.k8s.io \"web\" is invalid: spec: Invalid value: null: "
            + "either `defaultBackend` or `rules` must be specified");
    }
}
