package io.knetsim.skupper.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A skupper-router configuration in its JSON form: a top-level array of
 * {@code [entityType, {attributes}]} pairs, as skupper-router reads from
 * {@code skrouterd.json} and the original knetsim labs wrote per cluster:
 *
 * <pre>
 *   [
 *     ["router", {"id": "C1", "mode": "interior", "helloMaxAgeSeconds": "3"}],
 *     ["listener", {"name": "interior-listener", "role": "inter-router", "port": 55671}],
 *     ["connector", {"name": "C0", "role": "inter-router", "host": "10.0.0.3", "port": "55671", "cost": 1}],
 *     ["tcpListener", {"name": "svc1", "port": "1028", "address": "svc1", "siteId": "C1"}]
 *   ]
 * </pre>
 *
 * Entity types read: {@code router} (exactly one), {@code listener}, {@code connector},
 * {@code address}, {@code tcpListener}, {@code tcpConnector}, {@code sslProfile}, {@code log}.
 * Anything else is refused, as are unknown attributes, values of the wrong type, missing
 * required attributes, unknown modes, roles and distributions, two entities of one type with
 * the same name (the same prefix for addresses, module for logs), and two listeners
 * ({@code listener} or {@code tcpListener}) on one port whose hosts overlap (equal, or either
 * one is "any"; port 0 asks for an ephemeral port and never clashes). Every refusal is a
 * {@link RouterConfigException} naming the source, the entity, the attribute and what was
 * expected; a configuration is either complete and consistent or not made at all.
 *
 * <p>{@link #toJson()} writes the same format back, one entity per line, in the original
 * order; {@code parse(c.toJson(), s)} equals {@code c}. Equality compares the entities, not
 * the source name. Instances are immutable.
 */
public final class RouterConfig {
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Map<String, Function<Attributes, ConfigEntity>> READERS = Map.of(
        RouterEntity.TYPE, RouterEntity::read,
        ListenerEntity.TYPE, ListenerEntity::read,
        ConnectorEntity.TYPE, ConnectorEntity::read,
        AddressEntity.TYPE, AddressEntity::read,
        TcpListenerEntity.TYPE, TcpListenerEntity::read,
        TcpConnectorEntity.TYPE, TcpConnectorEntity::read,
        SslProfileEntity.TYPE, SslProfileEntity::read,
        LogEntity.TYPE, LogEntity::read);
    private static final String TYPES =
        "router, listener, connector, address, tcpListener, tcpConnector, sslProfile, log";

    private final String source;
    private final List<ConfigEntity> entities;

    private RouterConfig(String source, List<ConfigEntity> entities) {
        this.source = source;
        this.entities = List.copyOf(entities);
    }

    /**
     * Reads a configuration.
     *
     * @param json the file's text
     * @param sourceName the file name or label that error messages start with
     * @throws RouterConfigException when the text is not a configuration skupper-router would start with
     */
    public static RouterConfig parse(String json, String sourceName) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(sourceName, "sourceName");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw RouterConfigException.whole(sourceName, where + "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw RouterConfigException.whole(sourceName,
                "expected a JSON array of [entityType, {attributes}] pairs, got "
                    + (root == null || root.isMissingNode() ? "nothing" : Attributes.show(root)));
        }
        List<ConfigEntity> entities = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode pair = root.get(i);
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isObject()) {
                throw new RouterConfigException(sourceName, i, null, null,
                    "expected a pair [\"entityType\", {attributes}], got " + Attributes.show(pair));
            }
            String type = pair.get(0).textValue();
            Function<Attributes, ConfigEntity> reader = READERS.get(type);
            if (reader == null) {
                throw new RouterConfigException(sourceName, i, null, null,
                    "unknown entity type \"" + type + "\" (expected one of " + TYPES + ")");
            }
            entities.add(reader.apply(new Attributes(sourceName, i, type, (ObjectNode) pair.get(1))));
        }
        return of(sourceName, entities);
    }

    /**
     * A configuration from entities made in code (by a generator or the skupper verbs), checked
     * as {@link #parse} checks a file: one router, unique names, no port clash.
     *
     * @throws RouterConfigException naming {@code sourceName} and the entity's index in the list
     */
    public static RouterConfig of(String sourceName, List<? extends ConfigEntity> entities) {
        Objects.requireNonNull(sourceName, "sourceName");
        List<ConfigEntity> list = List.copyOf(entities);
        int router = -1;
        Map<String, Integer> names = new HashMap<>();
        List<Integer> listening = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigEntity e = list.get(i);
            if (e instanceof RouterEntity) {
                if (router >= 0) {
                    throw new RouterConfigException(sourceName, i, e.entityType(), null,
                        "a second router entity (the first is entity [" + router + "])");
                }
                router = i;
            }
            String[] key = uniqueKey(e);
            if (key != null) {
                Integer first = names.putIfAbsent(e.entityType() + "\0" + key[1], i);
                if (first != null) {
                    throw new RouterConfigException(sourceName, i, e.entityType(), key[0],
                        "duplicate " + key[0] + " \"" + key[1] + "\" (also entity [" + first + "])");
                }
            }
            if (e instanceof ListenerEntity || e instanceof TcpListenerEntity) {
                checkPortClash(sourceName, list, listening, i);
                listening.add(i);
            }
        }
        if (router < 0) {
            throw RouterConfigException.whole(sourceName, "no router entity (skupper-router will not start without one)");
        }
        return new RouterConfig(sourceName, list);
    }

    /** {attribute, value} that must be unique among entities of the same type, or null. */
    private static String[] uniqueKey(ConfigEntity e) {
        if (e instanceof ListenerEntity l) {
            return new String[] {"name", l.name()};
        } else if (e instanceof ConnectorEntity c) {
            return new String[] {"name", c.name()};
        } else if (e instanceof TcpListenerEntity t) {
            return new String[] {"name", t.name()};
        } else if (e instanceof TcpConnectorEntity t) {
            return new String[] {"name", t.name()};
        } else if (e instanceof SslProfileEntity s) {
            return new String[] {"name", s.name()};
        } else if (e instanceof AddressEntity a) {
            return new String[] {a.prefix().isPresent() ? "prefix" : "pattern", a.key()};
        } else if (e instanceof LogEntity l) {
            return new String[] {"module", l.module()};
        }
        return null;
    }

    private static void checkPortClash(String source, List<ConfigEntity> list, List<Integer> earlier, int i) {
        String host = host(list.get(i));
        int port = port(list.get(i));
        if (port == 0) {
            return;
        }
        for (int j : earlier) {
            if (port(list.get(j)) == port && Ports.overlap(host, host(list.get(j)))) {
                throw new RouterConfigException(source, i, list.get(i).entityType(), "port",
                    "port " + port + " on host \"" + host + "\" clashes with entity [" + j + "] ("
                        + list.get(j).entityType() + " \"" + name(list.get(j)) + "\" on host \""
                        + host(list.get(j)) + "\")");
            }
        }
    }

    private static String host(ConfigEntity e) {
        return e instanceof ListenerEntity l ? l.host() : ((TcpListenerEntity) e).host();
    }

    private static int port(ConfigEntity e) {
        return e instanceof ListenerEntity l ? l.port() : ((TcpListenerEntity) e).port();
    }

    private static String name(ConfigEntity e) {
        return e instanceof ListenerEntity l ? l.name() : ((TcpListenerEntity) e).name();
    }

    /**
     * This configuration with one more entity at the end, checked as a whole (as the skupper
     * verbs add a connector or a TCP bridge to a running site's configuration).
     *
     * @throws RouterConfigException when the result would not start (duplicate name, port clash, ...)
     */
    public RouterConfig with(ConfigEntity entity) {
        List<ConfigEntity> list = new ArrayList<>(entities);
        list.add(Objects.requireNonNull(entity, "entity"));
        return of(source, list);
    }

    /**
     * This configuration without the entities equal to {@code entity}.
     *
     * @throws RouterConfigException when the router entity itself is removed
     */
    public RouterConfig without(ConfigEntity entity) {
        List<ConfigEntity> list = new ArrayList<>(entities);
        list.removeIf(entity::equals);
        return of(source, list);
    }

    /** The name given when the configuration was read or made. */
    public String source() {
        return source;
    }

    /** Every entity, in file order. */
    public List<ConfigEntity> entities() {
        return entities;
    }

    /** The router entity (there is always exactly one). */
    public RouterEntity router() {
        return all(RouterEntity.class).get(0);
    }

    /** The listeners, in file order. */
    public List<ListenerEntity> listeners() {
        return all(ListenerEntity.class);
    }

    /** The connectors, in file order. */
    public List<ConnectorEntity> connectors() {
        return all(ConnectorEntity.class);
    }

    /** The address entities, in file order. */
    public List<AddressEntity> addresses() {
        return all(AddressEntity.class);
    }

    /** The tcpListeners, in file order. */
    public List<TcpListenerEntity> tcpListeners() {
        return all(TcpListenerEntity.class);
    }

    /** The tcpConnectors, in file order. */
    public List<TcpConnectorEntity> tcpConnectors() {
        return all(TcpConnectorEntity.class);
    }

    /** The sslProfiles, in file order. */
    public List<SslProfileEntity> sslProfiles() {
        return all(SslProfileEntity.class);
    }

    /** The log entities, in file order. */
    public List<LogEntity> logs() {
        return all(LogEntity.class);
    }

    /** The listener with this name, if any. */
    public Optional<ListenerEntity> listener(String name) {
        return listeners().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** The connector with this name, if any. */
    public Optional<ConnectorEntity> connector(String name) {
        return connectors().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private <T extends ConfigEntity> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (ConfigEntity e : entities) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The configuration in skupper-router's JSON format, one entity per line:
     *
     * <pre>
     *   [
     *     ["router", {"id": "C0", "mode": "interior", "helloMaxAgeSeconds": "3"}],
     *     ["listener", {"name": "interior-listener", "role": "inter-router", "port": 55671, "maxFrameSize": 16384}]
     *   ]
     * </pre>
     *
     * Typed attributes are written explicitly (defaults included, except a listener's empty
     * host and cost 1); ports of connectors and TCP bridges and {@code helloMaxAgeSeconds} as
     * strings, the way Skupper writes them; other attributes as they were read.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < entities.size(); i++) {
            ConfigEntity e = entities.get(i);
            sb.append("  [").append(quote(e.entityType())).append(", {");
            boolean first = true;
            for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
                sb.append(first ? "" : ", ").append(quote(a.getKey())).append(": ").append(value(a.getValue()));
                first = false;
            }
            sb.append("}]").append(i + 1 < entities.size() ? ",\n" : "\n");
        }
        return sb.append("]\n").toString();
    }

    private static String quote(String s) {
        return value(s);
    }

    private static String value(Object v) {
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouterConfig other && entities.equals(other.entities);
    }

    @Override
    public int hashCode() {
        return entities.hashCode();
    }

    @Override
    public String toString() {
        return source + ": " + entities;
    }
}
