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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ingress-nginx's header and cookie canaries, with its precedence: canary-by-header, then
 * canary-by-cookie, then canary-weight.
 *
 * <pre>
 *   Ingress main   shop.example.com /  ─▶ blue  (pod1, pod2)
 *   Ingress canary shop.example.com /  ─▶ green (pod3)   canary: "true"
 *       canary-by-header: X-Canary   canary-by-cookie: canary   canary-weight: 10
 *
 *   X-Canary: always ─▶ green      X-Canary: never ─▶ blue (cookie and weight not asked)
 *   X-Canary: other  ─▶ (ignored)  Cookie canary=always ─▶ green   canary=never ─▶ blue
 *   neither          ─▶ 10 % green by weight
 * </pre>
 */
class CanaryRulesTest {
    private final IngressLab lab = new IngressLab();
    private IngressController controller;

    private static Ingress ingress(String name, Map<String, String> annotations, String service) {
        return Ingress.of(ObjectMeta.of("default", name).withAnnotations(annotations), new IngressSpec("nginx", null,
            List.of(IngressRule.of("shop.example.com", HTTPIngressPath.of("/", "Prefix", service, 80)))));
    }

    @BeforeEach
    void shop() {
        lab.service("blue");
        lab.slice("blue", Map.of(1, true, 2, true));
        lab.service("green");
        lab.slice("green", Map.of(3, true));
        lab.api.create(ingress("main", Map.of(), "blue"));
        controller = IngressController.start(lab.api, lab.ingress, IngressControllerConfig.of("ingress", 80));
    }

    private void canary(Map<String, String> annotations) {
        Map<String, String> a = new TreeMap<>(annotations);
        a.put(Ingress.CANARY, "true");
        lab.api.find(Ingress.class, "default", "canary").ifPresent(i -> lab.api.delete(Ingress.class, "default", "canary"));
        lab.api.create(ingress("canary", a, "green"));
        lab.settle();
    }

    /** Who answers {@code n} requests with these headers. */
    private Set<String> answers(int n, Map<String, String> headers) {
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            out.add(lab.get("shop.example.com", "/", headers));
        }
        return out;
    }

    @Test
    void theHeaderBeatsTheCookieWhichBeatsTheWeight() {
        canary(Map.of(Ingress.CANARY_BY_HEADER, "X-Canary", Ingress.CANARY_BY_COOKIE, "canary",
            Ingress.CANARY_WEIGHT, "10"));
        assertThat(answers(5, Map.of("X-Canary", "always"))).containsExactly("pod3");
        assertThat(answers(5, Map.of("x-canary", "always", "Cookie", "canary=never"))).as("header before cookie")
            .containsExactly("pod3");
        assertThat(answers(20, Map.of("X-Canary", "never", "Cookie", "canary=always"))).as("never: not even by cookie")
            .containsExactly("pod1", "pod2");
        assertThat(answers(5, Map.of("X-Canary", "maybe", "Cookie", "session=1; canary=always")))
            .as("another value is ignored: the cookie decides").containsExactly("pod3");
        assertThat(answers(20, Map.of("Cookie", "canary=never"))).as("never: not even by weight")
            .containsExactly("pod1", "pod2");

        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 1000; i++) {
            counts.merge(lab.get("shop.example.com", "/", Map.of("Cookie", "canary=sometimes")), 1, Integer::sum);
        }
        assertThat(counts).as("no rule decides: the weight").containsExactlyEntriesOf(
            new TreeMap<>(Map.of("pod1", 450, "pod2", 450, "pod3", 100)));

        assertThat(NginxConfWriter.render(controller.proxy().config())).contains("""
                location / {
                    # routed by the proxy on request headers and cookies, first match wins:
                    #   $http_x_canary = "always" -> default-green-80
                    #   $http_x_canary = "never" -> default-blue-80
                    #   $cookie_canary = "always" -> default-green-80
                    #   $cookie_canary = "never" -> default-blue-80
                    proxy_pass http://default-blue-80-canary-default-green-80;
                }
            """, "upstream default-blue-80 {\n    server 10.0.0.11:8000;\n    server 10.0.0.12:8000;\n}",
            "upstream default-green-80 {\n    server 10.0.0.13:8000;\n}");
    }

    @Test
    void aHeaderValueReplacesAlwaysAndOtherValuesFallThrough() {
        canary(Map.of(Ingress.CANARY_BY_HEADER, "X-Version", Ingress.CANARY_BY_HEADER_VALUE, "v2"));
        assertThat(answers(5, Map.of("X-Version", "v2"))).containsExactly("pod3");
        assertThat(answers(20, Map.of("X-Version", "always"))).as("weight 0 takes nothing")
            .containsExactly("pod1", "pod2");
        assertThat(answers(20, Map.of())).containsExactly("pod1", "pod2");
        assertThat(NginxConfWriter.render(controller.proxy().config()))
            .contains("#   $http_x_version = \"v2\" -> default-green-80\n        proxy_pass http://default-blue-80;");
    }

    @Test
    void aCookieAloneDecidesAndABadHeaderNameIsIgnored() {
        canary(Map.of(Ingress.CANARY_BY_COOKIE, "beta", Ingress.CANARY_BY_HEADER, "not a header"));
        assertThat(answers(5, Map.of("Cookie", "beta=always"))).containsExactly("pod3");
        assertThat(answers(20, Map.of("Cookie", "beta=yes"))).containsExactly("pod1", "pod2");
        assertThat(answers(20, Map.of("Cookie", "alpha=always"))).containsExactly("pod1", "pod2");
    }
}
