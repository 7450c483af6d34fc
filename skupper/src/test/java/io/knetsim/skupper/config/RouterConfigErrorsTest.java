package io.knetsim.skupper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad configurations are refused with a message that names the file, the entity (index and
 * type), the attribute and what was expected; nothing half-made is returned. Each case below
 * is the labs' minimal router plus one mistake.
 */
class RouterConfigErrorsTest {
    private static final String ROUTER = "[\"router\", {\"id\": \"C0\", \"mode\": \"interior\"}]";

    private static String withRouter(String entity) {
        return "[" + ROUTER + ", " + entity + "]";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // unknown entity type and attribute
        "`[\"linkRoute\", {\"prefix\": \"q\"}]`"
            + "|C0.json: entity [1]: unknown entity type \"linkRoute\" (expected one of router, listener, connector, "
            + "address, tcpListener, tcpConnector, sslProfile, log)",
        "`[\"listener\", {\"name\": \"l\", \"prot\": 55671}]`"
            + "|C0.json: entity [1] (listener): attribute \"prot\": unknown attribute for listener",
        "`[\"tcpConnector\", {\"name\": \"s\", \"host\": \"h\", \"port\": 80, \"address\": \"s\", \"lport\": 1028}]`"
            + "|C0.json: entity [1] (tcpConnector): attribute \"lport\": unknown attribute for tcpConnector",
        // wrong types
        "`[\"listener\", {\"name\": \"l\", \"port\": true}]`"
            + "|C0.json: entity [1] (listener): attribute \"port\": expected a port number from 0 to 65535, "
            + "\"amqp\" or \"amqps\", got true",
        "`[\"connector\", {\"name\": \"c\", \"port\": \"70000\"}]`"
            + "|C0.json: entity [1] (connector): attribute \"port\": expected a port number from 0 to 65535, "
            + "\"amqp\" or \"amqps\", got \"70000\"",
        "`[\"connector\", {\"name\": \"c\", \"host\": 10}]`"
            + "|C0.json: entity [1] (connector): attribute \"host\": expected a string, got 10",
        "`[\"connector\", {\"name\": \"c\", \"cost\": 0}]`"
            + "|C0.json: entity [1] (connector): attribute \"cost\": expected an integer from 1 to 2147483647, got 0",
        "`[\"listener\", {\"name\": \"l\", \"maxFrameSize\": \"big\"}]`"
            + "|C0.json: entity [1] (listener): attribute \"maxFrameSize\": expected an integer from 512 to "
            + "2147483647, got \"big\"",
        "`[\"listener\", {\"name\": \"l\", \"maxSessionFrames\": 1}]`"
            + "|C0.json: entity [1] (listener): attribute \"maxSessionFrames\": expected an integer from 2 to "
            + "2147483647, got 1",
        "`[\"listener\", {\"name\": \"l\", \"http\": \"maybe\"}]`"
            + "|C0.json: entity [1] (listener): attribute \"http\": expected true or false, got \"maybe\"",
        // bad enumerations
        "`[\"listener\", {\"name\": \"l\", \"role\": \"interior\"}]`"
            + "|C0.json: entity [1] (listener): attribute \"role\": expected one of normal, inter-router, "
            + "route-container, edge, inter-edge, got \"interior\"",
        "`[\"address\", {\"prefix\": \"q\", \"distribution\": \"anycast\"}]`"
            + "|C0.json: entity [1] (address): attribute \"distribution\": expected one of multicast, closest, "
            + "balanced, unavailable, got \"anycast\"",
        // missing required attributes
        "`[\"tcpListener\", {\"name\": \"svc1\", \"port\": 1028}]`"
            + "|C0.json: entity [1] (tcpListener): attribute \"address\": required but missing",
        "`[\"tcpConnector\", {\"name\": \"svc1\", \"port\": 80, \"address\": \"svc1\"}]`"
            + "|C0.json: entity [1] (tcpConnector): attribute \"host\": required but missing",
        "`[\"tcpListener\", {\"name\": \"svc1\", \"address\": \"svc1\"}]`"
            + "|C0.json: entity [1] (tcpListener): attribute \"port\": required but missing",
        "`[\"connector\", {\"role\": \"inter-router\", \"host\": \"10.0.0.3\", \"port\": \"55671\"}]`"
            + "|C0.json: entity [1] (connector): attribute \"name\": required but missing",
        "`[\"address\", {\"distribution\": \"closest\"}]`"
            + "|C0.json: entity [1] (address): attribute \"prefix\": required but missing (or give a pattern)",
        // shapes
        "`[\"listener\", {\"name\": \"l\"}, 3]`"
            + "|C0.json: entity [1]: expected a pair [\"entityType\", {attributes}], got [\"listener\",{\"name\":\"l\"},3]",
        "`{\"listener\": {}}`"
            + "|C0.json: entity [1]: expected a pair [\"entityType\", {attributes}], got {\"listener\":{}}",
    })
    void oneMistakeOneMessage(String entity, String message) {
        assertThatThrownBy(() -> RouterConfig.parse(withRouter(entity), "C0.json"))
            .isInstanceOf(RouterConfigException.class)
            .hasMessage(message);
    }

    @Test
    void routerModeMustBeKnown() {
        assertThatThrownBy(() -> RouterConfig.parse("[[\"router\", {\"id\": \"C0\", \"mode\": \"core\"}]]", "C0.json"))
            .hasMessage("C0.json: entity [0] (router): attribute \"mode\": expected one of standalone, interior, "
                + "edge, got \"core\"");
    }

    @Test
    void routerNeedsAnIdWithoutSpaces() {
        assertThatThrownBy(() -> RouterConfig.parse("[[\"router\", {\"mode\": \"interior\"}]]", "C0.json"))
            .hasMessage("C0.json: entity [0] (router): attribute \"id\": required but missing");
        assertThatThrownBy(() -> RouterConfig.parse("[[\"router\", {\"id\": \"my router\"}]]", "C0.json"))
            .hasMessage("C0.json: entity [0] (router): attribute \"id\": may not contain whitespace or control "
                + "characters, got \"my router\"");
    }

    @Test
    void noRouterEntity() {
        RouterConfigException e = catchThrowableOfType(
            () -> RouterConfig.parse("[[\"listener\", {\"name\": \"amqp\", \"port\": 5672}]]", "C1.json"),
            RouterConfigException.class);

        assertThat(e).hasMessage("C1.json: no router entity (skupper-router will not start without one)");
        assertThat(e.source()).isEqualTo("C1.json");
        assertThat(e.entityIndex()).isEqualTo(-1);
        assertThat(e.attribute()).isNull();
    }

    @Test
    void twoRouterEntities() {
        assertThatThrownBy(() -> RouterConfig.parse("[" + ROUTER + ", " + ROUTER + "]", "C0.json"))
            .hasMessage("C0.json: entity [1] (router): a second router entity (the first is entity [0])");
    }

    @Test
    void duplicateNamesWithinOneEntityType() {
        RouterConfigException e = catchThrowableOfType(() -> RouterConfig.parse("[" + ROUTER
            + ", [\"connector\", {\"name\": \"C1\", \"host\": \"10.0.0.8\", \"port\": \"55671\"}]"
            + ", [\"listener\", {\"name\": \"C1\", \"port\": 5672}]"
            + ", [\"connector\", {\"name\": \"C1\", \"host\": \"10.0.0.9\", \"port\": \"55671\"}]]", "C0.json"),
            RouterConfigException.class);

        assertThat(e).hasMessage("C0.json: entity [3] (connector): attribute \"name\": duplicate name \"C1\" "
            + "(also entity [1])");
        assertThat(e.entityIndex()).isEqualTo(3);
        assertThat(e.entityType()).isEqualTo("connector");
        assertThat(e.attribute()).isEqualTo("name");
        assertThat(e.detail()).isEqualTo("duplicate name \"C1\" (also entity [1])");
    }

    @Test
    void duplicateAddressPrefix() {
        assertThatThrownBy(() -> RouterConfig.parse("[" + ROUTER + ", [\"address\", {\"prefix\": \"mc\"}], "
            + "[\"address\", {\"prefix\": \"mc\", \"distribution\": \"closest\"}]]", "C0.json"))
            .hasMessage("C0.json: entity [2] (address): attribute \"prefix\": duplicate prefix \"mc\" (also entity [1])");
    }

    @Test
    void twoListenersOnOnePortClash() {
        assertThatThrownBy(() -> RouterConfig.parse("[" + ROUTER
            + ", [\"listener\", {\"name\": \"interior-listener\", \"role\": \"inter-router\", \"port\": 55671}]"
            + ", [\"tcpListener\", {\"name\": \"svc1\", \"port\": \"55671\", \"address\": \"svc1\"}]]", "C1.json"))
            .hasMessage("C1.json: entity [2] (tcpListener): attribute \"port\": port 55671 on host \"0.0.0.0\" "
                + "clashes with entity [1] (listener \"interior-listener\" on host \"\")");
    }

    @Test
    void listenersOnOnePortButDistinctHostsDoNotClash() {
        RouterConfig c = RouterConfig.parse("[" + ROUTER
            + ", [\"listener\", {\"name\": \"a\", \"host\": \"127.0.0.1\", \"port\": 5672}]"
            + ", [\"listener\", {\"name\": \"b\", \"host\": \"10.0.0.3\", \"port\": 5672}]"
            + ", [\"listener\", {\"name\": \"e1\", \"port\": 0}]"
            + ", [\"listener\", {\"name\": \"e2\", \"port\": 0}]]", "C0.json");

        assertThat(c.listeners()).hasSize(4);
    }

    @Test
    void notJsonOrNotAnArray() {
        assertThatThrownBy(() -> RouterConfig.parse("[[\"router\", {\"id\": \"C0\",}]]", "C0.json"))
            .hasMessage("C0.json: line 1, column 25: not valid JSON: Unexpected character ('}' (code 125)): was "
                + "expecting double-quote to start field name");
        assertThatThrownBy(() -> RouterConfig.parse("{\"router\": {\"id\": \"C0\"}}", "C0.json"))
            .hasMessage("C0.json: expected a JSON array of [entityType, {attributes}] pairs, got {\"router\":{\"id\":\"C0\"}}");
        assertThatThrownBy(() -> RouterConfig.parse("", "empty.json"))
            .hasMessage("empty.json: expected a JSON array of [entityType, {attributes}] pairs, got nothing");
        assertThatThrownBy(() -> RouterConfig.parse("[[\"router\", {\"id\": \"a\", \"id\": \"b\"}]]", "C0.json"))
            .hasMessage("C0.json: line 1, column 29: not valid JSON: Duplicate field 'id'");
    }

    @Test
    void addingAndRemovingEntitiesKeepsTheChecks() {
        RouterConfig c = RouterConfig.parse(withRouter(
            "[\"listener\", {\"name\": \"interior-listener\", \"role\": \"inter-router\", \"port\": 55671}]"),
            "C0.json");
        ConnectorEntity link = new ConnectorEntity("C1", Role.INTER_ROUTER, "10.0.0.8", 55671, 2);

        RouterConfig linked = c.with(link);
        assertThat(linked.connectors()).containsExactly(link);
        assertThat(linked.without(link)).isEqualTo(c);
        assertThat(c.connectors()).isEmpty();
        assertThatThrownBy(() -> linked.with(link))
            .hasMessage("C0.json: entity [3] (connector): attribute \"name\": duplicate name \"C1\" (also entity [2])");
        assertThatThrownBy(() -> c.with(new TcpListenerEntity("svc1", "", 55671, "svc1", Optional.empty(), Map.of())))
            .hasMessage("C0.json: entity [2] (tcpListener): attribute \"port\": port 55671 on host \"\" clashes with "
                + "entity [1] (listener \"interior-listener\" on host \"\")");
        assertThatThrownBy(() -> c.without(c.router()))
            .hasMessage("C0.json: no router entity (skupper-router will not start without one)");
    }

    @Test
    void entitiesMadeInCodeAreCheckedTheSameWay() {
        List<ConfigEntity> entities = List.of(
            new RouterEntity("C0", RouterMode.INTERIOR),
            new TcpListenerEntity("svc1", "0.0.0.0", 9090, "svc1", Optional.empty(), Map.of()),
            new ListenerEntity("@9090", Role.NORMAL, "", 9090));

        assertThatThrownBy(() -> RouterConfig.of("generated", entities))
            .hasMessage("generated: entity [2] (listener): attribute \"port\": port 9090 on host \"\" clashes with "
                + "entity [1] (tcpListener \"svc1\" on host \"0.0.0.0\")");
    }
}
