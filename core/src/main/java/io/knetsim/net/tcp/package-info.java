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
 * stack for protocol 6; {@link io.knetsim.net.tcp.TcpSocket} one connection's variables and its
 * user API ({@code struct tcp_sock}, {@code tcp.c}). The connection's work is done by one piece
 * per part of Linux's TCP:
 *
 * <pre>
 *   TcpInput            tcp_rcv_state_process: segment arrival, state changes, data and FIN
 *   TcpAck              tcp_ack: SND.UNA, RTT samples, NewReno, SACK recovery, the peer's window
 *   TcpOutput           tcp_write_xmit / tcp_transmit_skb: segments out, SYN, ACK, window probes
 *   TcpOptions          tcp_syn_options / tcp_established_options / tcp_parse_options
 *   TcpRetransmitTimer  tcp_retransmit_timer and Karn's RTT timing
 *   TcpClose            tcp_shutdown / tcp_close / tcp_time_wait / tcp_done
 * </pre>
 *
 * {@link io.knetsim.net.tcp.TcpSendQueue} and {@link io.knetsim.net.tcp.TcpReceiveQueue} are the
 * buffers; {@link io.knetsim.net.tcp.TcpReceiveWindow} the window offered and the acceptability
 * test; {@link io.knetsim.net.tcp.TcpAckScheduler} when to acknowledge;
 * {@link io.knetsim.net.tcp.TcpOutputScheduler} what may be sent next;
 * {@link io.knetsim.net.tcp.TcpPersistTimer} zero-window probing; {@link io.knetsim.net.tcp.TcpNagle}
 * Nagle's algorithm; {@link io.knetsim.net.tcp.TcpKeepalive} {@code SO_KEEPALIVE};
 * {@link io.knetsim.net.tcp.TcpTimestamps} the RFC 7323 option; {@link io.knetsim.net.tcp.RttEstimator}
 * the RFC 6298 timer; {@link io.knetsim.net.tcp.NewReno} congestion control;
 * {@link io.knetsim.net.tcp.SackScoreboard} the SACK scoreboard; {@link io.knetsim.net.tcp.SeqNum}
 * sequence arithmetic modulo 2^32.
 */
package io.knetsim.net.tcp;
