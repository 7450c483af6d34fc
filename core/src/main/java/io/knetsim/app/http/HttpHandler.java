package io.knetsim.app.http;

/** Answers one request; called on the simulator's clock, so it must not block. */
@FunctionalInterface
public interface HttpHandler {
    HttpResponse handle(HttpRequest request);
}
