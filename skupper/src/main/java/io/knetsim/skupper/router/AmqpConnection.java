package io.knetsim.skupper.router;

import io.knetsim.net.Errno;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.skupper.amqp.AmqpDecodeException;
import io.knetsim.skupper.amqp.AmqpError;
import io.knetsim.skupper.amqp.AmqpFrame;
import io.knetsim.skupper.amqp.Attach;
import io.knetsim.skupper.amqp.Begin;
import io.knetsim.skupper.amqp.Binary;
import io.knetsim.skupper.amqp.Close;
import io.knetsim.skupper.amqp.Detach;
import io.knetsim.skupper.amqp.Disposition;
import io.knetsim.skupper.amqp.End;
import io.knetsim.skupper.amqp.Flow;
import io.knetsim.skupper.amqp.FrameReader;
import io.knetsim.skupper.amqp.Open;
import io.knetsim.skupper.amqp.Outcome;
import io.knetsim.skupper.amqp.Performative;
import io.knetsim.skupper.amqp.ProtocolHeader;
import io.knetsim.skupper.amqp.Source;
import io.knetsim.skupper.amqp.Target;
import io.knetsim.skupper.amqp.Transfer;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An AMQP 1.0 connection over a simulated {@link TcpSocket}, with two sessions
 * ({@link AmqpSession}): channel 0 for the routing protocol's control links, channel 1 for
 * stream links, as the router opens between routers:
 *
 * <pre>
 *   AMQP\0\1\0\0 -&gt;                &lt;- AMQP\0\1\0\0
 *   open(container-id, max-frame-size, channel-max, properties) -&gt;   &lt;- open
 *   begin(next-outgoing-id 0, incoming-window = maxSessionFrames) on channels 0 and 1 -&gt;
 *                                  &lt;- begin(remote-channel 0), begin(remote-channel 1)
 *   attach / flow / transfer / disposition / detach ...
 *   close -&gt;                       &lt;- close
 * </pre>
 *
 * Flow control (part 2, sections 2.5.6 and 2.6.7): a transfer goes out only while the peer's
 * incoming-window for its session is open and, for a new delivery, its link has credit; the
 * window each session offers is {@code maxSessionFrames} less the frames its links still
 * hold, advertised again in a flow once half of it is used. Frames are cut to the smaller of the
 * two ends' max-frame-size. Output waits in a buffer while the TCP send buffer is full.
 */
final class AmqpConnection implements TcpHandler {
    /** What the owner hears. */
    interface Listener {
        /** Both opens and begins were exchanged: links may be attached. */
        void onReady(AmqpConnection c);

        /** The peer attached a link this end did not start: accept or refuse it. */
        void onRemoteAttach(AmqpConnection c, Attach attach);

        /** The connection ended (closed, reset, timed out or refused); {@code reason} says how. */
        void onClosed(AmqpConnection c, String reason);
    }

    /** The channel of the session for the routing protocol's control links. */
    static final int CONTROL = 0;
    /** The channel of the session for stream links. */
    static final int DATA = 1;
    /** Output bytes above which transfers wait for the TCP send buffer to drain. */
    private static final int OUTPUT_LIMIT = 256 * 1024;

    private final Listener listener;
    private final boolean initiator;
    private final String containerId;
    private final long maxFrameSize;
    private final long maxSessionFrames;
    private final Map<Object, Object> openProperties;
    private final FrameReader reader;
    private TcpSocket socket;
    private Open remoteOpen;
    private boolean closeSent;
    private boolean closed;
    private long remoteMaxFrameSize = 512;
    /** The control session (channel 0) and the data session (channel 1). */
    private final AmqpSession[] sessions;
    /** Attaches from the peer waiting for {@link #accept} or {@link #refuse}, with their session. */
    private final Map<String, AmqpSession> remoteAttaches = new LinkedHashMap<>();
    private final ArrayDeque<ByteBuffer> output = new ArrayDeque<>();
    private int outputBytes;
    private boolean pumping;
    private long linkIdentities;
    private boolean pumpAgain;
    // counters, read by tests
    long framesSent;
    long framesReceived;
    long bytesSent;
    /** The largest frame sent, in bytes. */
    long largestFrameSent;
    /** Transfers that arrived while the window this end offered was closed (a peer breaking flow control). */
    long windowViolations;
    /** Times a transfer waited because the peer's session window was closed. */
    long windowStalls;

    AmqpConnection(Listener listener, boolean initiator, String containerId, long maxFrameSize, long maxSessionFrames,
                   Map<Object, Object> openProperties) {
        this.listener = listener;
        this.initiator = initiator;
        this.containerId = containerId;
        this.maxFrameSize = maxFrameSize;
        this.maxSessionFrames = maxSessionFrames;
        this.openProperties = openProperties;
        this.sessions = new AmqpSession[] {new AmqpSession(CONTROL, maxSessionFrames),
            new AmqpSession(DATA, maxSessionFrames)};
        this.reader = new FrameReader(maxFrameSize, this::onFrame);
    }

    TcpSocket socket() {
        return socket;
    }

    Open remoteOpen() {
        return remoteOpen;
    }

    /** The peer's container id (its router id), once its open arrived. */
    String remoteContainerId() {
        return remoteOpen == null ? null : remoteOpen.containerId();
    }

    boolean isReady() {
        return remoteOpen != null && sessions[CONTROL].established() && sessions[DATA].established() && !closed;
    }

    boolean isClosed() {
        return closed;
    }

    long maxFrameSize() {
        return maxFrameSize;
    }

    long maxSessionFrames() {
        return maxSessionFrames;
    }

    /** The payload bytes that fit a transfer frame the peer will take (performative overhead allowed for). */
    int maxPayload() {
        return (int) Math.min(maxFrameSize, remoteMaxFrameSize) - 64;
    }

    long nextLinkIdentity() {
        return ++linkIdentities;
    }

    List<AmqpLink> links() {
        List<AmqpLink> all = new ArrayList<>();
        for (AmqpSession ss : sessions) {
            all.addAll(ss.byHandle.values());
        }
        return all;
    }

    // ---- TCP events

    @Override
    public void onConnected(TcpSocket s) {
        socket = s;
        s.setNoDelay(true);
        send(ProtocolHeader.bytes());
        write(CONTROL, new Open(containerId, null, maxFrameSize, 32767, null, null, null, openProperties));
        if (initiator) {
            for (AmqpSession ss : sessions) {
                ss.beginSent = true;
                write(ss.channel, new Begin(null, ss.nextOutgoingId, ss.maxFrames, 0x7fffffffL, 0xffffL));
            }
        }
    }

    @Override
    public void onData(TcpSocket s, byte[] b, int off, int len) {
        if (closed) {
            return;
        }
        try {
            reader.read(b, off, len);
        } catch (AmqpDecodeException e) {
            fail(AmqpError.of("amqp:decode-error", e.getMessage()));
        }
    }

    @Override
    public void onWritable(TcpSocket s) {
        flush();
        pump();
    }

    @Override
    public void onPeerClosed(TcpSocket s) {
        if (!closed) {
            s.close();
            closed("connection closed by peer");
        }
    }

    @Override
    public void onError(TcpSocket s, Errno error) {
        closed(error.message());
    }

    @Override
    public void onClosed(TcpSocket s) {
        closed("connection closed");
    }

    // ---- frames in

    private void onFrame(AmqpFrame f) {
        framesReceived++;
        Performative p = f.performative();
        if (p == null) {
            return; // heartbeat
        }
        if (p instanceof Open o) {
            remoteOpen = o;
            remoteMaxFrameSize = o.maxFrameSize() == null ? 0xffff_ffffL : o.maxFrameSize();
            maybeReady();
            return;
        } else if (p instanceof Close c) {
            if (!closeSent) {
                closeSent = true;
                write(CONTROL, new Close(null));
            }
            socket.close();
            closed(c.error() == null ? "closed by peer" : c.error().condition().value());
            return;
        }
        if (f.channel() >= sessions.length) {
            fail(AmqpError.of("amqp:connection:framing-error", "no session on channel " + f.channel()));
            return;
        }
        AmqpSession ss = sessions[f.channel()];
        if (p instanceof Begin bg) {
            ss.beginReceived = true;
            if (!ss.beginSent) {
                ss.beginSent = true;
                write(ss.channel, new Begin(f.channel(), ss.nextOutgoingId, ss.maxFrames, 0x7fffffffL, 0xffffL));
            }
            ss.remoteIncomingWindow = bg.incomingWindow();
            ss.nextIncomingId = bg.nextOutgoingId();
            maybeReady();
        } else if (p instanceof Attach a) {
            onAttach(ss, a);
        } else if (p instanceof Flow fl) {
            onFlow(ss, fl);
        } else if (p instanceof Transfer t) {
            onTransfer(ss, t, f.payload());
        } else if (p instanceof Detach d) {
            onDetach(ss, d);
        } else if (p instanceof End) {
            write(ss.channel, new End(null));
        }
        // a disposition settles our deliveries: the router forgets a stream's delivery once it is sent
    }

    private boolean readyTold;

    private void maybeReady() {
        if (isReady() && !readyTold) {
            readyTold = true;
            listener.onReady(this);
        }
    }

    private void onAttach(AmqpSession ss, Attach a) {
        AmqpLink mine = ss.awaitingAttach.remove(a.name());
        if (mine != null) {
            mine.remoteHandle = a.handle();
            mine.remoteSource = a.source();
            mine.remoteTarget = a.target();
            ss.byRemoteHandle.put(a.handle(), mine);
            mine.handler.onAttached(mine);
            pump();
            return;
        }
        remoteAttaches.put(a.name(), ss);
        listener.onRemoteAttach(this, a);
        remoteAttaches.remove(a.name());
    }

    /** Accepts a link the peer attached: answers with the opposite role; a receiver grants {@code credit}. */
    AmqpLink accept(Attach a, LinkHandler handler, long credit) {
        AmqpSession ss = sessionOf(a);
        AmqpLink l = new AmqpLink(this, ss, a.name(), a.receiver(), a.source(), a.target(), ss.freeHandle(), handler);
        l.remoteHandle = a.handle();
        l.remoteSource = a.source();
        l.remoteTarget = a.target();
        ss.byHandle.put(l.handle, l);
        ss.byRemoteHandle.put(a.handle(), l);
        l.attachSent = true;
        write(ss.channel, l.sender ? Attach.sender(l.name, l.handle, a.source(), a.target())
            : Attach.receiver(l.name, l.handle, a.source(), a.target()));
        if (!l.sender) {
            l.creditTarget = credit;
            grant(l);
        }
        return l;
    }

    /** Refuses a link the peer attached: attach with no terminus, then detach with {@code error}. */
    void refuse(Attach a, AmqpError error) {
        AmqpSession ss = sessionOf(a);
        long h = ss.freeHandle();
        write(ss.channel, a.receiver() ? Attach.sender(a.name(), h, null, null)
            : Attach.receiver(a.name(), h, null, null));
        write(ss.channel, new Detach(h, true, error));
    }

    /** The session an attach from the peer came on (only while {@link Listener#onRemoteAttach} runs). */
    private AmqpSession sessionOf(Attach a) {
        AmqpSession ss = remoteAttaches.get(a.name());
        if (ss == null) {
            throw new IllegalStateException("attach " + a.name() + " is not being answered");
        }
        return ss;
    }

    /**
     * Starts a link from this end on session {@code channel} ({@link #CONTROL} or {@link #DATA});
     * it is usable once the peer's attach comes back.
     */
    AmqpLink open(int channel, String name, boolean sender, Source source, Target target, long credit,
                  LinkHandler handler) {
        AmqpSession ss = sessions[channel];
        AmqpLink l = new AmqpLink(this, ss, name, sender, source, target, ss.freeHandle(), handler);
        ss.byHandle.put(l.handle, l);
        ss.awaitingAttach.put(name, l);
        l.attachSent = true;
        write(ss.channel, sender ? Attach.sender(name, l.handle, source, target) : Attach.receiver(name, l.handle, source, target));
        if (!sender) {
            l.creditTarget = credit;
            grant(l);
        }
        return l;
    }

    private void onFlow(AmqpSession ss, Flow fl) {
        long base = fl.nextIncomingId() == null ? 0 : fl.nextIncomingId();
        ss.remoteIncomingWindow = base + fl.incomingWindow() - ss.nextOutgoingId;
        if (fl.handle() != null) {
            AmqpLink l = ss.byRemoteHandle.get(fl.handle());
            if (l != null && l.sender) {
                long dc = fl.deliveryCount() == null ? 0 : fl.deliveryCount();
                l.credit = dc + (fl.linkCredit() == null ? 0 : fl.linkCredit()) - l.deliveryCount;
                l.handler.onCredit(l);
            }
        }
        pump();
    }

    private void onTransfer(AmqpSession ss, Transfer t, byte[] payload) {
        if (ss.windowLeft <= 0) {
            windowViolations++;
        }
        ss.nextIncomingId++;
        ss.windowLeft--;
        AmqpLink l = ss.byRemoteHandle.get(t.handle());
        if (l == null || l.sender) {
            return;
        }
        l.framesIn++;
        if (t.deliveryId() != null) {
            l.deliveryCount++;
            l.credit--;
            l.deliveriesIn++;
        }
        if (t.deliveryId() != null) {
            l.currentDeliveryId = t.deliveryId();
            l.currentSettled = Boolean.TRUE.equals(t.settled());
        }
        boolean done = t.isAborted() || !t.hasMore();
        if (done) {
            if (!t.isAborted() && !l.currentSettled && l.currentDeliveryId >= 0) {
                write(ss.channel, Disposition.settle(l.currentDeliveryId, Outcome.ACCEPTED));
            }
            l.currentDeliveryId = -1;
        }
        ss.held++;
        boolean consumed = l.handler.onTransfer(l, t, payload);
        if (t.deliveryId() != null && l.credit <= l.creditTarget / 2 && !l.detachSent) {
            grant(l);
        }
        if (consumed) {
            frameConsumed(ss);
        }
    }

    void frameConsumed(AmqpSession ss) {
        ss.held--;
        if (!closed && ss.reopenWindow()) {
            write(ss.channel, new Flow(ss.nextIncomingId, ss.windowLeft, ss.nextOutgoingId, 0x7fffffffL, null, null,
                null, null, null, null));
        }
    }

    private void grant(AmqpLink l) {
        AmqpSession ss = l.session;
        l.credit = l.creditTarget;
        write(ss.channel, new Flow(ss.beginReceived ? ss.nextIncomingId : null, ss.windowLeft, ss.nextOutgoingId,
            0x7fffffffL, l.handle, l.deliveryCount, l.credit, null, null, null));
    }

    private void onDetach(AmqpSession ss, Detach d) {
        AmqpLink l = ss.byRemoteHandle.remove(d.handle());
        if (l == null) {
            return;
        }
        l.detachReceived = true;
        ss.awaitingAttach.remove(l.name, l);
        if (!l.detachSent) {
            l.detachSent = true;
            l.pending.clear();
            write(ss.channel, Detach.closed(l.handle));
        }
        ss.byHandle.remove(l.handle, l);
        l.handler.onDetached(l, d.error());
    }

    // ---- frames out

    /**
     * Sends what flow control allows, links taken in turn: a transfer needs the peer's session
     * window and, to start a delivery, link credit. Re-entrant calls (a socket callback while
     * sending) only ask for another round.
     */
    void pump() {
        if (pumping) {
            pumpAgain = true;
            return;
        }
        pumping = true;
        try {
            do {
                pumpAgain = false;
                pumpOnce();
            } while (pumpAgain);
        } finally {
            pumping = false;
        }
    }

    private void pumpOnce() {
        if (!isReady()) {
            return;
        }
        boolean progress = true;
        while (progress && outputBytes < OUTPUT_LIMIT) {
            progress = false;
            for (AmqpSession ss : sessions) {
                List<AmqpLink> ls = new ArrayList<>(ss.byHandle.values());
                int n = ls.size();
                for (int i = 0; i < n && outputBytes < OUTPUT_LIMIT; i++) {
                    AmqpLink l = ls.get((ss.rr + i) % n);
                    if (sendOne(l)) {
                        progress = true;
                    }
                }
                ss.rr++;
            }
        }
    }

    private boolean sendOne(AmqpLink l) {
        if (l.remoteHandle == null || l.detachSent) {
            return false;
        }
        AmqpSession ss = l.session;
        AmqpLink.Pending p = l.pending.peek();
        if (p == null) {
            if (l.detachPending) {
                l.detachPending = false;
                l.detachSent = true;
                write(ss.channel, new Detach(l.handle, true, l.detachError));
                if (l.detachReceived) {
                    ss.byHandle.remove(l.handle, l);
                }
            }
            return false;
        }
        if (ss.remoteIncomingWindow <= 0) {
            windowStalls++;
            return false;
        }
        if (p.first() && l.credit <= 0) {
            return false;
        }
        l.pending.poll();
        Transfer t;
        if (p.aborted()) {
            t = Transfer.abort(l.handle);
        } else if (p.first()) {
            long id = ss.nextDeliveryId++;
            l.credit--;
            l.deliveryCount++;
            byte[] tag = java.nio.ByteBuffer.allocate(8).putLong(l.deliveryTagSeq++).array();
            t = new Transfer(l.handle, id, Binary.of(tag), 0L, p.settled(), p.more(), null, null, null, null, null);
        } else {
            t = Transfer.continuation(l.handle, p.more());
        }
        ss.nextOutgoingId++;
        ss.remoteIncomingWindow--;
        write(new AmqpFrame(ss.channel, t, p.payload()));
        if (l.pending.size() == AmqpLink.LOW_WATER) {
            l.handler.onQueueLow(l);
        } else if (l.pending.isEmpty()) {
            l.handler.onQueueLow(l);
        }
        return true;
    }

    private void write(int channel, Performative p) {
        write(AmqpFrame.of(channel, p));
    }

    private void write(AmqpFrame f) {
        if (closed || socket == null) {
            return;
        }
        framesSent++;
        byte[] b = f.encode();
        largestFrameSent = Math.max(largestFrameSent, b.length);
        send(b);
    }

    private void send(byte[] b) {
        bytesSent += b.length;
        output.add(ByteBuffer.wrap(b));
        outputBytes += b.length;
        flush();
    }

    private void flush() {
        while (!output.isEmpty() && socket != null && !closed) {
            ByteBuffer head = output.peek();
            int n;
            try {
                n = socket.send(head.array(), head.position(), head.remaining());
            } catch (IllegalStateException e) {
                return;
            }
            head.position(head.position() + n);
            outputBytes -= n;
            if (head.hasRemaining()) {
                return;
            }
            output.poll();
        }
    }

    /** Closes the connection with a close performative (error optional), then the TCP connection. */
    void close(AmqpError error) {
        if (closed) {
            return;
        }
        if (!closeSent) {
            closeSent = true;
            write(CONTROL, new Close(error));
        }
        if (socket != null) {
            socket.close();
        }
        closed("closed");
    }

    /** Ends the connection at once: RST, as a router process that dies. */
    void abort() {
        if (socket != null) {
            socket.abort();
        }
        closed("aborted");
    }

    private void fail(AmqpError error) {
        close(error);
    }

    private void closed(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        output.clear();
        AmqpError err = AmqpError.of("amqp:connection:forced", reason);
        for (AmqpLink l : links()) {
            if (!l.detachReceived) {
                l.detachReceived = true;
                l.handler.onDetached(l, err);
            }
        }
        for (AmqpSession ss : sessions) {
            ss.byHandle.clear();
            ss.byRemoteHandle.clear();
            ss.awaitingAttach.clear();
        }
        listener.onClosed(this, reason);
    }

    @Override
    public String toString() {
        return "amqp " + containerId + "->" + remoteContainerId();
    }
}
