package io.knetsim.ingress.nginx;

/**
 * Why one try on an upstream server gave no response, as nginx's {@code proxy_next_upstream}
 * flags name them. {@code error} and {@code timeout} (nginx's default) pass the request to the
 * next server; the status a client finally gets is 504 after a timeout and 502 otherwise.
 */
enum UpstreamFailure {
    /** Refused, reset, unreachable, or closed before a whole response ({@code error}). */
    ERROR(502),
    /** {@code proxy_connect_timeout} or {@code proxy_read_timeout} ran out ({@code timeout}). */
    TIMEOUT(504),
    /** The server's bytes are not an HTTP response ({@code invalid_header}: not retried by default). */
    INVALID_HEADER(502);

    private final int status;

    UpstreamFailure(int status) {
        this.status = status;
    }

    int status() {
        return status;
    }

    /** Whether nginx's default {@code proxy_next_upstream error timeout} passes the request on. */
    boolean retried() {
        return this != INVALID_HEADER;
    }
}
