package io.knetsim.net;

/**
 * The errno values a simulated socket or route lookup reports, with Linux's strerror texts, so
 * tools print what the real ones print ({@code connect: Network is unreachable}).
 */
public enum Errno {
    ENETUNREACH("Network is unreachable"),
    EHOSTUNREACH("No route to host"),
    EACCES("Permission denied"),
    EINVAL("Invalid argument"),
    ECONNREFUSED("Connection refused"),
    ECONNRESET("Connection reset by peer"),
    ETIMEDOUT("Connection timed out"),
    EMSGSIZE("Message too long"),
    EADDRINUSE("Address already in use"),
    EADDRNOTAVAIL("Cannot assign requested address"),
    EBADF("Bad file descriptor"),
    EDESTADDRREQ("Destination address required"),
    ENOTCONN("Transport endpoint is not connected");

    private final String message;

    Errno(String message) {
        this.message = message;
    }

    /** The strerror text. */
    public String message() {
        return message;
    }
}
