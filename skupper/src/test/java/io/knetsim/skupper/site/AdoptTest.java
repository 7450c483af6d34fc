package io.knetsim.skupper.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.api.Service;
import io.knetsim.net.NetNamespace;
import io.knetsim.skupper.config.RouterConfig;
import io.knetsim.skupper.config.SiteSpec;
import io.knetsim.skupper.config.SkupperConfigGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routers started without {@code skupper init}, configured by hand as the labs configure them,
 * adopted as the sites' routers:
 *
 * <pre>
 *   C1 c1w1 10.0.0.8 [router C1] connector "C0" ──▶ C0 c0w1 10.0.0.3:55671 [router C0]
 *     tcpListener svc1 :1028                          tcpConnector svc1 ─▶ 11.10.16.9:80
 *   adopt("C0", C0w1, ...), adopt("C1", C1w1, ...) ─▶ both sites enabled, svc1 exposed from C0 on 1028
 * </pre>
 */
class AdoptTest {
    @TempDir
    Path dir;
    TwoSites w;
    Map<String, RouterConfig> configs;

    @BeforeEach
    void setUp() {
        w = new TwoSites(dir);
        configs = SkupperConfigGenerator.generate(
            List.of(new SiteSpec("C0", "10.0.0.3", List.of()), new SiteSpec("C1", "10.0.0.8", List.of("C0"))),
            List.of(new io.knetsim.skupper.config.ExposedService("svc1", "C0", "11.10.16.9", 80, 1028)));
    }

    private FakeRouter adopt(String cluster, NetNamespace host) {
        FakeRouter r = new FakeRouter(host, configs.get(cluster));
        w.network.adopt(cluster, host, r, configs.get(cluster));
        return r;
    }

    @Test
    void adoptedRoutersAreEnabledSitesWithTheirLinksAndServices() {
        FakeRouter c0 = adopt("C0", w.c0w1);
        // C0 alone: svc1 has a connector but no listener anywhere yet, so it is not an exposed service
        assertThat(w.network.exposed()).isEmpty();
        FakeRouter c1 = adopt("C1", w.c1w1);
        assertThat(w.network.exposed()).containsExactly(new ExposedService("svc1", 1028, 80,
            "C0"));
        c1.reachable.add("C0");
        c1.neighbours.add("C0");
        SkupperSite s1 = w.network.site("C1");
        assertThat(s1.status()).isEqualTo("Skupper is enabled for namespace \"default\" with site name \"C1\" in "
            + "interior mode. It is connected to 1 other site. It has 1 exposed service.");
        assertThat(s1.links()).containsExactly(new SkupperSite.LinkStatus("C0", "C0", true));
        assertThat(w.network.site("C0").links()).isEmpty();
        assertThat(s1.router()).containsSame(c1);
        // init on an adopted site changes nothing
        assertThat(w.network.init(s1)).isEmpty();
        assertThat(c1.applied).hasSize(1);
        assertThat(w.routers).isEmpty(); // the launcher started nothing

        // expose works on top: C0 gets the connector, C1 the listener and Service
        w.deployment(w.c0, "web", 80, "11.10.16.5");
        w.network.expose(w.network.site("C0"), "web", OptionalInt.of(8080), OptionalInt.of(80));
        assertThat(c0.current().tcpConnectors()).extracting(c -> c.name()).containsExactly("svc1", "web@11.10.16.5:80");
        assertThat(c1.current().tcpListeners()).extracting(l -> l.name()).containsExactly("svc1", "web:8080");
        assertThat(w.c1.find(Service.class, "default", "web")).isPresent();
        // svc1 counts as exposed: exposing another deployment under its name is refused
        w.deployment(w.c0, "svc1", 80, "11.10.16.6");
        assertThatThrownBy(() -> w.network.expose(w.network.site("C0"), "svc1", OptionalInt.of(9000),
            OptionalInt.empty())).isInstanceOf(SkupperException.class)
            .hasMessage("Unable to create skupper service: service svc1 is already exposed (from site C0, port 1028)");
    }

    @Test
    void aRouterOnAnotherHostOrASiteEnabledAlreadyIsRefusedAndNothingChanges() {
        FakeRouter wrong = new FakeRouter(w.c0w2, configs.get("C0"));
        assertThatThrownBy(() -> w.network.adopt("C0", w.c0w2, wrong, configs.get("C0")))
            .isInstanceOf(SkupperException.class)
            .hasMessage("cannot adopt the router on C0w2 for site C0: the site's router runs on C0w1");
        assertThat(w.network.site("C0").enabled()).isFalse();

        w.network.init(w.network.site("C1"));
        FakeRouter again = new FakeRouter(w.c1w1, configs.get("C1"));
        assertThatThrownBy(() -> w.network.adopt("C1", w.c1w1, again, configs.get("C1")))
            .isInstanceOf(SkupperException.class)
            .hasMessage("site C1 is enabled already; its router cannot be replaced");
        assertThat(w.network.site("C1").router()).containsSame(w.routers.get("C1"));
        assertThat(w.network.site("C1").links()).isEmpty();
        assertThatThrownBy(() -> w.network.adopt("C7", w.c1w1, again, configs.get("C1")))
            .isInstanceOf(SkupperException.class).hasMessage("context \"C7\" does not exist");
        assertThat(w.network.exposed()).isEmpty();
    }
}
