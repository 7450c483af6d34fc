package io.knetsim.app.http;

import io.knetsim.net.NetNamespace;
import java.nio.charset.StandardCharsets;

/**
 * The knetsim lab server: answers every {@code GET} on its port with {@code 200 OK} and a
 * fixed text (the default world runs it with {@code S1-W2}, {@code S1-W3}, {@code S2-W2},
 * {@code S2-W3} on port 8000). The body is the message followed by a newline, so
 * {@code curl 100.64.11.1:8000} prints {@code S1-W2} on a line of its own, as the original
 * labs show. This is a choice: the original Python script's exact bytes are not known here.
 * Other methods get {@code 501 Unsupported method}, as Python's {@code http.server} answers.
 */
public final class FixedMessageServer {
    private FixedMessageServer() {
    }

    /** Starts the server on {@code port} of {@code ns}. */
    public static HttpServer start(NetNamespace ns, int port, String message) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        return new HttpServer(ns, port, req -> {
            if (req.method().equals("GET")) {
                return new HttpResponse(200, "OK", "text/plain; charset=utf-8", java.util.List.of(), body);
            }
            return HttpResponse.text(501, "Unsupported method ('" + req.method() + "')",
                "Unsupported method ('" + req.method() + "')\n");
        }).start();
    }
}
