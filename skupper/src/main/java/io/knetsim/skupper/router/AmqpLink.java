package io.knetsim.skupper.router;

import io.knetsim.skupper.amqp.AmqpError;
import io.knetsim.skupper.amqp.Source;
import io.knetsim.skupper.amqp.Target;
import java.util.ArrayDeque;

/**
 * One AMQP link on the session of an {@link AmqpConnection}: a sender or a receiver, with its
 * flow control (part 2, section 2.6.7). A sender counts deliveries against the credit its
 * receiver grants (link-credit, delivery-count) and queues transfer frames until credit and
 * the session's window let them go; a receiver grants credit and tops it up as deliveries
 * arrive. A delivery larger than a frame is cut into transfers with {@code more=true}.
 *
 * <pre>
 *   sender: startDelivery(bytes) / continueDelivery(bytes, more) / abortDelivery()
 *        -> pending frames --(credit > 0 for a new delivery, session window > 0)--> wire
 *   receiver: onTransfer(...) ... consumed() frees the session window
 * </pre>
 */
final class AmqpLink {
    /** Pending frames at or below which a sender's handler hears {@link LinkHandler#onQueueLow}. */
    static final int LOW_WATER = 4;
    /** Pending frames above which a producer should stop reading its source. */
    static final int HIGH_WATER = 16;

    record Pending(boolean first, boolean more, boolean settled, boolean aborted, byte[] payload) {
    }

    final AmqpConnection connection;
    final AmqpSession session;
    final String name;
    final boolean sender;
    final Source source;
    final Target target;
    final long handle;
    /** The link's number on its connection (1, 2, ...), unique across both sessions. */
    final long identity;
    LinkHandler handler;
    Long remoteHandle;
    Source remoteSource;
    Target remoteTarget;
    boolean attachSent;
    boolean detachSent;
    boolean detachPending;
    AmqpError detachError;
    boolean detachReceived;
    // sender state
    long deliveryCount;
    long credit;
    final ArrayDeque<Pending> pending = new ArrayDeque<>();
    boolean deliveryOpen;
    long deliveries;
    long deliveryTagSeq;
    // receiver state
    long creditTarget;
    boolean receiving;
    long framesIn;
    long deliveriesIn;
    long currentDeliveryId = -1;
    boolean currentSettled;

    AmqpLink(AmqpConnection connection, AmqpSession session, String name, boolean sender, Source source, Target target, long handle,
             LinkHandler handler) {
        this.connection = connection;
        this.session = session;
        this.name = name;
        this.sender = sender;
        this.source = source;
        this.target = target;
        this.handle = handle;
        this.identity = connection.nextLinkIdentity();
        this.handler = handler;
    }

    public String name() {
        return name;
    }

    public boolean isSender() {
        return sender;
    }

    public AmqpConnection connection() {
        return connection;
    }

    /** The address this link sends to (a sender's target) or receives from (a receiver's target). */
    public String address() {
        return target != null ? target.address() : remoteTarget != null ? remoteTarget.address() : null;
    }

    public int pendingFrames() {
        return pending.size();
    }

    public long credit() {
        return credit;
    }

    public boolean attached() {
        return attachSent && remoteHandle != null && !detachSent && !detachReceived;
    }

    /** Begins a delivery with {@code payload}; {@code more} says whether bytes of it follow later. */
    public void startDelivery(byte[] payload, boolean settled, boolean more) {
        if (deliveryOpen) {
            throw new IllegalStateException("link " + name + ": a delivery is already in progress");
        }
        deliveryOpen = more;
        deliveries++;
        queue(payload, true, more, settled);
    }

    /** More bytes of the delivery in progress; {@code more=false} completes it. */
    public void continueDelivery(byte[] payload, boolean more) {
        if (!deliveryOpen) {
            throw new IllegalStateException("link " + name + ": no delivery in progress");
        }
        deliveryOpen = more;
        queue(payload, false, more, false);
    }

    /** Aborts the delivery in progress (a transfer with {@code aborted=true}). */
    public void abortDelivery() {
        if (deliveryOpen) {
            deliveryOpen = false;
            pending.add(new Pending(false, false, false, true, new byte[0]));
            connection.pump();
        }
    }

    private void queue(byte[] payload, boolean first, boolean more, boolean settled) {
        int max = connection.maxPayload();
        int off = 0;
        boolean isFirst = first;
        do {
            int n = Math.min(max, payload.length - off);
            byte[] piece = java.util.Arrays.copyOfRange(payload, off, off + n);
            off += n;
            boolean last = off >= payload.length;
            pending.add(new Pending(isFirst, !last || more, settled, false, piece));
            isFirst = false;
        } while (off < payload.length);
        connection.pump();
    }

    /** Receiver: a frame held by {@link LinkHandler#onTransfer} returning false is now dealt with. */
    public void consumed() {
        connection.frameConsumed(session);
    }

    /** Detaches (closed=true) once the frames queued before have been sent. */
    public void detach(AmqpError error) {
        if (detachSent || detachPending) {
            return;
        }
        detachPending = true;
        detachError = error;
        connection.pump();
    }

    @Override
    public String toString() {
        return (sender ? "sender " : "receiver ") + name;
    }
}
