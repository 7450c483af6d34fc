package io.knetsim.skupper.amqp;

/**
 * {@code begin} (0x11): remote-channel, next-outgoing-id, incoming-window, outgoing-window,
 * handle-max, offered-capabilities, desired-capabilities, properties (the last three unused).
 * The incoming-window is the number of transfer frames the sender of this begin will take.
 */
public record Begin(Integer remoteChannel, long nextOutgoingId, long incomingWindow, long outgoingWindow,
                    Long handleMax) implements Performative {
    public static final long CODE = 0x11;

    @Override
    public long code() {
        return CODE;
    }

    @Override
    public String performativeName() {
        return "begin";
    }

    @Override
    public Described toDescribed() {
        return Fields.composite(CODE, remoteChannel == null ? null : new UnsignedShort(remoteChannel),
            new UnsignedInt(nextOutgoingId), new UnsignedInt(incomingWindow), new UnsignedInt(outgoingWindow),
            Fields.uint(handleMax));
    }

    static Begin from(Object body) {
        Fields f = Fields.of("begin", body);
        return new Begin(f.ushort(0, "remote-channel"), f.uintRequired(1, "next-outgoing-id"),
            f.uintRequired(2, "incoming-window"), f.uintRequired(3, "outgoing-window"), f.uint(4, "handle-max"));
    }
}
