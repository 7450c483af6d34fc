package io.knetsim.skupper.router;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.Errno;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.skupper.amqp.AmqpError;
import io.knetsim.skupper.amqp.Attach;
import io.knetsim.skupper.amqp.Binary;
import io.knetsim.skupper.amqp.Described;
import io.knetsim.skupper.amqp.Section;
import io.knetsim.skupper.amqp.SectionReader;
import io.knetsim.skupper.amqp.Source;
import io.knetsim.skupper.amqp.Target;
import io.knetsim.skupper.amqp.Transfer;
import io.knetsim.skupper.config.TcpConnectorEntity;
import java.util.ArrayDeque;

/**
 * One end of a TCP adaptor stream: a TCP socket bridged to a pair of AMQP links, the
 * {@code out} sender carrying the socket's bytes as one streamed delivery (a properties
 * section, then a data section per read, {@code more=true} until the socket's FIN) and the
 * {@code in} receiver whose delivery's data sections are written to the socket.
 *
 * <pre>
 *   socket read  ──▶ out: transfer(more) ... transfer(more=false) on FIN     (half-close)
 *   socket write ◀── in:  data sections;  delivery complete ──▶ shutdown(SHUT_WR)
 *   socket RST / error ──▶ out aborted, both links detached with an error ──▶ far socket reset
 * </pre>
 *
 * Back-pressure: when the out link has more than {@link AmqpLink#HIGH_WATER} frames waiting
 * (no credit, session window closed, or the TCP connection to the next router full) the
 * socket stops being read, so its receive window closes; frames from {@code in} that the
 * socket's send buffer cannot take yet stay counted against the session window.
 */
final class TcpStream implements TcpHandler {
    private static final AmqpError RESET = AmqpError.of("amqp:connection:forced", "tcp connection reset");

    private final StreamTable table;
    private final String name;
    private final boolean client;
    private final Runnable abort = this::reset;
    private TcpSocket socket;
    private boolean connected;
    private AmqpLink out;
    private AmqpLink in;
    private final SectionReader sections = new SectionReader();
    private final ArrayDeque<byte[]> toSocket = new ArrayDeque<>();
    private int toSocketOff;
    private int heldFrames;
    private boolean inDone;
    private boolean shutdownSent;
    private boolean outDone;
    private boolean paused;
    private boolean finished;

    private TcpStream(StreamTable table, String name, boolean client) {
        this.table = table;
        this.name = name;
        this.client = client;
        table.started(abort);
    }

    /** The tcpListener side: a client connection, carried to {@code address}. */
    static TcpHandler client(StreamTable table, String name, String address, TcpSocket socket) {
        TcpStream s = new TcpStream(table, name, true);
        s.socket = socket;
        var to = table.route(address);
        if (to.isEmpty()) {
            s.finished = true; // reset once the handshake completes
            table.ended(s.abort);
            return s;
        }
        if (to.get() instanceof StreamTable.Local local) {
            table.ended(s.abort);
            table.countLocal(address);
            return TcpSplice.start(table, socket, local.connector());
        }
        RouterConnection c = ((StreamTable.Remote) to.get()).via();
        table.expectReverse(name, s::onReverseAttach);
        s.out = c.amqp.open(AmqpConnection.DATA, name, true, Source.of(name + "/reply"), Target.of(address), 0, s.outHandler());
        s.out.startDelivery(Section.encode(Section.properties(address, name + "/reply")), false, true);
        return s;
    }

    /** The tcpConnector side: a forward link arrived for a local connector; connect to the service. */
    static void server(StreamTable table, RouterConnection c, Attach a, TcpConnectorEntity connector) {
        TcpStream s = new TcpStream(table, a.name(), false);
        s.in = c.amqp.accept(a, s.inHandler(), 1);
        String reply = a.name() + "/reply";
        s.out = c.amqp.open(AmqpConnection.DATA, reply, true, Source.of(null), Target.of(reply), 0, s.outHandler());
        s.out.startDelivery(Section.encode(Section.properties(reply, null)), false, true);
        try {
            s.socket = Tcp.connect(table.router().namespace(), Ipv4Address.parse(connector.host()).bits(),
                connector.port(), s);
        } catch (IllegalStateException e) {
            s.reset();
        }
    }

    private void onReverseAttach(RouterConnection c, Attach a) {
        if (finished) {
            c.amqp.refuse(a, RESET);
            return;
        }
        in = c.amqp.accept(a, inHandler(), 1);
    }

    // ---- socket side

    @Override
    public void onConnected(TcpSocket s) {
        socket = s;
        connected = true;
        if (finished && client) {
            s.abort(); // no route for the address: the client hears a reset
            return;
        }
        flushToSocket();
    }

    @Override
    public void onData(TcpSocket s, byte[] b, int off, int len) {
        if (finished || out == null || outDone) {
            return;
        }
        out.continueDelivery(Section.encode(Section.data(b, off, len)), true);
        if (out.pendingFrames() > AmqpLink.HIGH_WATER && !paused) {
            paused = true;
            s.pauseReading();
        }
    }

    @Override
    public void onPeerClosed(TcpSocket s) {
        if (finished || outDone) {
            return;
        }
        outDone = true;
        out.continueDelivery(new byte[0], false);
        out.detach(null);
        maybeFinish();
    }

    @Override
    public void onWritable(TcpSocket s) {
        flushToSocket();
    }

    @Override
    public void onError(TcpSocket s, Errno error) {
        reset();
    }

    @Override
    public void onClosed(TcpSocket s) {
        maybeFinish();
    }

    // ---- link side

    private LinkHandler outHandler() {
        return new LinkHandler() {
            @Override
            public void onQueueLow(AmqpLink link) {
                if (paused && !finished) {
                    paused = false;
                    socket.resumeReading();
                }
            }

            @Override
            public void onDetached(AmqpLink link, AmqpError error) {
                if (error != null || !outDone) {
                    reset();
                }
            }
        };
    }

    private LinkHandler inHandler() {
        return new LinkHandler() {
            @Override
            public boolean onTransfer(AmqpLink link, Transfer t, byte[] payload) {
                if (finished) {
                    return true;
                }
                if (t.isAborted()) {
                    reset();
                    return true;
                }
                sections.append(payload, 0, payload.length);
                for (Described d : sections.take()) {
                    if (d.code() == Section.DATA) {
                        toSocket.add(((Binary) d.value()).bytes());
                    }
                }
                if (!t.hasMore()) {
                    inDone = true;
                }
                heldFrames++;
                flushToSocket();
                return false;
            }

            @Override
            public void onDetached(AmqpLink link, AmqpError error) {
                if (error != null || !inDone) {
                    reset();
                }
            }
        };
    }

    private void flushToSocket() {
        if (!connected || socket == null || finished) {
            return;
        }
        while (!toSocket.isEmpty()) {
            byte[] b = toSocket.peek();
            int n;
            try {
                n = socket.send(b, toSocketOff, b.length - toSocketOff);
            } catch (IllegalStateException e) {
                reset();
                return;
            }
            toSocketOff += n;
            if (toSocketOff < b.length) {
                return;
            }
            toSocket.poll();
            toSocketOff = 0;
        }
        int h = heldFrames;
        heldFrames = 0;
        for (int i = 0; i < h; i++) {
            in.consumed();
        }
        if (inDone && !shutdownSent) {
            shutdownSent = true;
            socket.shutdownOutput();
            maybeFinish();
        }
    }

    private void maybeFinish() {
        if (!finished && outDone && shutdownSent) {
            finished = true;
            table.forget(name);
            table.ended(abort);
        }
    }

    /** Ends everything at once: the socket reset, the delivery aborted, both links detached with an error. */
    private void reset() {
        if (finished) {
            return;
        }
        finished = true;
        table.forget(name);
        table.ended(abort);
        if (socket != null) {
            socket.abort();
        }
        if (out != null) {
            out.abortDelivery();
            out.detach(RESET);
        }
        if (in != null) {
            in.detach(RESET);
        }
        for (int i = 0; i < heldFrames; i++) {
            in.consumed();
        }
        heldFrames = 0;
    }
}
