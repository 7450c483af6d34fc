package io.knetsim.skupper.amqp;

/**
 * {@code flow} (0x13): next-incoming-id, incoming-window, next-outgoing-id, outgoing-window,
 * handle, delivery-count, link-credit, available, drain, echo, properties. Without a handle it
 * updates only the session's windows; with one it also carries the link's credit.
 */
public record Flow(Long nextIncomingId, long incomingWindow, long nextOutgoingId, long outgoingWindow, Long handle,
                   Long deliveryCount, Long linkCredit, Long available, Boolean drain, Boolean echo)
    implements Performative {
    public static final long CODE = 0x13;

    @Override
    public long code() {
        return CODE;
    }

    @Override
    public String performativeName() {
        return "flow";
    }

    @Override
    public Described toDescribed() {
        return Fields.composite(CODE, Fields.uint(nextIncomingId), new UnsignedInt(incomingWindow),
            new UnsignedInt(nextOutgoingId), new UnsignedInt(outgoingWindow), Fields.uint(handle),
            Fields.uint(deliveryCount), Fields.uint(linkCredit), Fields.uint(available), drain, echo);
    }

    static Flow from(Object body) {
        Fields f = Fields.of("flow", body);
        return new Flow(f.uint(0, "next-incoming-id"), f.uintRequired(1, "incoming-window"),
            f.uintRequired(2, "next-outgoing-id"), f.uintRequired(3, "outgoing-window"), f.uint(4, "handle"),
            f.uint(5, "delivery-count"), f.uint(6, "link-credit"), f.uint(7, "available"), f.bool(8, "drain"),
            f.bool(9, "echo"));
    }
}
