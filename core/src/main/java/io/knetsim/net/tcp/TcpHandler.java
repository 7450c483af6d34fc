package io.knetsim.net.tcp;

/**
 * What an application hears from a {@link TcpSocket}, on the simulator's clock. Every method
 * has an empty default, so a handler overrides only what it needs.
 */
public interface TcpHandler {
    /** The three-way handshake completed (for an accepted socket: right after the acceptor). */
    default void onConnected(TcpSocket s) {
    }

    /** In-order bytes from the peer; the array may be reused once the call returns. */
    default void onData(TcpSocket s, byte[] b, int off, int len) {
    }

    /** Space freed in the send buffer after a {@link TcpSocket#send} accepted less than asked. */
    default void onWritable(TcpSocket s) {
    }

    /** The peer sent FIN: no more data will come (read returned 0). */
    default void onPeerClosed(TcpSocket s) {
    }

    /** The connection reached CLOSED, normally or after an error. */
    default void onClosed(TcpSocket s) {
    }

    /** The connection failed; {@link #onClosed} follows. */
    default void onError(TcpSocket s, TcpError error) {
    }
}
