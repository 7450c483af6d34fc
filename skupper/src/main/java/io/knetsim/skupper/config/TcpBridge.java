package io.knetsim.skupper.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a tcpListener and a tcpConnector share (skupper-router's TCP adaptor bridges): a name, a
 * host and port, the address that joins the two ends, an optional site id, and the same
 * attribute layout when written back.
 */
final class TcpBridge {
    private TcpBridge() {
    }

    /** The record's checks: no nulls, a port from 0 to 65535. */
    static void check(String name, String host, int port, String address, Optional<String> siteId) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(siteId, "siteId");
        Ports.check(port);
    }

    /** The attributes in the order skupper writes them, the port as a string as its schema has it. */
    static Map<String, Object> attributes(String name, String host, int port, String address, Optional<String> siteId,
                                          Map<String, Object> others) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("host", host);
        m.put("port", Integer.toString(port));
        m.put("address", address);
        siteId.ifPresent(v -> m.put("siteId", v));
        m.putAll(others);
        return m;
    }
}
