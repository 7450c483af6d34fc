package io.knetsim.net.tcp;

import io.knetsim.net.Errno;

/**
 * What an application hears from a {@link TcpSocket}, on the simulator's clock. Every method
 * has an empty default, so a handler overrides only what it needs.
 *
 * <p>Back-pressure both ways. Sending: {@link TcpSocket#send} takes what fits the send buffer
 * and {@link #onWritable} says when there is room again. Receiving: an application that
 * cannot take more calls {@link TcpSocket#pauseReading} (at any time, also from inside
 * {@link #onData}); no {@code onData} comes until {@link TcpSocket#resumeReading}, the bytes
 * wait in the receive buffer and the window offered to the peer closes as it fills, as when a
 * real application stops calling {@code read()}:
 *
 * <pre>
 *   onData(...)  { if (busy) s.pauseReading(); }      // bytes now wait, window shrinks to 0
 *   later:         s.resumeReading();                  // waiting bytes come in order, then
 *                                                       // onPeerClosed if a FIN came meanwhile
 * </pre>
 */
public interface TcpHandler {
    /** The three-way handshake completed (for an accepted socket: right after the acceptor). */
    default void onConnected(TcpSocket s) {
    }

    /**
     * In-order bytes from the peer, each once, while reading is not paused; the array may be
     * reused once the call returns.
     */
    default void onData(TcpSocket s, byte[] b, int off, int len) {
    }

    /** Space freed in the send buffer after a {@link TcpSocket#send} accepted less than asked. */
    default void onWritable(TcpSocket s) {
    }

    /**
     * The peer sent FIN: no more data will come (read returned 0). Comes after every byte
     * before it was delivered, so after {@link TcpSocket#resumeReading} if reading was paused.
     */
    default void onPeerClosed(TcpSocket s) {
    }

    /** The connection reached CLOSED, normally or after an error. */
    default void onClosed(TcpSocket s) {
    }

    /**
     * The connection failed, with the errno a Linux socket would report: {@link Errno#ECONNREFUSED}
     * (RST or ICMP port unreachable answering the SYN), {@link Errno#ETIMEDOUT} (retransmissions,
     * persist probes or keepalive probes ran out) or {@link Errno#ECONNRESET} (the peer reset an
     * established connection); {@link #onClosed} follows.
     */
    default void onError(TcpSocket s, Errno error) {
    }
}
