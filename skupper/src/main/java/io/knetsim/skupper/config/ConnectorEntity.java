package io.knetsim.skupper.config;

import static io.knetsim.skupper.config.Attributes.Kind.BOOLEAN;
import static io.knetsim.skupper.config.Attributes.Kind.INTEGER;
import static io.knetsim.skupper.config.Attributes.Kind.STRING;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A {@code connector} entity: an outgoing AMQP connection the router keeps open (and reopens
 * with backoff when it fails), typically an {@code inter-router} link to another site's
 * inter-router listener.
 *
 * <pre>
 *   ["connector", {"name": "C0", "role": "inter-router", "host": "10.0.0.3", "port": "55671",
 *                  "cost": 1, "maxFrameSize": 16384, "maxSessionFrames": 640}]
 * </pre>
 *
 * Defaults as in skupper-router's schema: {@code role} normal, {@code host} 127.0.0.1,
 * {@code port} "amqp" (5672), {@code cost} 1, {@code maxFrameSize} 16384; {@code maxSessionFrames}
 * is chosen by role when absent. The port may be a string (as the schema and Skupper write it)
 * or a number. knetsim requires a {@code name}, which every Skupper and labs configuration
 * gives; it must be unique among the configuration's connectors.
 *
 * <p>The cost of an inter-router link is the larger of the costs configured at its two ends
 * (see {@link io.knetsim.skupper.routing.InterRouterCost}).
 *
 * @param name unique among the configuration's connectors
 * @param role what the connection is for
 * @param host address or name to connect to
 * @param port TCP port to connect to
 * @param cost inter-router link cost offered by this end (at least 1)
 * @param maxFrameSize largest AMQP frame offered in the open, in octets (at least 512)
 * @param maxSessionFrames session incoming window in frames (at least 2), if configured
 * @param others the other schema attributes present (sslProfile, verifyHostname, ...)
 */
public record ConnectorEntity(String name, Role role, String host, int port, int cost, int maxFrameSize,
                              OptionalInt maxSessionFrames, Map<String, Object> others) implements ConfigEntity {
    /** The entity type name. */
    public static final String TYPE = "connector";

    static final Map<String, Attributes.Kind> OTHERS = Map.ofEntries(
        Map.entry("socketAddressFamily", STRING), Map.entry("sslProfile", STRING),
        Map.entry("saslMechanisms", STRING), Map.entry("allowRedirect", BOOLEAN),
        Map.entry("maxSessions", INTEGER), Map.entry("idleTimeoutSeconds", INTEGER),
        Map.entry("stripAnnotations", STRING), Map.entry("linkCapacity", INTEGER),
        Map.entry("verifyHostname", BOOLEAN), Map.entry("saslUsername", STRING),
        Map.entry("saslPassword", STRING), Map.entry("messageLoggingComponents", STRING),
        Map.entry("policyVhost", STRING), Map.entry("routeContainer", BOOLEAN));
    private static final Set<String> TYPED =
        Set.of("name", "role", "host", "port", "cost", "maxFrameSize", "maxSessionFrames");

    /** Checks the port (0-65535) and cost (at least 1); copies {@code others}. */
    public ConnectorEntity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(maxSessionFrames, "maxSessionFrames");
        Ports.check(port);
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1: " + cost);
        }
        others = Others.copy(others);
    }

    /** A connector with the schema's defaults for frame size and session window. */
    public ConnectorEntity(String name, Role role, String host, int port, int cost) {
        this(name, role, host, port, cost, ListenerEntity.DEFAULT_MAX_FRAME_SIZE, OptionalInt.empty(), Map.of());
    }

    @Override
    public String entityType() {
        return TYPE;
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("role", role.wireName());
        m.put("host", host);
        m.put("port", Integer.toString(port)); // a string, as the schema and Skupper write it
        m.put("cost", cost);
        m.put("maxFrameSize", maxFrameSize);
        maxSessionFrames.ifPresent(v -> m.put("maxSessionFrames", v));
        m.putAll(others);
        return m;
    }

    static ConnectorEntity read(Attributes a) {
        a.checkKnown(TYPED, OTHERS);
        return new ConnectorEntity(a.requiredString("name"), a.choice("role", Role.values(), Role.NORMAL),
            a.string("host", "127.0.0.1"), a.port("port", 5672, false),
            a.integer("cost", 1, 1, Integer.MAX_VALUE),
            a.integer("maxFrameSize", ListenerEntity.DEFAULT_MAX_FRAME_SIZE, 512, Integer.MAX_VALUE),
            a.optionalInteger("maxSessionFrames", 2, Integer.MAX_VALUE), a.others(OTHERS));
    }
}
