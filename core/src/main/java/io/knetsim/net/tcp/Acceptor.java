package io.knetsim.net.tcp;

/** Called by a {@link TcpListener} for each connection that completes its handshake ({@code accept()}). */
@FunctionalInterface
public interface Acceptor {
    /** Returns the handler for the new connection's events. */
    TcpHandler accept(TcpSocket socket);
}
