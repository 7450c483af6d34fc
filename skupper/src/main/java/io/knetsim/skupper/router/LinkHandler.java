package io.knetsim.skupper.router;

import io.knetsim.skupper.amqp.AmqpError;
import io.knetsim.skupper.amqp.Transfer;

/** What the owner of an {@link AmqpLink} hears; every method has an empty default. */
interface LinkHandler {
    /** The peer's attach arrived: the link is attached at both ends. */
    default void onAttached(AmqpLink link) {
    }

    /** A sender link got credit from its receiver (flow). */
    default void onCredit(AmqpLink link) {
    }

    /**
     * A transfer frame arrived on a receiver link. Return true if its bytes are dealt with;
     * false to hold it in the session window until {@link AmqpLink#consumed()} is called.
     */
    default boolean onTransfer(AmqpLink link, Transfer transfer, byte[] payload) {
        return true;
    }

    /** A sender link's queue of unsent transfers fell to {@link AmqpLink#LOW_WATER} frames or fewer. */
    default void onQueueLow(AmqpLink link) {
    }

    /** The link ended: detached by the peer (error null if cleanly) or the connection went away. */
    default void onDetached(AmqpLink link, AmqpError error) {
    }
}
