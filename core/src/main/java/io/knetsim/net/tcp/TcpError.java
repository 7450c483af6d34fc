package io.knetsim.net.tcp;

/** Why a connection failed, as the errno a Linux socket would report. */
public enum TcpError {
    /** A RST answered our SYN: nothing listens on the port. */
    ECONNREFUSED("Connection refused"),
    /** Retransmissions ran out ({@code tcp_syn_retries} or {@code tcp_retries2}). */
    ETIMEDOUT("Connection timed out"),
    /** The peer reset an established connection. */
    ECONNRESET("Connection reset by peer");

    private final String message;

    TcpError(String message) {
        this.message = message;
    }

    /** The strerror text. */
    public String message() {
        return message;
    }
}
