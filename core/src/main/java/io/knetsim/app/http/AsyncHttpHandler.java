package io.knetsim.app.http;

/**
 * Answers a request now or later through its {@link HttpResponder}, e.g. a long poll that
 * answers when something changes. Called on the simulator's clock, so it must not block.
 * The server hands a connection's requests over one at a time, so responses keep the order
 * of the requests.
 */
@FunctionalInterface
public interface AsyncHttpHandler {
    void handle(HttpRequest request, HttpResponder responder);
}
