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
 * A {@code listener} entity: a port on which the router accepts AMQP connections, for clients
 * ({@code normal}), other interior routers ({@code inter-router}) or edge routers
 * ({@code edge}).
 *
 * <pre>
 *   ["listener", {"name": "interior-listener", "role": "inter-router", "port": 55671,
 *                 "maxFrameSize": 16384, "maxSessionFrames": 640}]
 * </pre>
 *
 * Defaults as in skupper-router's schema: {@code role} normal, {@code host} "" (every local
 * address; "0.0.0.0" and "::" also mean any), {@code port} "amqp" (5672), {@code cost} 1,
 * {@code maxFrameSize} 16384. {@code maxSessionFrames} has no fixed default: when absent the
 * router picks a window suited to the role. The port may be written as a number or a string.
 * A listener without a name is named {@code host@port}, as Skupper names them ("@9090").
 *
 * @param name unique among the configuration's listeners
 * @param role what connections through this listener are for
 * @param host address to listen on; "" for all
 * @param port TCP port (0: an ephemeral port)
 * @param cost inter-router link cost offered by this end (at least 1)
 * @param maxFrameSize largest AMQP frame offered in the open, in octets (at least 512)
 * @param maxSessionFrames session incoming window in frames (at least 2), if configured
 * @param others the other schema attributes present (http, healthz, sslProfile, ...)
 */
public record ListenerEntity(String name, Role role, String host, int port, int cost, int maxFrameSize,
                             OptionalInt maxSessionFrames, Map<String, Object> others) implements ConfigEntity {
    /** The entity type name. */
    public static final String TYPE = "listener";
    /** skupper-router's default maxFrameSize for listeners and connectors. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 16384;

    static final Map<String, Attributes.Kind> OTHERS = Map.ofEntries(
        Map.entry("socketAddressFamily", STRING), Map.entry("sslProfile", STRING),
        Map.entry("saslMechanisms", STRING), Map.entry("authenticatePeer", BOOLEAN),
        Map.entry("requireEncryption", BOOLEAN), Map.entry("requireSsl", BOOLEAN),
        Map.entry("maxSessions", INTEGER), Map.entry("idleTimeoutSeconds", INTEGER),
        Map.entry("initialHandshakeTimeoutSeconds", INTEGER), Map.entry("stripAnnotations", STRING),
        Map.entry("linkCapacity", INTEGER), Map.entry("failoverUrls", STRING), Map.entry("healthz", BOOLEAN),
        Map.entry("metrics", BOOLEAN), Map.entry("websockets", BOOLEAN), Map.entry("http", BOOLEAN),
        Map.entry("httpRootDir", STRING), Map.entry("messageLoggingComponents", STRING),
        Map.entry("policyVhost", STRING), Map.entry("routeContainer", BOOLEAN));
    private static final Set<String> TYPED =
        Set.of("name", "role", "host", "port", "cost", "maxFrameSize", "maxSessionFrames");

    /** Checks the port (0-65535) and cost (at least 1); copies {@code others}. */
    public ListenerEntity {
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

    /** A listener with the schema's defaults for cost, frame size and session window. */
    public ListenerEntity(String name, Role role, String host, int port) {
        this(name, role, host, port, 1, DEFAULT_MAX_FRAME_SIZE, OptionalInt.empty(), Map.of());
    }

    @Override
    public String entityType() {
        return TYPE;
    }

    /** True when the host is "", "0.0.0.0", "::" or "[::]": every local address. */
    public boolean listensOnAnyAddress() {
        return Ports.isAny(host);
    }

    /** True when the listener is for the HTTP console and metrics ({@code "http": true}). */
    public boolean http() {
        return Others.bool(others, "http", false);
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("role", role.wireName());
        if (!host.isEmpty()) {
            m.put("host", host);
        }
        m.put("port", port);
        if (cost != 1) {
            m.put("cost", cost);
        }
        m.put("maxFrameSize", maxFrameSize);
        maxSessionFrames.ifPresent(v -> m.put("maxSessionFrames", v));
        m.putAll(others);
        return m;
    }

    static ListenerEntity read(Attributes a) {
        a.checkKnown(TYPED, OTHERS);
        String host = a.string("host", "");
        int port = a.port("port", 5672, false);
        String name = a.has("name") ? a.requiredString("name") : host + "@" + port;
        return new ListenerEntity(name, a.choice("role", Role.values(), Role.NORMAL), host, port,
            a.integer("cost", 1, 1, Integer.MAX_VALUE),
            a.integer("maxFrameSize", DEFAULT_MAX_FRAME_SIZE, 512, Integer.MAX_VALUE),
            a.optionalInteger("maxSessionFrames", 2, Integer.MAX_VALUE), a.others(OTHERS));
    }
}
