package io.knetsim.skupper.config;

/**
 * A router configuration that skupper-router would refuse to start with. The message names
 * the source (file name or other label), the entity by its index in the top-level JSON array
 * and its type, the attribute, and what was expected, for example:
 *
 * <pre>
 *   C0.json: entity [2] (listener): attribute "port": expected a port number from 0 to 65535, "amqp" or "amqps", got true
 *   C0.json: entity [7] (tcpListener): attribute "address": required but missing
 *   C0.json: no router entity (skupper-router will not start without one)
 * </pre>
 *
 * Indexes count from 0, as positions in the JSON array. A configuration that fails is never
 * half-built: {@link RouterConfig#parse} either returns a complete, consistent
 * {@link RouterConfig} or throws this exception.
 */
public final class RouterConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int entityIndex;
    private final String entityType;
    private final String attribute;
    private final String detail;

    RouterConfigException(String source, int entityIndex, String entityType, String attribute, String detail) {
        super(format(source, entityIndex, entityType, attribute, detail));
        this.source = source;
        this.entityIndex = entityIndex;
        this.entityType = entityType;
        this.attribute = attribute;
        this.detail = detail;
    }

    static RouterConfigException whole(String source, String detail) {
        return new RouterConfigException(source, -1, null, null, detail);
    }

    private static String format(String source, int index, String type, String attribute, String detail) {
        StringBuilder sb = new StringBuilder(source);
        if (index >= 0) {
            sb.append(": entity [").append(index).append(']');
            if (type != null) {
                sb.append(" (").append(type).append(')');
            }
        }
        if (attribute != null) {
            sb.append(": attribute \"").append(attribute).append('"');
        }
        return sb.append(": ").append(detail).toString();
    }

    /** The file name or label the configuration came from. */
    public String source() {
        return source;
    }

    /** Index of the offending entity in the top-level array, or -1 when the whole file is at fault. */
    public int entityIndex() {
        return entityIndex;
    }

    /** The offending entity's type ({@code listener}, ...), or null when unknown or not applicable. */
    public String entityType() {
        return entityType;
    }

    /** The offending attribute, or null when the fault is not in one attribute. */
    public String attribute() {
        return attribute;
    }

    /** What was wrong and what was expected, without the location prefix. */
    public String detail() {
        return detail;
    }
}
