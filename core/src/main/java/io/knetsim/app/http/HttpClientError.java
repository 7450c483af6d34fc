package io.knetsim.app.http;

/** Why an {@link HttpClient} request got no response. */
public enum HttpClientError {
    /** A RST answered the SYN: nothing listens on the port ({@code ECONNREFUSED}). */
    CONNECTION_REFUSED("connection refused"),
    /** No route to the server: {@code connect()} failed at once ({@code ENETUNREACH}). */
    NETWORK_UNREACHABLE("network is unreachable"),
    /** The connect timeout or the request timeout ran out on the simulator clock. */
    TIMEOUT("i/o timeout"),
    /** The server reset the connection ({@code ECONNRESET}). */
    RESET("connection reset by peer"),
    /** The server closed before a complete response ({@code EOF}). */
    EOF("EOF"),
    /** The server's bytes are not an HTTP/1.x response. */
    MALFORMED("malformed HTTP response");

    private final String message;

    HttpClientError(String message) {
        this.message = message;
    }

    /** The text Go's net/http puts after the address, e.g. {@code connection refused}. */
    public String message() {
        return message;
    }
}
