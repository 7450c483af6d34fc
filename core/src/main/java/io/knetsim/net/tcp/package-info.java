/**
 * TCP (RFC 9293) with an event-driven socket API on the simulator's clock.
 *
 * <pre>
 *   Tcp.listen(ns, port, backlog, acceptor)      Tcp.connect(ns, dst, port, handler)
 *            |                                            |
 *       TcpListener --SYN--> TcpSocket (SYN-RECEIVED)  TcpSocket (SYN-SENT)
 *                                 \                      /
 *                                  ESTABLISHED: send() / onData / onWritable
 *                                  pauseReading() / resumeReading(): receive back-pressure
 *                                  shutdownOutput(), close(): FIN ... TIME-WAIT 60 s
 *                                  abort(): RST, the peer hears ECONNRESET
 * </pre>
 *
 * {@link io.knetsim.net.tcp.Tcp} is the per-namespace demultiplexer registered with the IPv4
 * stack for protocol 6; {@link io.knetsim.net.tcp.TcpSocket} the connection state machine;
 * {@link io.knetsim.net.tcp.TcpSendQueue} and {@link io.knetsim.net.tcp.TcpReceiveQueue} the
 * buffers; {@link io.knetsim.net.tcp.TcpReceiveWindow} the window offered and the acceptability
 * test; {@link io.knetsim.net.tcp.TcpAckScheduler} when to acknowledge;
 * {@link io.knetsim.net.tcp.TcpPersistTimer} zero-window probing; {@link io.knetsim.net.tcp.TcpNagle}
 * Nagle's algorithm; {@link io.knetsim.net.tcp.TcpKeepalive} {@code SO_KEEPALIVE}; {@link io.knetsim.net.tcp.TcpTimestamps} the RFC 7323 option; {@link io.knetsim.net.tcp.RttEstimator} the RFC 6298 timer;
 * {@link io.knetsim.net.tcp.NewReno} congestion control; {@link io.knetsim.net.tcp.SackScoreboard}
 * the SACK scoreboard; {@link io.knetsim.net.tcp.SeqNum} sequence arithmetic modulo 2^32.
 */
package io.knetsim.net.tcp;
