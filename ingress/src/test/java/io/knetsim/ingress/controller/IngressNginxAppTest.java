package io.knetsim.ingress.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.api.Ingress;
import io.knetsim.api.IngressClass;
import io.knetsim.api.ObjectMeta;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The controller container's flags, as the ingress-nginx manifests pass them.
 *
 * <pre>
 *   [/nginx-ingress-controller, --election-id=..., --ingress-class=nginx, --http-port=80] ─▶ IngressControllerConfig
 * </pre>
 */
class IngressNginxAppTest {
    @Test
    void theManifestsFlagsGiveTheConfigurationAndUnmodelledOnesAreIgnored() {
        IngressControllerConfig c = IngressNginxApp.config(List.of("/nginx-ingress-controller",
            "--election-id=ingress-nginx-leader", "--controller-class=example.com/ingress", "--ingress-class", "internal",
            "--http-port=8080", "--upstream-mode=service", "--watch-ingress-without-class", "--v=2"));
        assertThat(c).isEqualTo(new IngressControllerConfig("ingress-nginx", "internal", "example.com/ingress", 8080,
            UpstreamMode.SERVICE));
        assertThat(IngressNginxApp.config(List.of())).isEqualTo(new IngressControllerConfig("ingress-nginx", "nginx",
            "k8s.io/ingress-nginx", 80, UpstreamMode.ENDPOINTS));
    }

    @Test
    void anIngressClassOfAnotherControllerTakesItsIngressesAway() {
        Ingress ing = Ingress.of(ObjectMeta.of("default", "web"), new Ingress.IngressSpec("nginx", null,
            List.of(Ingress.IngressRule.of(null, Ingress.HTTPIngressPath.of("/", "Prefix", "web", 80)))));
        IngressControllerConfig cfg = IngressControllerConfig.of("ingress", 80);
        assertThat(IngressConfigGenerator.generate(cfg, List.of(IngressClass.of("nginx", "example.com/other")),
            List.of(ing), List.of(), List.of()).locations()).isEmpty();
        assertThat(IngressConfigGenerator.generate(cfg, List.of(IngressClass.of("nginx", "k8s.io/ingress-nginx")),
            List.of(ing), List.of(), List.of()).locations()).hasSize(1);
        assertThat(IngressConfigGenerator.generate(cfg, List.of(), List.of(ing), List.of(), List.of()).locations())
            .as("no IngressClass object: served by name").hasSize(1);
    }

    @Test
    void badFlagsStopTheContainerWithPflagsMessages() {
        assertThatThrownBy(() -> IngressNginxApp.config(List.of("--frobnicate=1")))
            .hasMessage("unknown flag: --frobnicate");
        assertThatThrownBy(() -> IngressNginxApp.config(List.of("--http-port=eighty")))
            .hasMessage("invalid argument \"eighty\" for \"--http-port\" flag: strconv.ParseInt: parsing \"eighty\": "
                + "invalid syntax");
        assertThatThrownBy(() -> IngressNginxApp.config(List.of("--upstream-mode=pods")))
            .hasMessage("invalid argument \"pods\" for \"--upstream-mode\" flag: expected endpoints or service");
        assertThatThrownBy(() -> IngressNginxApp.config(List.of("--ingress-class")))
            .hasMessage("flag needs an argument: --ingress-class");
    }
}
