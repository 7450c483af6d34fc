package io.knetsim.skupper.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Configurations in the shapes the original knetsim labs and Skupper wrote load as they are:
 *
 * <pre>
 *   router a                               router b
 *   listener interior-listener :55671 ◀─── connector to-a (localhost:55671)
 *   tcpListener web:8080 :1028             tcpConnector web → localhost:8090
 *            └──────────── address web:8080 ───────────┘
 * </pre>
 *
 * (the labs' two-router example on one host, in our own fixture files), the labs' generated
 * per-cluster file (one line, {@code json.dump} style), and a Skupper site's configuration with
 * TLS profiles and a log entity.
 */
class RouterConfigLabsTest {

    @Test
    void twoRouterExampleListeningSide() {
        RouterConfig a = Fixtures.load("two-router-a.json");

        assertThat(a.router()).isEqualTo(new RouterEntity("a", RouterMode.INTERIOR, 3,
            Optional.of("{\"id\":\"a\",\"version\":\"1.0.2\"}"), Map.of()));
        assertThat(a.listeners()).containsExactly(
            new ListenerEntity("amqp", Role.NORMAL, "localhost", 5672),
            new ListenerEntity("interior-listener", Role.INTER_ROUTER, "", 55671, 1, 16384, OptionalInt.of(640), Map.of()),
            new ListenerEntity("edge-listener", Role.EDGE, "", 45671, 1, 16384, OptionalInt.of(640), Map.of()),
            new ListenerEntity("@9090", Role.NORMAL, "", 9090, 1, 16384, OptionalInt.empty(),
                Map.of("http", true, "httpRootDir", "disabled", "healthz", true, "metrics", true)));
        assertThat(a.addresses()).containsExactly(new AddressEntity("mc", Distribution.MULTICAST));
        assertThat(a.tcpListeners()).containsExactly(
            new TcpListenerEntity("web:8080", "0.0.0.0", 1028, "web:8080", Optional.of("a"), Map.of()));
        assertThat(a.connectors()).isEmpty();
        assertThat(a.tcpConnectors()).isEmpty();
        assertThat(a.entities()).extracting(ConfigEntity::entityType).containsExactly(
            "router", "listener", "listener", "listener", "listener", "address", "tcpListener");
        assertThat(a.listener("interior-listener").orElseThrow().listensOnAnyAddress()).isTrue();
        assertThat(a.listener("@9090").orElseThrow().http()).isTrue();
        assertThat(a.router().helloIntervalSeconds()).isEqualTo(1);
        assertThat(a.router().raIntervalSeconds()).isEqualTo(30);
    }

    @Test
    void twoRouterExampleConnectingSide() {
        RouterConfig b = Fixtures.load("two-router-b.json");

        assertThat(b.router().id()).isEqualTo("b");
        assertThat(b.listeners()).extracting(ListenerEntity::port).containsExactly(5673, 55672, 45672, 9091);
        assertThat(b.connectors()).containsExactly(new ConnectorEntity("to-a", Role.INTER_ROUTER, "localhost", 55671,
            1, 16384, OptionalInt.of(640), Map.of()));
        assertThat(b.connector("to-a")).isPresent();
        assertThat(b.tcpConnectors()).containsExactly(
            new TcpConnectorEntity("web", "localhost", 8090, "web:8080", Optional.of("b"), Map.of()));
    }

    @Test
    void labsGeneratedFileLoadsWithItsPythonStyleMetadata() {
        RouterConfig c1 = Fixtures.load("labs-generated-1.json");

        assertThat(c1.source()).isEqualTo("labs-generated-1.json");
        assertThat(c1.router().metadata()).contains("{'id': '1', 'version': '1.0.2'}");
        assertThat(c1.connectors()).containsExactly(new ConnectorEntity("0", Role.INTER_ROUTER, "10.0.0.3", 55671,
            1, 16384, OptionalInt.of(640), Map.of()));
        assertThat(c1.tcpListeners()).containsExactly(
            new TcpListenerEntity("svc1", "0.0.0.0", 1028, "svc1", Optional.of("1"), Map.of()));
    }

    @Test
    void skupperSiteConfigurationLoads() {
        RouterConfig s = Fixtures.load("skupper-site.json");

        assertThat(s.router().others()).isEqualTo(Map.of("dataConnectionCount", "4"));
        assertThat(s.sslProfiles()).extracting(SslProfileEntity::name)
            .containsExactly("skupper-amqps", "skupper-internal");
        assertThat(s.sslProfiles().get(0).others()).containsEntry("caCertFile",
            "/etc/skupper-router-certs/skupper-amqps/ca.crt");
        assertThat(s.listener("amqps").orElseThrow().others())
            .isEqualTo(Map.of("sslProfile", "skupper-amqps", "saslMechanisms", "EXTERNAL", "authenticatePeer", true));
        assertThat(s.connector("east").orElseThrow().cost()).isEqualTo(2);
        assertThat(s.logs()).containsExactly(new LogEntity("DEFAULT", Map.of("enable", "info+")));
        assertThat(s.tcpConnectors()).extracting(TcpConnectorEntity::address).containsExactly("backend:8080");
        assertThat(s.tcpListeners()).extracting(TcpListenerEntity::port).containsExactly(1024);
    }

    @ParameterizedTest
    @ValueSource(strings = {"two-router-a.json", "two-router-b.json", "labs-generated-1.json", "skupper-site.json"})
    void toJsonRoundTrips(String fixture) {
        RouterConfig c = Fixtures.load(fixture);

        String json = c.toJson();
        RouterConfig again = RouterConfig.parse(json, "again.json");

        assertThat(again).isEqualTo(c);
        assertThat(again.toJson()).isEqualTo(json);
        assertThat(again.entities()).hasSameSizeAs(c.entities());
    }

    @Test
    void toJsonWritesOneEntityPerLineInSkupperSpelling() {
        RouterConfig b = Fixtures.load("two-router-b.json");

        assertThat(b.toJson()).isEqualTo(String.join("\n",
            "[",
            "  [\"router\", {\"id\": \"b\", \"mode\": \"interior\", \"helloMaxAgeSeconds\": \"3\", "
                + "\"metadata\": \"{\\\"id\\\":\\\"b\\\",\\\"version\\\":\\\"1.0.2\\\"}\"}],",
            "  [\"listener\", {\"name\": \"amqp\", \"role\": \"normal\", \"host\": \"localhost\", \"port\": 5673, "
                + "\"maxFrameSize\": 16384}],",
            "  [\"listener\", {\"name\": \"interior-listener\", \"role\": \"inter-router\", \"port\": 55672, "
                + "\"maxFrameSize\": 16384, \"maxSessionFrames\": 640}],",
            "  [\"listener\", {\"name\": \"edge-listener\", \"role\": \"edge\", \"port\": 45672, "
                + "\"maxFrameSize\": 16384, \"maxSessionFrames\": 640}],",
            "  [\"listener\", {\"name\": \"@9091\", \"role\": \"normal\", \"port\": 9091, \"maxFrameSize\": 16384, "
                + "\"http\": true, \"httpRootDir\": \"disabled\", \"healthz\": true, \"metrics\": true}],",
            "  [\"address\", {\"prefix\": \"mc\", \"distribution\": \"multicast\"}],",
            "  [\"connector\", {\"name\": \"to-a\", \"role\": \"inter-router\", \"host\": \"localhost\", "
                + "\"port\": \"55671\", \"cost\": 1, \"maxFrameSize\": 16384, \"maxSessionFrames\": 640}],",
            "  [\"tcpConnector\", {\"name\": \"web\", \"host\": \"localhost\", \"port\": \"8090\", "
                + "\"address\": \"web:8080\", \"siteId\": \"b\"}]",
            "]",
            ""));
    }

    @Test
    void schemaDefaultsApplyWhenAttributesAreLeftOut() {
        RouterConfig c = RouterConfig.parse("""
            [["router", {"id": "r"}],
             ["listener", {}],
             ["connector", {"name": "up"}],
             ["address", {"prefix": "q"}],
             ["tcpListener", {"name": "t", "port": 2000, "address": "t"}]]
            """, "defaults.json");

        assertThat(c.router()).isEqualTo(new RouterEntity("r", RouterMode.STANDALONE, 3, Optional.empty(), Map.of()));
        assertThat(c.listeners()).containsExactly(
            new ListenerEntity("@5672", Role.NORMAL, "", 5672, 1, 16384, OptionalInt.empty(), Map.of()));
        assertThat(c.connectors()).containsExactly(
            new ConnectorEntity("up", Role.NORMAL, "127.0.0.1", 5672, 1, 16384, OptionalInt.empty(), Map.of()));
        assertThat(c.addresses()).containsExactly(new AddressEntity("q", Distribution.BALANCED));
        assertThat(c.tcpListeners().get(0).host()).isEqualTo("0.0.0.0");
        assertThat(c.tcpListeners().get(0).siteId()).isEmpty();
    }

    @Test
    void portsAndIntegersMayBeNumbersOrStringsAndAmqpNamesThePort() {
        RouterConfig c = RouterConfig.parse("""
            [["router", {"id": "r", "mode": "edge", "helloMaxAgeSeconds": 5, "helloIntervalSeconds": "2"}],
             ["listener", {"name": "a", "port": "amqps", "maxFrameSize": "65536", "cost": "3"}],
             ["connector", {"name": "b", "port": 55671, "role": "edge"}],
             ["connector", {"name": "c", "port": "amqp", "verifyHostname": "no"}]]
            """, "forms.json");

        assertThat(c.router().mode()).isEqualTo(RouterMode.EDGE);
        assertThat(c.router().helloMaxAgeSeconds()).isEqualTo(5);
        assertThat(c.router().helloIntervalSeconds()).isEqualTo(2);
        assertThat(c.listeners().get(0).port()).isEqualTo(5671);
        assertThat(c.listeners().get(0).maxFrameSize()).isEqualTo(65536);
        assertThat(c.listeners().get(0).cost()).isEqualTo(3);
        assertThat(c.connectors()).extracting(ConnectorEntity::port).containsExactly(55671, 5672);
        assertThat(c.connectors().get(1).others()).isEqualTo(Map.of("verifyHostname", false));
        assertThat(List.of(c.connectors().get(0).role())).containsExactly(Role.EDGE);
    }
}
