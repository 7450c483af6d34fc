package io.knetsim.skupper.config;

import static io.knetsim.skupper.config.Attributes.Kind.BOOLEAN;
import static io.knetsim.skupper.config.Attributes.Kind.STRING;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code log} entity: the log levels of one router module, as Skupper writes for
 * {@code DEFAULT} ("enable": "info+"). Read, checked and written back.
 *
 * @param module the module (ROUTER, ROUTER_HELLO, TCP_ADAPTOR, ..., or DEFAULT), unique in a configuration
 * @param others the other schema attributes present (enable, includeTimestamp, includeSource, outputFile)
 */
public record LogEntity(String module, Map<String, Object> others) implements ConfigEntity {
    /** The entity type name. */
    public static final String TYPE = "log";

    /** The modules skupper-router's schema lists. */
    public static final List<String> MODULES = List.of("ROUTER", "ROUTER_CORE", "ROUTER_HELLO", "ROUTER_LS",
        "ROUTER_MA", "MESSAGE", "SERVER", "AGENT", "CONTAINER", "ERROR", "POLICY", "HTTP", "CONN_MGR", "PYTHON",
        "PROTOCOL", "TCP_ADAPTOR", "HTTP_ADAPTOR", "FLOW_LOG", "ADDRESS_WATCH", "HTTP1_OBSERVER", "HTTP2_OBSERVER",
        "HTTP2_DECODER", "DEFAULT");

    static final Map<String, Attributes.Kind> OTHERS = Map.of("name", STRING, "enable", STRING,
        "includeTimestamp", BOOLEAN, "includeSource", BOOLEAN, "outputFile", STRING);

    /** Checks the module against {@link #MODULES}; copies {@code others}. */
    public LogEntity {
        Objects.requireNonNull(module, "module");
        if (!MODULES.contains(module)) {
            throw new IllegalArgumentException("unknown log module: " + module);
        }
        others = Others.copy(others);
    }

    @Override
    public String entityType() {
        return TYPE;
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", module);
        m.putAll(others);
        return m;
    }

    static LogEntity read(Attributes a) {
        a.checkKnown(Set.of("module"), OTHERS);
        String module = a.requiredString("module");
        if (!MODULES.contains(module)) {
            throw a.error("module", "expected one of " + String.join(", ", MODULES) + ", got \"" + module + "\"");
        }
        return new LogEntity(module, a.others(OTHERS));
    }
}
