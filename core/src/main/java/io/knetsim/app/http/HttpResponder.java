package io.knetsim.app.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one request of an {@link AsyncHttpHandler}: either {@link #respond} with a
 * whole response, or {@link #startChunked} to send the status and headers at once and the body
 * later in chunks ({@code Transfer-Encoding: chunked}, as a Go server streams a long poll),
 * ending with {@link #endChunked}. If the client goes away first, the
 * {@linkplain #onClientGone listeners} run and later calls are ignored.
 */
public final class HttpResponder {
    private final Sink sink;
    private final List<Runnable> goneListeners = new ArrayList<>(1);
    private boolean started;
    private boolean finished;
    private boolean gone;

    /** Where the bytes go: the server's connection. */
    interface Sink {
        void head(HttpResponse head, boolean chunked);

        void encoded(byte[] response);

        void body(byte[] bytes);

        void complete();
    }

    HttpResponder(Sink sink) {
        this.sink = sink;
    }

    /** Sends a whole response (with {@code Content-Length}). */
    public void respond(HttpResponse r) {
        if (!writable() || started) {
            return;
        }
        started = true;
        finished = true;
        sink.head(r, false);
        sink.complete();
    }

    /**
     * Sends a response the handler encoded whole, status line to body, as a proxy relays one:
     * the server writes the bytes as they are and adds nothing; it still closes the connection
     * afterwards when the request did not keep it alive.
     */
    public void respondEncoded(byte[] response) {
        if (!writable() || started) {
            return;
        }
        started = true;
        finished = true;
        sink.encoded(response);
        sink.complete();
    }

    /** Sends the status and headers now; the body follows in chunks (the head's body, if any, is the first). */
    public void startChunked(HttpResponse head) {
        if (!writable() || started) {
            return;
        }
        started = true;
        sink.head(head, true);
        if (head.body().length > 0) {
            writeChunk(head.body());
        }
    }

    /** Sends one chunk of the body; an empty array sends nothing (a zero chunk would end the body). */
    public void writeChunk(byte[] data) {
        if (!writable() || !started || data.length == 0) {
            return;
        }
        sink.body(data);
    }

    /** Ends a chunked body. */
    public void endChunked() {
        if (!writable() || !started) {
            return;
        }
        finished = true;
        sink.complete();
    }

    /** Whether the client is still there and the response not yet complete. */
    public boolean isOpen() {
        return writable();
    }

    /** Whether the client closed its connection before the response was complete. */
    public boolean clientGone() {
        return gone;
    }

    /** Runs {@code r} if the client goes away before the response is complete. */
    public void onClientGone(Runnable r) {
        goneListeners.add(r);
    }

    private boolean writable() {
        return !finished && !gone;
    }

    void gone() {
        if (finished || gone) {
            return;
        }
        gone = true;
        for (Runnable r : List.copyOf(goneListeners)) {
            r.run();
        }
    }
}
