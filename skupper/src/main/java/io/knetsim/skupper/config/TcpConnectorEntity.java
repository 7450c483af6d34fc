package io.knetsim.skupper.config;

import static io.knetsim.skupper.config.Attributes.Kind.BOOLEAN;
import static io.knetsim.skupper.config.Attributes.Kind.STRING;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code tcpConnector} entity: the egress TCP bridge. The router is a consumer of
 * {@code address}; for each stream arriving there it opens a TCP connection to host:port (the
 * real service) and bridges both directions.
 *
 * <pre>
 *   ["tcpConnector", {"name": "svc1", "host": "11.10.16.3", "port": "80", "address": "svc1", "siteId": "C0"}]
 * </pre>
 *
 * {@code host}, {@code port} and {@code address} are required (the schema gives no defaults).
 * knetsim requires a {@code name}, unique among the tcpConnectors.
 *
 * @param name unique among the configuration's tcpConnectors
 * @param host the service's address or name
 * @param port the service's TCP port
 * @param address the router address this connector consumes
 * @param siteId the site id, if given
 * @param others the other schema attributes present (processId, sslProfile, verifyHostname)
 */
public record TcpConnectorEntity(String name, String host, int port, String address, Optional<String> siteId,
                                 Map<String, Object> others) implements ConfigEntity {
    /** The entity type name. */
    public static final String TYPE = "tcpConnector";

    static final Map<String, Attributes.Kind> OTHERS = Map.of("processId", STRING, "sslProfile", STRING,
        "verifyHostname", BOOLEAN);
    private static final Set<String> TYPED = Set.of("name", "host", "port", "address", "siteId");

    /** Checks the port (0-65535); copies {@code others}. */
    public TcpConnectorEntity {
        TcpBridge.check(name, host, port, address, siteId);
        others = Others.copy(others);
    }

    @Override
    public String entityType() {
        return TYPE;
    }

    @Override
    public Map<String, Object> attributes() {
        return TcpBridge.attributes(name, host, port, address, siteId, others);
    }

    static TcpConnectorEntity read(Attributes a) {
        a.checkKnown(TYPED, OTHERS);
        String name = a.requiredString("name");
        String host = a.requiredString("host");
        int port = a.port("port", 0, true);
        String address = a.requiredString("address");
        return new TcpConnectorEntity(name, host, port, address, Optional.ofNullable(a.string("siteId", null)),
            a.others(OTHERS));
    }
}
