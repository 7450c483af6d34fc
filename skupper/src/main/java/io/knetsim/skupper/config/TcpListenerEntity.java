package io.knetsim.skupper.config;

import static io.knetsim.skupper.config.Attributes.Kind.BOOLEAN;
import static io.knetsim.skupper.config.Attributes.Kind.INTEGER;
import static io.knetsim.skupper.config.Attributes.Kind.STRING;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code tcpListener} entity: the ingress TCP bridge. The router accepts plain TCP
 * connections on host:port and carries each one as a stream to {@code address}, where a
 * {@link TcpConnectorEntity tcpConnector} for the same address opens the real connection.
 *
 * <pre>
 *   ["tcpListener", {"name": "svc1", "port": "1028", "address": "svc1", "siteId": "C1"}]
 * </pre>
 *
 * {@code port} and {@code address} are required; {@code host} defaults to 0.0.0.0 (every
 * local address), as in skupper-router's schema. {@code siteId} (deprecated in skupper-router)
 * names the site that handles the connections. knetsim requires a {@code name}, unique among
 * the tcpListeners.
 *
 * @param name unique among the configuration's tcpListeners
 * @param host address to listen on; "0.0.0.0" or "" for all
 * @param port TCP port to accept clients on
 * @param address the router address the connections are carried to
 * @param siteId the site id, if given
 * @param others the other schema attributes present (backlog, sslProfile, observer, ...)
 */
public record TcpListenerEntity(String name, String host, int port, String address, Optional<String> siteId,
                                Map<String, Object> others) implements ConfigEntity {
    /** The entity type name. */
    public static final String TYPE = "tcpListener";

    static final Map<String, Attributes.Kind> OTHERS = Map.of("backlog", INTEGER, "sslProfile", STRING,
        "authenticatePeer", BOOLEAN, "observer", STRING);
    private static final Set<String> TYPED = Set.of("name", "host", "port", "address", "siteId");

    /** Checks the port (0-65535); copies {@code others}. */
    public TcpListenerEntity {
        TcpBridge.check(name, host, port, address, siteId);
        others = Others.copy(others);
    }

    @Override
    public String entityType() {
        return TYPE;
    }

    /** True when the host is "", "0.0.0.0", "::" or "[::]": every local address. */
    public boolean listensOnAnyAddress() {
        return Ports.isAny(host);
    }

    @Override
    public Map<String, Object> attributes() {
        return TcpBridge.attributes(name, host, port, address, siteId, others);
    }

    static TcpListenerEntity read(Attributes a) {
        a.checkKnown(TYPED, OTHERS);
        String name = a.requiredString("name");
        String host = a.string("host", "0.0.0.0");
        int port = a.port("port", 0, true);
        String address = a.requiredString("address");
        return new TcpListenerEntity(name, host, port, address, Optional.ofNullable(a.string("siteId", null)),
            a.others(OTHERS));
    }
}
