/**
 * The router process: {@link io.knetsim.skupper.router.SkupperRouter#start} runs a
 * skupper-router-like router on a host's network namespace from a
 * {@link io.knetsim.skupper.config.RouterConfig}. Inter-router connections are AMQP 1.0 over
 * simulated TCP ({@code AmqpConnection}, {@code AmqpSession}, {@code AmqpLink}), routing is link state
 * ({@code LinkStateRouting}: HELLO, LSU, MAU on control links), and the TCP adaptor carries
 * client connections as streamed deliveries ({@code StreamTable}, {@code TcpStream},
 * {@code LinkRelay}, {@code TcpSplice}).
 *
 * <pre>
 *   tcpListener ─▶ TcpStream ══ AMQP ══▶ LinkRelay ══ AMQP ══▶ TcpStream ─▶ tcpConnector host:port
 * </pre>
 */
package io.knetsim.skupper.router;
