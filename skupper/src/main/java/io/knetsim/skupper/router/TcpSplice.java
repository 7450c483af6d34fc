package io.knetsim.skupper.router;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.Errno;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.skupper.config.TcpConnectorEntity;
import java.util.ArrayDeque;

/**
 * A stream whose closest consumer is on the same router: the client's connection is joined
 * straight to a new connection to the local tcpConnector's host:port, bytes copied each way
 * with back-pressure (reading paused while the other side's send buffer is full), FIN passed
 * on as a half-close and a reset as a reset.
 */
final class TcpSplice {
    private final StreamTable table;
    private final Side a = new Side();
    private final Side b = new Side();
    private final Runnable abort = this::reset;
    private boolean done;

    private TcpSplice(StreamTable table) {
        this.table = table;
        a.other = b;
        b.other = a;
        table.started(abort);
    }

    static TcpHandler start(StreamTable table, TcpSocket client, TcpConnectorEntity to) {
        TcpSplice s = new TcpSplice(table);
        s.a.socket = client;
        try {
            s.b.socket = Tcp.connect(table.router().namespace(), Ipv4Address.parse(to.host()).bits(), to.port(), s.b);
        } catch (IllegalStateException e) {
            s.b.failed = true;
        }
        return s.a;
    }

    private void reset() {
        if (done) {
            return;
        }
        done = true;
        table.ended(abort);
        for (Side s : new Side[] {a, b}) {
            if (s.socket != null) {
                s.socket.abort();
            }
        }
    }

    private void maybeDone() {
        if (!done && a.finSent && b.finSent) {
            done = true;
            table.ended(abort);
        }
    }

    private final class Side implements TcpHandler {
        TcpSocket socket;
        Side other;
        boolean connected;
        boolean failed;
        boolean peerFin;
        boolean finSent;
        final ArrayDeque<byte[]> pending = new ArrayDeque<>();
        int pendingOff;

        @Override
        public void onConnected(TcpSocket s) {
            socket = s;
            connected = true;
            if (other.failed) {
                reset();
                return;
            }
            flush();
        }

        @Override
        public void onData(TcpSocket s, byte[] buf, int off, int len) {
            other.pending.add(java.util.Arrays.copyOfRange(buf, off, off + len));
            other.flush();
            if (!other.pending.isEmpty()) {
                s.pauseReading();
            }
        }

        @Override
        public void onPeerClosed(TcpSocket s) {
            other.peerFin = true;
            other.flush();
        }

        @Override
        public void onWritable(TcpSocket s) {
            flush();
        }

        @Override
        public void onError(TcpSocket s, Errno e) {
            failed = true;
            reset();
        }

        /** Writes what the other side read; a FIN after it once it is all sent. */
        void flush() {
            if (!connected || done) {
                return;
            }
            while (!pending.isEmpty()) {
                byte[] p = pending.peek();
                int n = socket.send(p, pendingOff, p.length - pendingOff);
                pendingOff += n;
                if (pendingOff < p.length) {
                    return;
                }
                pending.poll();
                pendingOff = 0;
            }
            if (other.socket != null && other.socket.readingPaused()) {
                other.socket.resumeReading();
            }
            if (peerFin && !finSent) {
                finSent = true;
                socket.shutdownOutput();
                maybeDone();
            }
        }
    }
}
