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
import java.util.TreeMap;

/**
 * An AMQP 1.0 connection over a simulated {@link TcpSocket}, with one session on channel 0,
 * as the router opens between routers:
 *
 * <pre>
 *   AMQP\0\1\0\0 -&gt;                &lt;- AMQP\0\1\0\0
 *   open(container-id, max-frame-size, channel-max, properties) -&gt;   &lt;- open
 *   begin(next-outgoing-id 0, incoming-window = maxSessionFrames) -&gt;  &lt;- begin(remote-channel 0)
 *   attach / flow / transfer / disposition / detach ...
 *   close -&gt;                       &lt;- close
 * </pre>
 *
 * Flow control (part 2, sections 2.5.6 and 2.6.7): a transfer goes out only while the peer's
 * session incoming-window is open and, for a new delivery, its link has credit; the session
 * window this end offers is {@code maxSessionFrames} less the frames its links still hold,
 * advertised again in a flow once half of it is used. Frames are cut to the smaller of the
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
    private boolean beginReceived;
    private boolean closeSent;
    private boolean closed;
    private long remoteMaxFrameSize = 512;
    // session
    private long nextOutgoingId;
    private long remoteIncomingWindow;
    private long nextIncomingId;
    private long windowLeft;
    private long held;
    private final TreeMap<Long, AmqpLink> byHandle = new TreeMap<>();
    private final Map<Long, AmqpLink> byRemoteHandle = new LinkedHashMap<>();
    private final Map<String, AmqpLink> awaitingAttach = new LinkedHashMap<>();
    private final ArrayDeque<ByteBuffer> output = new ArrayDeque<>();
    private int outputBytes;
    private long nextDeliveryId;
    private boolean pumping;
    private boolean pumpAgain;
    private int rr;
    // counters for skstat
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
        this.windowLeft = maxSessionFrames;
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
        return remoteOpen != null && beginReceived && !closed;
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

    List<AmqpLink> links() {
        return new ArrayList<>(byHandle.values());
    }

    // ---- TCP events

    @Override
    public void onConnected(TcpSocket s) {
        socket = s;
        s.setNoDelay(true);
        send(ProtocolHeader.bytes());
        write(new Open(containerId, null, maxFrameSize, 32767, null, null, null, openProperties));
        if (initiator) {
            write(new Begin(null, nextOutgoingId, maxSessionFrames, 0x7fffffffL, 0xffffL));
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
        } else if (p instanceof Begin bg) {
            beginReceived = true;
            if (!initiator) {
                write(new Begin(0, nextOutgoingId, maxSessionFrames, 0x7fffffffL, 0xffffL));
            }
            remoteIncomingWindow = bg.incomingWindow();
            nextIncomingId = bg.nextOutgoingId();
            maybeReady();
        } else if (p instanceof Attach a) {
            onAttach(a);
        } else if (p instanceof Flow fl) {
            onFlow(fl);
        } else if (p instanceof Transfer t) {
            onTransfer(t, f.payload());
        } else if (p instanceof Detach d) {
            onDetach(d);
        } else if (p instanceof End) {
            write(new End(null));
        } else if (p instanceof Close c) {
            if (!closeSent) {
                closeSent = true;
                write(new Close(null));
            }
            socket.close();
            closed(c.error() == null ? "closed by peer" : c.error().condition().value());
        }
        // a disposition settles our deliveries: the router forgets a stream's delivery once it is sent
    }

    private void maybeReady() {
        if (remoteOpen != null && beginReceived && !closed) {
            listener.onReady(this);
        }
    }

    private void onAttach(Attach a) {
        AmqpLink mine = awaitingAttach.remove(a.name());
        if (mine != null) {
            mine.remoteHandle = a.handle();
            mine.remoteSource = a.source();
            mine.remoteTarget = a.target();
            byRemoteHandle.put(a.handle(), mine);
            mine.handler.onAttached(mine);
            pump();
            return;
        }
        listener.onRemoteAttach(this, a);
    }

    /** Accepts a link the peer attached: answers with the opposite role; a receiver grants {@code credit}. */
    AmqpLink accept(Attach a, LinkHandler handler, long credit) {
        AmqpLink l = new AmqpLink(this, a.name(), a.receiver(), a.source(), a.target(), freeHandle(), handler);
        l.remoteHandle = a.handle();
        l.remoteSource = a.source();
        l.remoteTarget = a.target();
        byHandle.put(l.handle, l);
        byRemoteHandle.put(a.handle(), l);
        l.attachSent = true;
        write(l.sender ? Attach.sender(l.name, l.handle, a.source(), a.target())
            : Attach.receiver(l.name, l.handle, a.source(), a.target()));
        if (!l.sender) {
            l.creditTarget = credit;
            grant(l);
        }
        return l;
    }

    /** Refuses a link the peer attached: attach with no terminus, then detach with {@code error}. */
    void refuse(Attach a, AmqpError error) {
        long h = freeHandle();
        write(a.receiver() ? Attach.sender(a.name(), h, null, null) : Attach.receiver(a.name(), h, null, null));
        write(new Detach(h, true, error));
    }

    /** Starts a link from this end; it is usable once the peer's attach comes back. */
    AmqpLink open(String name, boolean sender, Source source, Target target, long credit, LinkHandler handler) {
        AmqpLink l = new AmqpLink(this, name, sender, source, target, freeHandle(), handler);
        byHandle.put(l.handle, l);
        awaitingAttach.put(name, l);
        l.attachSent = true;
        write(sender ? Attach.sender(name, l.handle, source, target) : Attach.receiver(name, l.handle, source, target));
        if (!sender) {
            l.creditTarget = credit;
            grant(l);
        }
        return l;
    }

    private long freeHandle() {
        long h = 0;
        for (long used : byHandle.keySet()) {
            if (used != h) {
                break;
            }
            h++;
        }
        return h;
    }

    private void onFlow(Flow fl) {
        long base = fl.nextIncomingId() == null ? 0 : fl.nextIncomingId();
        remoteIncomingWindow = base + fl.incomingWindow() - nextOutgoingId;
        if (fl.handle() != null) {
            AmqpLink l = byRemoteHandle.get(fl.handle());
            if (l != null && l.sender) {
                long dc = fl.deliveryCount() == null ? 0 : fl.deliveryCount();
                l.credit = dc + (fl.linkCredit() == null ? 0 : fl.linkCredit()) - l.deliveryCount;
                l.handler.onCredit(l);
            }
        }
        pump();
    }

    private void onTransfer(Transfer t, byte[] payload) {
        if (windowLeft <= 0) {
            windowViolations++;
        }
        nextIncomingId++;
        windowLeft--;
        AmqpLink l = byRemoteHandle.get(t.handle());
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
                write(Disposition.settle(l.currentDeliveryId, Outcome.ACCEPTED));
            }
            l.currentDeliveryId = -1;
        }
        held++;
        boolean consumed = l.handler.onTransfer(l, t, payload);
        if (t.deliveryId() != null && l.credit <= l.creditTarget / 2 && !l.detachSent) {
            grant(l);
        }
        if (consumed) {
            frameConsumed();
        }
    }

    void frameConsumed() {
        held--;
        long open = maxSessionFrames - held;
        if (!closed && windowLeft < maxSessionFrames / 2 && open > windowLeft) {
            windowLeft = open;
            write(new Flow(nextIncomingId, windowLeft, nextOutgoingId, 0x7fffffffL, null, null, null, null, null,
                null));
        }
    }

    private void grant(AmqpLink l) {
        l.credit = l.creditTarget;
        write(new Flow(beginReceived ? nextIncomingId : null, windowLeft, nextOutgoingId, 0x7fffffffL, l.handle,
            l.deliveryCount, l.credit, null, null, null));
    }

    private void onDetach(Detach d) {
        AmqpLink l = byRemoteHandle.remove(d.handle());
        if (l == null) {
            return;
        }
        l.detachReceived = true;
        awaitingAttach.remove(l.name, l);
        if (!l.detachSent) {
            l.detachSent = true;
            l.pending.clear();
            write(Detach.closed(l.handle));
        }
        byHandle.remove(l.handle, l);
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
            List<AmqpLink> ls = new ArrayList<>(byHandle.values());
            int n = ls.size();
            for (int i = 0; i < n && outputBytes < OUTPUT_LIMIT; i++) {
                AmqpLink l = ls.get((rr + i) % n);
                if (sendOne(l)) {
                    progress = true;
                }
            }
            rr++;
        }
    }

    private boolean sendOne(AmqpLink l) {
        if (l.remoteHandle == null || l.detachSent) {
            return false;
        }
        AmqpLink.Pending p = l.pending.peek();
        if (p == null) {
            if (l.detachPending) {
                l.detachPending = false;
                l.detachSent = true;
                write(new Detach(l.handle, true, l.detachError));
                if (l.detachReceived) {
                    byHandle.remove(l.handle, l);
                }
            }
            return false;
        }
        if (remoteIncomingWindow <= 0) {
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
            long id = nextDeliveryId++;
            l.credit--;
            l.deliveryCount++;
            byte[] tag = java.nio.ByteBuffer.allocate(8).putLong(l.deliveryTagSeq++).array();
            t = new Transfer(l.handle, id, Binary.of(tag), 0L, p.settled(), p.more(), null, null, null, null, null);
        } else {
            t = Transfer.continuation(l.handle, p.more());
        }
        nextOutgoingId++;
        remoteIncomingWindow--;
        write(new AmqpFrame(0, t, p.payload()));
        if (l.pending.size() == AmqpLink.LOW_WATER) {
            l.handler.onQueueLow(l);
        } else if (l.pending.isEmpty()) {
            l.handler.onQueueLow(l);
        }
        return true;
    }

    private void write(Performative p) {
        write(AmqpFrame.of(0, p));
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
            write(new Close(error));
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
        for (AmqpLink l : new ArrayList<>(byHandle.values())) {
            if (!l.detachReceived) {
                l.detachReceived = true;
                l.handler.onDetached(l, err);
            }
        }
        byHandle.clear();
        byRemoteHandle.clear();
        awaitingAttach.clear();
        listener.onClosed(this, reason);
    }

    @Override
    public String toString() {
        return "amqp " + containerId + "->" + remoteContainerId();
    }
}
