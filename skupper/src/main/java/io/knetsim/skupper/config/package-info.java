/**
 * skupper-router's JSON configuration: a top-level array of {@code [entityType, {attributes}]}
 * pairs ({@link io.knetsim.skupper.config.RouterConfig}), one record per entity type
 * ({@link io.knetsim.skupper.config.RouterEntity}, {@link io.knetsim.skupper.config.ListenerEntity},
 * {@link io.knetsim.skupper.config.ConnectorEntity}, {@link io.knetsim.skupper.config.AddressEntity},
 * {@link io.knetsim.skupper.config.TcpListenerEntity}, {@link io.knetsim.skupper.config.TcpConnectorEntity},
 * {@link io.knetsim.skupper.config.SslProfileEntity}, {@link io.knetsim.skupper.config.LogEntity}),
 * checked against the schema's types and defaults, and the original knetsim labs' per-cluster
 * generator ({@link io.knetsim.skupper.config.SkupperConfigGenerator}).
 */
package io.knetsim.skupper.config;
