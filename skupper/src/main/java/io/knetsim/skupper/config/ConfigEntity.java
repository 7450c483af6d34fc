package io.knetsim.skupper.config;

import java.util.Map;

/**
 * One {@code [entityType, {attributes}]} pair of a skupper-router JSON configuration. Each
 * entity type of skupper-router's schema that knetsim reads is one record; the attributes the
 * simulator acts on are typed fields, the others it accepts (TLS, SASL, HTTP console, tuning)
 * are checked against the schema's types and kept in {@code others()} so that a configuration
 * written back by {@link RouterConfig#toJson()} says what it said before.
 */
public sealed interface ConfigEntity
    permits RouterEntity, ListenerEntity, ConnectorEntity, AddressEntity, TcpListenerEntity,
        TcpConnectorEntity, SslProfileEntity, LogEntity {

    /** The entity type as written in the file: {@code router}, {@code listener}, ... */
    String entityType();

    /** The attributes as {@link RouterConfig#toJson()} writes them, in order. */
    Map<String, Object> attributes();

    /** Attributes accepted by the schema but not modelled by typed fields, in file order. */
    Map<String, Object> others();
}
