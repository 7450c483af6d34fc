package io.knetsim.ingress.nginx;

import io.knetsim.app.http.HttpRequest;
import io.knetsim.app.http.HttpRequestParser;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.net.tcp.TcpState;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One client connection to the proxy. Requests are parsed with core's {@link HttpRequestParser}
 * and handled one at a time, in order (pipelined ones wait); each takes the proxy's current
 * {@link Generation} when it starts. The connection stays open as HTTP/1.1 says and closes after
 * a response to a request that does not keep it alive. A malformed request gets nginx's 400
 * page and the connection closes. If the client goes away, the pending request is cancelled
 * (the upstream connection is dropped, as nginx does without proxy_ignore_client_abort).
 */
final class ClientConnection implements TcpHandler {
    private final NginxProxy proxy;
    private final HttpRequestParser parser = new HttpRequestParser();
    private final Deque<HttpRequest> queued = new ArrayDeque<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private TcpSocket socket;
    private ProxiedRequest current;
    private boolean badRequest;
    private boolean done;
    private boolean closeWhenFlushed;

    ClientConnection(NginxProxy proxy) {
        this.proxy = proxy;
    }

    @Override
    public void onData(TcpSocket s, byte[] b, int off, int len) {
        socket = s;
        if (done || badRequest) {
            return;
        }
        parser.feed(b, off, len);
        try {
            HttpRequest r;
            while ((r = parser.next()) != null) {
                queued.add(r);
            }
        } catch (HttpRequestParser.BadRequest e) {
            badRequest = true;
        }
        dispatch();
    }

    private void dispatch() {
        while (!done && current == null) {
            HttpRequest r = queued.poll();
            if (r == null) {
                if (badRequest) {
                    proxy.counted(400);
                    write(ProxyMessages.errorResponse(400, false, false, proxy.ns().sim().now()));
                    finish();
                }
                return;
            }
            boolean keepAlive = r.keepAlive();
            ProxiedRequest[] self = new ProxiedRequest[1];
            boolean[] sync = {true};
            self[0] = proxy.begin(r, socket.remoteAddress(), a -> {
                proxy.counted(a.status());
                if (current == self[0]) {
                    current = null;
                }
                write(a.bytes());
                if (!keepAlive) {
                    finish();
                }
                if (!sync[0]) {
                    dispatch();
                }
            });
            if (!self[0].isFinished()) {
                current = self[0];
            }
            sync[0] = false;
        }
    }

    @Override
    public void onWritable(TcpSocket s) {
        flush(s);
    }

    @Override
    public void onPeerClosed(TcpSocket s) {
        socket = s;
        if (!done) {
            gone();
            finish();
        }
    }

    @Override
    public void onClosed(TcpSocket s) {
        done = true;
        gone();
    }

    private void gone() {
        queued.clear();
        if (current != null) {
            current.cancel();
            current = null;
        }
    }

    private void finish() {
        done = true;
        closeWhenFlushed = true;
        flush(socket);
    }

    private void write(byte[] bytes) {
        pending.writeBytes(bytes);
        flush(socket);
    }

    private void flush(TcpSocket s) {
        if (s == null || s.state() == TcpState.CLOSED) {
            return;
        }
        if (pending.size() > 0) {
            byte[] b = pending.toByteArray();
            int n = s.send(b, 0, b.length);
            pending.reset();
            pending.write(b, n, b.length - n);
        }
        if (pending.size() == 0 && closeWhenFlushed) {
            closeWhenFlushed = false;
            s.close();
        }
    }
}
