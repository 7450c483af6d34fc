package io.knetsim.skupper.config;

import static io.knetsim.skupper.config.Attributes.Kind.BOOLEAN;
import static io.knetsim.skupper.config.Attributes.Kind.INTEGER;
import static io.knetsim.skupper.config.Attributes.Kind.STRING;
import static io.knetsim.skupper.config.Attributes.Kind.STRING_OR_INTEGER;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code router} entity: the router's identity and mode. skupper-router will not start
 * without exactly one.
 *
 * <pre>
 *   ["router", {"id": "C0", "mode": "interior", "helloMaxAgeSeconds": "3",
 *               "metadata": "{\"id\":\"C0\",\"version\":\"1.0.2\"}"}]
 * </pre>
 *
 * Defaults as in skupper-router's schema: {@code mode} standalone, {@code helloMaxAgeSeconds} 3,
 * {@code helloIntervalSeconds} 1, {@code raIntervalSeconds} 30, {@code raIntervalFluxSeconds}
 * 4, {@code remoteLsMaxAgeSeconds} 60. Unlike skupper-router, which makes up a random id when
 * none is given, knetsim requires {@code id} so that runs are reproducible. The id may not
 * contain whitespace or control characters.
 *
 * @param id the router's unique identity in the network
 * @param mode standalone, interior or edge
 * @param helloMaxAgeSeconds seconds without a HELLO after which a neighbour is declared lost
 * @param metadata free text for tools (Skupper puts a JSON object in it), if given
 * @param others the other schema attributes present (helloIntervalSeconds, raIntervalSeconds, ...)
 */
public record RouterEntity(String id, RouterMode mode, int helloMaxAgeSeconds, Optional<String> metadata,
                           Map<String, Object> others) implements ConfigEntity {
    /** The entity type name. */
    public static final String TYPE = "router";

    static final Map<String, Attributes.Kind> OTHERS = Map.ofEntries(
        Map.entry("name", STRING), Map.entry("vanId", STRING), Map.entry("area", STRING_OR_INTEGER),
        Map.entry("helloIntervalSeconds", INTEGER), Map.entry("raIntervalSeconds", INTEGER),
        Map.entry("raIntervalFluxSeconds", INTEGER), Map.entry("remoteLsMaxAgeSeconds", INTEGER),
        Map.entry("workerThreads", INTEGER), Map.entry("debugDumpFile", STRING),
        Map.entry("saslConfigDir", STRING), Map.entry("saslConfigName", STRING),
        Map.entry("timestampsInUTC", BOOLEAN), Map.entry("timestampFormat", STRING),
        Map.entry("defaultDistribution", STRING), Map.entry("dataConnectionCount", STRING_OR_INTEGER),
        Map.entry("dropTcpConnections", BOOLEAN));
    private static final Set<String> TYPED = Set.of("id", "mode", "helloMaxAgeSeconds", "metadata");

    /** Checks the id (non-empty, no whitespace) and helloMaxAgeSeconds (at least 1); copies {@code others}. */
    public RouterEntity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(metadata, "metadata");
        if (id.isEmpty() || id.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("router id may not be empty or contain whitespace: \"" + id + "\"");
        }
        if (helloMaxAgeSeconds < 1) {
            throw new IllegalArgumentException("helloMaxAgeSeconds must be at least 1: " + helloMaxAgeSeconds);
        }
        others = Others.copy(others);
    }

    /** An interior or edge router with the schema's defaults and no metadata. */
    public RouterEntity(String id, RouterMode mode) {
        this(id, mode, 3, Optional.empty(), Map.of());
    }

    @Override
    public String entityType() {
        return TYPE;
    }

    /** Seconds between HELLO messages to neighbours (default 1). */
    public int helloIntervalSeconds() {
        return Others.integer(others, "helloIntervalSeconds", 1);
    }

    /** Seconds between router advertisements in a stable network (default 30). */
    public int raIntervalSeconds() {
        return Others.integer(others, "raIntervalSeconds", 30);
    }

    /** Seconds between router advertisements while the topology changes (default 4). */
    public int raIntervalFluxSeconds() {
        return Others.integer(others, "raIntervalFluxSeconds", 4);
    }

    /** Seconds after which another router's link state is stale without an advertisement (default 60). */
    public int remoteLsMaxAgeSeconds() {
        return Others.integer(others, "remoteLsMaxAgeSeconds", 60);
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("mode", mode.wireName());
        m.put("helloMaxAgeSeconds", Integer.toString(helloMaxAgeSeconds)); // a string, as Skupper writes it
        metadata.ifPresent(v -> m.put("metadata", v));
        m.putAll(others);
        return m;
    }

    static RouterEntity read(Attributes a) {
        a.checkKnown(TYPED, OTHERS);
        String id = a.requiredString("id");
        if (id.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw a.error("id", "may not contain whitespace or control characters, got \"" + id + "\"");
        }
        RouterMode mode = a.choice("mode", RouterMode.values(), RouterMode.STANDALONE);
        int helloMaxAge = a.integer("helloMaxAgeSeconds", 3, 1, Integer.MAX_VALUE);
        Optional<String> metadata = Optional.ofNullable(a.string("metadata", null));
        Map<String, Object> others = a.others(OTHERS);
        Object dd = others.get("defaultDistribution");
        if (dd != null && !Set.of("multicast", "closest", "balanced", "unavailable").contains(dd)) {
            throw a.error("defaultDistribution", "expected one of multicast, closest, balanced, unavailable, got \"" + dd + "\"");
        }
        return new RouterEntity(id, mode, helloMaxAge, metadata, others);
    }
}
