package io.knetsim.skupper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The labs' generator on the default world of ../shared/DESIGN.md:
 *
 * <pre>
 *   C0 (first worker C0w1 10.0.0.3)                 C1 (first worker C1w1 10.0.0.8)
 *   router C0                                       router C1
 *   listener interior-listener 10.0.0.3:55671 ◀──── connector "C0" → 10.0.0.3:55671
 *   tcpConnector svc1 → c4 11.10.16.3:80            tcpListener svc1 0.0.0.0:1028
 * </pre>
 *
 * (c4's address 11.10.16.3 is the one the default world's flannel gives it, see
 * docs/labs/02-pod-to-pod.md.)
 */
class SkupperConfigGeneratorTest {
    private static final List<SiteSpec> SITES = List.of(
        new SiteSpec("C0", "10.0.0.3", List.of()),
        new SiteSpec("C1", "10.0.0.8", List.of("C0")));
    private static final List<ExposedService> SERVICES = List.of(
        new ExposedService("svc1", "C0", "11.10.16.3", 80, 1028));

    private static final String BASE = String.join("\n",
        "  [\"listener\", {\"name\": \"amqp\", \"role\": \"normal\", \"host\": \"localhost\", \"port\": 5672, "
            + "\"maxFrameSize\": 16384}],",
        "  [\"listener\", {\"name\": \"interior-listener\", \"role\": \"inter-router\", \"host\": \"%s\", "
            + "\"port\": 55671, \"maxFrameSize\": 16384, \"maxSessionFrames\": 640}],",
        "  [\"listener\", {\"name\": \"edge-listener\", \"role\": \"edge\", \"port\": 45671, \"maxFrameSize\": 16384, "
            + "\"maxSessionFrames\": 640}],",
        "  [\"listener\", {\"name\": \"@9090\", \"role\": \"normal\", \"port\": 9090, \"maxFrameSize\": 16384, "
            + "\"http\": true, \"httpRootDir\": \"disabled\", \"healthz\": true, \"metrics\": true}],",
        "  [\"address\", {\"prefix\": \"mc\", \"distribution\": \"multicast\"}],",
        "");

    @Test
    void defaultWorldC0HoldsTheServiceConnector() {
        RouterConfig c0 = SkupperConfigGenerator.generate(SITES, SERVICES).get("C0");

        assertThat(c0.source()).isEqualTo("C0.json");
        assertThat(c0.toJson()).isEqualTo("[\n"
            + "  [\"router\", {\"id\": \"C0\", \"mode\": \"interior\", \"helloMaxAgeSeconds\": \"3\", "
            + "\"metadata\": \"{\\\"id\\\":\\\"C0\\\",\\\"version\\\":\\\"1.0.2\\\"}\"}],\n"
            + String.format(BASE, "10.0.0.3")
            + "  [\"tcpConnector\", {\"name\": \"svc1\", \"host\": \"11.10.16.3\", \"port\": \"80\", "
            + "\"address\": \"svc1\", \"siteId\": \"C0\"}]\n"
            + "]\n");
        assertThat(c0.connectors()).isEmpty();
        assertThat(c0.tcpListeners()).isEmpty();
    }

    @Test
    void defaultWorldC1LinksToC0AndListensForTheService() {
        RouterConfig c1 = SkupperConfigGenerator.generate(SITES, SERVICES).get("C1");

        assertThat(c1.toJson()).isEqualTo("[\n"
            + "  [\"router\", {\"id\": \"C1\", \"mode\": \"interior\", \"helloMaxAgeSeconds\": \"3\", "
            + "\"metadata\": \"{\\\"id\\\":\\\"C1\\\",\\\"version\\\":\\\"1.0.2\\\"}\"}],\n"
            + String.format(BASE, "10.0.0.8")
            + "  [\"connector\", {\"name\": \"C0\", \"role\": \"inter-router\", \"host\": \"10.0.0.3\", "
            + "\"port\": \"55671\", \"cost\": 1, \"maxFrameSize\": 16384, \"maxSessionFrames\": 640}],\n"
            + "  [\"tcpListener\", {\"name\": \"svc1\", \"host\": \"0.0.0.0\", \"port\": \"1028\", "
            + "\"address\": \"svc1\", \"siteId\": \"C1\"}]\n"
            + "]\n");
        assertThat(c1.router()).isEqualTo(new RouterEntity("C1", RouterMode.INTERIOR, 3,
            Optional.of("{\"id\":\"C1\",\"version\":\"1.0.2\"}"), Map.of()));
        assertThat(c1.connectors()).containsExactly(new ConnectorEntity("C0", Role.INTER_ROUTER, "10.0.0.3", 55671,
            1, 16384, OptionalInt.of(640), Map.of()));
        assertThat(c1.tcpListeners()).containsExactly(
            new TcpListenerEntity("svc1", "0.0.0.0", 1028, "svc1", Optional.of("C1"), Map.of()));
        assertThat(c1.tcpConnectors()).isEmpty();
    }

    @Test
    void sitesComeBackInTheirOrderAndEachRoundTrips() {
        Map<String, RouterConfig> configs = SkupperConfigGenerator.generate(SITES, SERVICES);

        assertThat(configs).containsOnlyKeys("C0", "C1");
        assertThat(configs.keySet()).containsExactly("C0", "C1");
        configs.values().forEach(c -> assertThat(RouterConfig.parse(c.toJson(), c.source())).isEqualTo(c));
    }

    @Test
    void theLabsGeneratedShapeIsWhatTheGeneratorMakesUpToNamesAndHosts() {
        RouterConfig labs = Fixtures.load("labs-generated-1.json");
        RouterConfig ours = SkupperConfigGenerator.generate(SITES, SERVICES).get("C1");

        assertThat(ours.entities()).extracting(ConfigEntity::entityType)
            .containsExactlyElementsOf(labs.entities().stream().map(ConfigEntity::entityType).toList());
        assertThat(ours.listeners()).extracting(ListenerEntity::name, ListenerEntity::role, ListenerEntity::port)
            .containsExactlyElementsOf(labs.listeners().stream()
                .map(l -> org.assertj.core.groups.Tuple.tuple(l.name(), l.role(), l.port())).toList());
    }

    @Test
    void threeSitesInALineWithTwoServices() {
        Map<String, RouterConfig> configs = SkupperConfigGenerator.generate(
            List.of(new SiteSpec("A", "10.0.0.3", List.of("B")), new SiteSpec("B", "10.0.0.8", List.of()),
                new SiteSpec("C", "10.0.0.13", List.of("B"))),
            List.of(new ExposedService("db", "C", "11.12.0.5", 5432, 15432),
                new ExposedService("web", "A", "11.10.0.7", 8080, 18080)));

        assertThat(configs.get("B").connectors()).isEmpty();
        assertThat(configs.get("C").connectors()).extracting(ConnectorEntity::host).containsExactly("10.0.0.8");
        assertThat(configs.get("B").tcpListeners()).extracting(TcpListenerEntity::address, TcpListenerEntity::port)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("db", 15432),
                org.assertj.core.groups.Tuple.tuple("web", 18080));
        assertThat(configs.get("C").tcpConnectors()).extracting(TcpConnectorEntity::host).containsExactly("11.12.0.5");
        assertThat(configs.get("A").tcpConnectors()).extracting(TcpConnectorEntity::port).containsExactly(8080);
    }

    /**
     * Issue #7's second, dearer path: A links to B at the default cost and straight to C at cost
     * 5, so A-B-C (cost 2) is preferred to A-C.
     *
     * <pre>
     *   A ──1──▶ B ──1──▶ C
     *   └────────5───────▶┘
     * </pre>
     */
    @Test
    void aRemoteWithACostGivesItsConnectorThatCost() {
        Map<String, RouterConfig> configs = SkupperConfigGenerator.generate(List.of(
                SiteSpec.of("A", "10.0.0.3", List.of(SiteSpec.Remote.of("B"), SiteSpec.Remote.of("C", 5))),
                new SiteSpec("B", "10.0.0.8", List.of("C")),
                new SiteSpec("C", "10.0.0.13", List.of())),
            List.of());

        assertThat(configs.get("A").toJson()).isEqualTo("[\n"
            + "  [\"router\", {\"id\": \"A\", \"mode\": \"interior\", \"helloMaxAgeSeconds\": \"3\", "
            + "\"metadata\": \"{\\\"id\\\":\\\"A\\\",\\\"version\\\":\\\"1.0.2\\\"}\"}],\n"
            + String.format(BASE, "10.0.0.3")
            + "  [\"connector\", {\"name\": \"B\", \"role\": \"inter-router\", \"host\": \"10.0.0.8\", "
            + "\"port\": \"55671\", \"cost\": 1, \"maxFrameSize\": 16384, \"maxSessionFrames\": 640}],\n"
            + "  [\"connector\", {\"name\": \"C\", \"role\": \"inter-router\", \"host\": \"10.0.0.13\", "
            + "\"port\": \"55671\", \"cost\": 5, \"maxFrameSize\": 16384, \"maxSessionFrames\": 640}]\n"
            + "]\n");
        assertThat(configs.get("B").connectors()).containsExactly(new ConnectorEntity("C", Role.INTER_ROUTER,
            "10.0.0.13", 55671, 1, 16384, OptionalInt.of(640), Map.of()));
    }

    @Test
    void plainRemoteNamesAreLinksOfCostOne() {
        assertThat(new SiteSpec("A", "10.0.0.3", List.of("B", "C")))
            .isEqualTo(SiteSpec.of("A", "10.0.0.3", List.of(SiteSpec.Remote.of("B"), new SiteSpec.Remote("C", 1))));
        assertThat(new SiteSpec("A", "10.0.0.3", List.of("B")).remotes()).containsExactly(SiteSpec.Remote.of("B", 1));
    }

    @Test
    void aCostBelowOneIsRefused() {
        assertThatThrownBy(() -> SiteSpec.Remote.of("C", 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("remote C: invalid cost 0: expected an integer from 1 to 2147483647");
        assertThatThrownBy(() -> new SiteSpec.Remote("B", -3))
            .hasMessage("remote B: invalid cost -3: expected an integer from 1 to 2147483647");
    }

    @Test
    void aRemoteListedTwiceIsRefusedWhateverItsCosts() {
        assertThatThrownBy(() -> SkupperConfigGenerator.generate(List.of(
                SiteSpec.of("A", "10.0.0.3", List.of(SiteSpec.Remote.of("B"), SiteSpec.Remote.of("B", 5))),
                new SiteSpec("B", "10.0.0.8", List.of())), List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("site A: remote B is listed twice");
    }

    @Test
    void badSitesAndServicesAreRefused() {
        assertThatThrownBy(() -> SkupperConfigGenerator.generate(
            List.of(new SiteSpec("C1", "10.0.0.8", List.of("C9"))), List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("site C1: remote C9 is not a site");
        assertThatThrownBy(() -> SkupperConfigGenerator.generate(SITES,
            List.of(new ExposedService("svc2", "C7", "11.10.16.4", 80, 1029))))
            .hasMessage("service svc2: cluster C7 is not a site");
        assertThatThrownBy(() -> SkupperConfigGenerator.generate(
            List.of(SITES.get(0), SITES.get(0)), List.of()))
            .hasMessage("site C0 is listed twice");
        assertThatThrownBy(() -> SkupperConfigGenerator.generate(
            List.of(new SiteSpec("C0", "10.0.0.3", List.of("C0"))), List.of()))
            .hasMessage("site C0: cannot link to itself");
    }

    @Test
    void aServicePortThatClashesWithARouterPortIsRefused() {
        assertThatThrownBy(() -> SkupperConfigGenerator.generate(SITES,
            List.of(new ExposedService("svc1", "C0", "11.10.16.3", 80, 9090))))
            .isInstanceOf(RouterConfigException.class)
            .hasMessage("C1.json: entity [7] (tcpListener): attribute \"port\": port 9090 on host \"0.0.0.0\" "
                + "clashes with entity [4] (listener \"@9090\" on host \"\")");
    }
}
