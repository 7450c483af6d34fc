package io.knetsim.app.http;

/**
 * The outcome of one {@link HttpClient} request: a response, or an error and whether the
 * connection had been established when it happened ({@code dial} errors are those before).
 */
public record HttpResult(HttpClientResponse response, HttpClientError error, boolean connected) {
    public static HttpResult of(HttpClientResponse r) {
        return new HttpResult(r, null, true);
    }

    public static HttpResult failed(HttpClientError e, boolean connected) {
        return new HttpResult(null, e, connected);
    }

    /** Whether a response arrived (of any status). */
    public boolean ok() {
        return response != null;
    }
}
