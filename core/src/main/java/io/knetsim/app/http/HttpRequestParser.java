package io.knetsim.app.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Incremental request parser for one connection: {@link #feed} bytes as they arrive, then
 * {@link #next} until it returns null (more bytes needed). A malformed head or body length
 * throws {@link BadRequest}. Lines end with CRLF; a bare LF is accepted too, as most servers do.
 */
public final class HttpRequestParser {
    /** Largest request head (request line and headers) accepted. */
    public static final int MAX_HEAD = 8192;

    private byte[] buf = new byte[0];

    /** The request is malformed: the server answers 400 and closes. */
    public static final class BadRequest extends Exception {
        public BadRequest(String message) {
            super(message);
        }
    }

    public void feed(byte[] b, int off, int len) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(buf.length + len);
        o.write(buf, 0, buf.length);
        o.write(b, off, len);
        buf = o.toByteArray();
    }

    /** Bytes received and not yet consumed by a request. */
    public int buffered() {
        return buf.length;
    }

    /** The next complete request, or null if more bytes are needed. */
    public HttpRequest next() throws BadRequest {
        int headEnd = -1;
        int bodyStart = -1;
        for (int i = 0; i < buf.length; i++) {
            if (buf[i] == '\n') {
                if (i + 1 < buf.length && buf[i + 1] == '\n') {
                    headEnd = i;
                    bodyStart = i + 2;
                    break;
                }
                if (i + 2 < buf.length && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
                    headEnd = i;
                    bodyStart = i + 3;
                    break;
                }
            }
        }
        if (headEnd < 0) {
            if (buf.length > MAX_HEAD) {
                throw new BadRequest("request head too long");
            }
            return null;
        }
        String head = new String(buf, 0, headEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r?\n", -1);
        String[] rl = lines[0].split(" ", -1);
        if (rl.length != 3 || rl[0].isEmpty() || rl[1].isEmpty() || !(rl[2].equals("HTTP/1.1") || rl[2].equals("HTTP/1.0"))
            || !rl[0].chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new BadRequest("bad request line: " + lines[0]);
        }
        List<HttpHeader> headers = new ArrayList<>();
        long length = 0;
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            int colon = l.indexOf(':');
            if (colon <= 0 || hasWhitespace(l, colon)) {
                throw new BadRequest("bad header line: " + l);
            }
            String name = l.substring(0, colon);
            String value = l.substring(colon + 1).strip();
            headers.add(new HttpHeader(name, value));
            if (name.equalsIgnoreCase("Content-Length")) {
                try {
                    length = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new BadRequest("bad Content-Length: " + value);
                }
                if (length < 0 || length > Integer.MAX_VALUE - 16) {
                    throw new BadRequest("bad Content-Length: " + value);
                }
            }
            if (name.equalsIgnoreCase("Transfer-Encoding")) {
                throw new BadRequest("Transfer-Encoding is not supported");
            }
        }
        if (rl[2].equals("HTTP/1.1") && headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("Host"))) {
            throw new BadRequest("HTTP/1.1 request without Host");
        }
        if (buf.length - bodyStart < length) {
            return null;
        }
        int end = bodyStart + (int) length;
        byte[] body = Arrays.copyOfRange(buf, bodyStart, end);
        buf = Arrays.copyOfRange(buf, end, buf.length);
        return new HttpRequest(rl[0], rl[1], rl[2], List.copyOf(headers), body);
    }

    /** Whether a header name (the {@code colon} characters before the colon) holds whitespace. */
    private static boolean hasWhitespace(String line, int colon) {
        for (int i = 0; i < colon; i++) {
            if (Character.isWhitespace(line.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
