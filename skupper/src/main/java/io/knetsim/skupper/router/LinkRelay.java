package io.knetsim.skupper.router;

import io.knetsim.skupper.amqp.AmqpError;
import io.knetsim.skupper.amqp.Attach;
import io.knetsim.skupper.amqp.Source;
import io.knetsim.skupper.amqp.Target;
import io.knetsim.skupper.amqp.Transfer;

/**
 * A stream passing through an interior router: the forward link from upstream is relayed to
 * the next hop towards the address, and the reverse link that comes back from downstream is
 * relayed upstream. Each transfer goes on as it arrives (cut-through, not store-and-forward);
 * an aborted delivery is aborted onward and a detach with an error is passed on both ways.
 *
 * <pre>
 *   upstream ── fwdIn ──▶ [relay] ── fwdOut ──▶ downstream
 *   upstream ◀── revOut ── [relay] ◀── revIn ── downstream
 * </pre>
 *
 * Back-pressure: a frame from the incoming link stays held against the session window until
 * the outgoing link's queue is back to {@link AmqpLink#LOW_WATER} frames.
 */
final class LinkRelay {
    private final StreamTable table;
    private final String name;
    private final Runnable abort = this::reset;
    private Hop forward;
    private Hop reverse;
    private boolean finished;

    private LinkRelay(StreamTable table, String name) {
        this.table = table;
        this.name = name;
        table.started(abort);
    }

    static void start(StreamTable table, RouterConnection from, Attach a, RouterConnection to) {
        LinkRelay r = new LinkRelay(table, a.name());
        r.forward = r.new Hop();
        r.forward.out = to.amqp.open(AmqpConnection.DATA, a.name(), true, a.source(), a.target(), 0, r.forward.outHandler());
        r.forward.in = from.amqp.accept(a, r.forward.inHandler(), 1);
        table.expectReverse(a.name(), (c, ra) -> {
            if (r.finished) {
                c.amqp.refuse(ra, AmqpError.of("amqp:connection:forced", "stream ended"));
                return;
            }
            r.reverse = r.new Hop();
            r.reverse.out = from.amqp.open(AmqpConnection.DATA, ra.name(), true, ra.source(), ra.target(), 0, r.reverse.outHandler());
            r.reverse.in = c.amqp.accept(ra, r.reverse.inHandler(), 1);
        });
    }

    private void reset() {
        if (finished) {
            return;
        }
        finished = true;
        table.forget(name);
        table.ended(abort);
        for (Hop h : new Hop[] {forward, reverse}) {
            if (h != null) {
                h.fail(AmqpError.of("amqp:connection:forced", "stream reset"));
            }
        }
    }

    private void maybeFinish() {
        if (!finished && forward != null && forward.complete && reverse != null && reverse.complete) {
            finished = true;
            table.forget(name);
            table.ended(abort);
        }
    }

    /** One direction: a receiver link relayed into a sender link. */
    private final class Hop {
        AmqpLink in;
        AmqpLink out;
        int held;
        boolean started;
        boolean complete;

        LinkHandler inHandler() {
            return new LinkHandler() {
                @Override
                public boolean onTransfer(AmqpLink link, Transfer t, byte[] payload) {
                    if (t.isAborted()) {
                        out.abortDelivery();
                        return true;
                    }
                    if (!started) {
                        started = true;
                        out.startDelivery(payload, false, t.hasMore());
                    } else {
                        out.continueDelivery(payload, t.hasMore());
                    }
                    if (!t.hasMore()) {
                        complete = true;
                    }
                    if (out.pendingFrames() > AmqpLink.HIGH_WATER) {
                        held++;
                        return false;
                    }
                    return true;
                }

                @Override
                public void onDetached(AmqpLink link, AmqpError error) {
                    if (error != null) {
                        out.abortDelivery();
                        reset();
                    } else {
                        out.detach(null);
                        maybeFinish();
                    }
                }
            };
        }

        LinkHandler outHandler() {
            return new LinkHandler() {
                @Override
                public void onQueueLow(AmqpLink link) {
                    int h = held;
                    held = 0;
                    for (int i = 0; i < h; i++) {
                        in.consumed();
                    }
                }

                @Override
                public void onDetached(AmqpLink link, AmqpError error) {
                    if (error != null) {
                        reset();
                    }
                }
            };
        }

        void fail(AmqpError error) {
            if (out != null) {
                out.abortDelivery();
                out.detach(error);
            }
            if (in != null) {
                in.detach(error);
                int h = held;
                held = 0;
                for (int i = 0; i < h; i++) {
                    in.consumed();
                }
            }
        }
    }
}
