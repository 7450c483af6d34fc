package io.knetsim.app.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Incremental parser for one HTTP/1.x response (RFC 9112 section 6): the head, then a body of
 * {@code Content-Length} bytes, or {@code Transfer-Encoding: chunked} chunks (decoded; trailer
 * fields skipped), or, with neither, everything until the server closes. Responses to
 * {@code HEAD} and 1xx/204/304 responses have no body. {@link #feed} returns true once the
 * response is complete; bytes after it are left unread.
 */
public final class HttpResponseParser {
    /** The response is malformed. */
    public static final class BadResponse extends Exception {
        public BadResponse(String message) {
            super(message);
        }
    }

    private enum State { HEAD, LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, UNTIL_CLOSE, DONE }

    private final boolean headRequest;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final ByteArrayOutputStream rawHead = new ByteArrayOutputStream();
    private final List<String> headLines = new ArrayList<>();
    private State state = State.HEAD;
    private long remaining;
    private long contentLength = -1;
    private boolean headSeen;

    /** A parser for the response to a request with {@code method}. */
    public HttpResponseParser(String method) {
        this.headRequest = method.equals("HEAD");
    }

    /** Whether the status line and headers have arrived. */
    public boolean headSeen() {
        return headSeen;
    }

    public boolean complete() {
        return state == State.DONE;
    }

    /** Feeds bytes; returns true when the response is complete. */
    public boolean feed(byte[] b, int off, int len) throws BadResponse {
        int i = off;
        int end = off + len;
        while (i < end && state != State.DONE) {
            switch (state) {
                case LENGTH -> {
                    int take = (int) Math.min(remaining, end - i);
                    body.write(b, i, take);
                    i += take;
                    remaining -= take;
                    if (remaining == 0) {
                        state = State.DONE;
                    }
                }
                case CHUNK_DATA -> {
                    int take = (int) Math.min(remaining, end - i);
                    body.write(b, i, take);
                    i += take;
                    remaining -= take;
                    if (remaining == 0) {
                        state = State.CHUNK_END;
                    }
                }
                case UNTIL_CLOSE -> {
                    body.write(b, i, end - i);
                    i = end;
                }
                default -> {
                    byte c = b[i++];
                    if (state == State.HEAD) {
                        rawHead.write(c);
                    }
                    if (c != '\n') {
                        line.write(c);
                        if (line.size() > HttpRequestParser.MAX_HEAD) {
                            throw new BadResponse("response line too long");
                        }
                        continue;
                    }
                    String l = line.toString(StandardCharsets.ISO_8859_1);
                    if (l.endsWith("\r")) {
                        l = l.substring(0, l.length() - 1);
                    }
                    line.reset();
                    onLine(l);
                }
            }
        }
        return state == State.DONE;
    }

    private void onLine(String l) throws BadResponse {
        switch (state) {
            case HEAD -> {
                if (!l.isEmpty()) {
                    headLines.add(l);
                    return;
                }
                headDone();
            }
            case CHUNK_SIZE -> {
                String size = l.contains(";") ? l.substring(0, l.indexOf(';')) : l;
                try {
                    remaining = Long.parseLong(size.strip(), 16);
                } catch (NumberFormatException e) {
                    throw new BadResponse("bad chunk size: " + l);
                }
                if (remaining < 0) {
                    throw new BadResponse("bad chunk size: " + l);
                }
                state = remaining == 0 ? State.TRAILER : State.CHUNK_DATA;
            }
            case CHUNK_END -> {
                if (!l.isEmpty()) {
                    throw new BadResponse("chunk not followed by CRLF");
                }
                state = State.CHUNK_SIZE;
            }
            case TRAILER -> {
                if (l.isEmpty()) {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void headDone() throws BadResponse {
        if (headLines.isEmpty()) {
            throw new BadResponse("empty status line");
        }
        String[] sl = headLines.get(0).split(" ", 3);
        if (sl.length < 2 || !(sl[0].equals("HTTP/1.1") || sl[0].equals("HTTP/1.0")) || !isStatus(sl[1])) {
            throw new BadResponse("bad status line: " + headLines.get(0));
        }
        headSeen = true;
        int status = Integer.parseInt(sl[1]);
        String te = header("Transfer-Encoding");
        String cl = header("Content-Length");
        if (headRequest || status / 100 == 1 || status == 204 || status == 304) {
            state = State.DONE;
        } else if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            state = State.CHUNK_SIZE;
        } else if (cl != null) {
            try {
                remaining = Long.parseLong(cl.strip());
            } catch (NumberFormatException e) {
                throw new BadResponse("bad Content-Length: " + cl);
            }
            if (remaining < 0) {
                throw new BadResponse("bad Content-Length: " + cl);
            }
            contentLength = remaining;
            state = remaining == 0 ? State.DONE : State.LENGTH;
        } else {
            state = State.UNTIL_CLOSE;
        }
    }

    private String header(String name) {
        for (int i = 1; i < headLines.size(); i++) {
            String l = headLines.get(i);
            int c = l.indexOf(':');
            if (c > 0 && l.substring(0, c).strip().equalsIgnoreCase(name)) {
                return l.substring(c + 1).strip();
            }
        }
        return null;
    }

    /**
     * The server closed: completes a body that runs until close; throws if the response is
     * cut short (no head, or fewer bytes than announced).
     */
    public void closed() throws BadResponse {
        if (state == State.UNTIL_CLOSE) {
            state = State.DONE;
        }
        if (state != State.DONE) {
            throw new BadResponse(headSeen ? "unexpected EOF" : "EOF before the response head");
        }
    }

    /** The status line and header fields exactly as received, with the empty line that ends them. */
    public byte[] headBytes() {
        return rawHead.toByteArray();
    }

    /** The announced {@code Content-Length}, or -1 when the body is chunked or runs until close. */
    public long contentLength() {
        return contentLength;
    }

    /** The body bytes decoded so far (all of them once complete). */
    public byte[] bodySoFar() {
        return body.toByteArray();
    }

    /** How many body bytes have been decoded so far. */
    public long bodyReceived() {
        return body.size();
    }

    /** The parsed response; only once {@link #complete()}. */
    public HttpClientResponse response() {
        String[] sl = headLines.get(0).split(" ", 3);
        List<HttpHeader> headers = new ArrayList<>();
        for (int i = 1; i < headLines.size(); i++) {
            String l = headLines.get(i);
            int c = l.indexOf(':');
            if (c > 0) {
                headers.add(new HttpHeader(l.substring(0, c).strip(), l.substring(c + 1).strip()));
            }
        }
        return new HttpClientResponse(sl[0], Integer.parseInt(sl[1]), sl.length > 2 ? sl[2] : "", List.copyOf(headers),
            body.toByteArray());
    }

    private static boolean isStatus(String s) {
        return s.length() == 3 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
