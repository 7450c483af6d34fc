package io.knetsim.app.http;

import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A test client: sends {@code request} once connected and records the reply and whether the server closed. */
public final class RawClient implements TcpHandler {
    /** Every byte of the reply so far. */
    public final ByteArrayOutputStream got = new ByteArrayOutputStream();
    final String request;
    /** Whether the server has closed its side. */
    public boolean peerClosed;

    /** A client that will send {@code request} (ISO-8859-1) once connected. */
    public RawClient(String request) {
        this.request = request;
    }

    @Override
    public void onConnected(TcpSocket s) {
        byte[] b = request.getBytes(StandardCharsets.ISO_8859_1);
        s.send(b, 0, b.length);
    }

    @Override
    public void onData(TcpSocket s, byte[] b, int off, int len) {
        got.write(b, off, len);
    }

    @Override
    public void onPeerClosed(TcpSocket s) {
        peerClosed = true;
        s.close();
    }

    /** The reply so far as ISO-8859-1 text. */
    public String text() {
        return got.toString(StandardCharsets.ISO_8859_1);
    }
}
