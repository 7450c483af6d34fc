package io.knetsim.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.sim.Simulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IngressClass objects: cluster-scoped, {@code spec.controller} checked as
 * {@code ValidateIngressClass} does.
 *
 * <pre>
 *   create(IngressClass nginx, controller k8s.io/ingress-nginx) ─▶ stored (no namespace)
 *   controller "" or "nginx"                                   ─▶ 422 Invalid
 * </pre>
 */
class IngressClassApiTest {
    private ApiServer api;

    @BeforeEach
    void server() {
        api = new ApiServer(new Simulator(1), "C0");
        api.register(IngressClass.TYPE);
    }

    @Test
    void aClassIsClusterScopedAndNamesItsController() {
        IngressClass c = api.create(IngressClass.of("nginx", "k8s.io/ingress-nginx"));
        assertThat(c.metadata().namespace()).isNull();
        assertThat(KubeJson.toJson(c.spec())).isEqualTo("{\"controller\":\"k8s.io/ingress-nginx\"}");
        assertThat(api.get(IngressClass.class, null, "nginx").controller()).isEqualTo("k8s.io/ingress-nginx");
        assertThat(c.apiVersion()).isEqualTo("networking.k8s.io/v1");
    }

    @Test
    void theControllerIsRequiredAndDomainPrefixed() {
        assertThatThrownBy(() -> api.create(IngressClass.of("a", null))).isInstanceOf(ApiException.class)
            .hasMessage("IngressClass.networking.k8s.io \"a\" is invalid: spec.controller: Required value");
        assertThatThrownBy(() -> api.create(IngressClass.of("b", "nginx"))).isInstanceOf(ApiException.class)
            .hasMessage("IngressClass.networking.k8s.io \"b\" is invalid: spec.controller: Invalid value: \"nginx\": "
                + "must be a domain-prefixed path (such as \"acme.io/foo\")");
        assertThat(api.list(IngressClass.class)).isEmpty();
    }
}
