package io.knetsim.skupper.amqp;

import java.util.List;
import java.util.Map;

/**
 * {@code attach} (0x12): name, handle, role (false = sender, true = receiver), snd-settle-mode,
 * rcv-settle-mode, source, target, unsettled, incomplete-unsettled, initial-delivery-count,
 * max-message-size, offered-capabilities, desired-capabilities, properties. Unsettled maps
 * (link resumption) are not used.
 */
public record Attach(String name, long handle, boolean receiver, Integer sndSettleMode, Integer rcvSettleMode,
                     Source source, Target target, Long initialDeliveryCount, Long maxMessageSize,
                     List<Symbol> offeredCapabilities, List<Symbol> desiredCapabilities,
                     Map<Object, Object> properties) implements Performative {
    public static final long CODE = 0x12;
    public static final boolean ROLE_SENDER = false;
    public static final boolean ROLE_RECEIVER = true;

    /** A sender's attach: initial-delivery-count 0. */
    public static Attach sender(String name, long handle, Source source, Target target) {
        return new Attach(name, handle, ROLE_SENDER, null, null, source, target, 0L, null, null, null, null);
    }

    /** A receiver's attach (no initial-delivery-count, which only a sender gives). */
    public static Attach receiver(String name, long handle, Source source, Target target) {
        return new Attach(name, handle, ROLE_RECEIVER, null, null, source, target, null, null, null, null, null);
    }

    @Override
    public long code() {
        return CODE;
    }

    @Override
    public String performativeName() {
        return "attach";
    }

    @Override
    public Described toDescribed() {
        return Fields.composite(CODE, name, new UnsignedInt(handle), receiver,
            sndSettleMode == null ? null : new UnsignedByte(sndSettleMode),
            rcvSettleMode == null ? null : new UnsignedByte(rcvSettleMode),
            source == null ? null : source.toDescribed(), target == null ? null : target.toDescribed(), null, null,
            Fields.uint(initialDeliveryCount), maxMessageSize == null ? null : new UnsignedLong(maxMessageSize),
            Fields.symbolArray(offeredCapabilities), Fields.symbolArray(desiredCapabilities), properties);
    }

    static Attach from(Object body) {
        Fields f = Fields.of("attach", body);
        f.required(0, "name");
        f.required(2, "role");
        return new Attach(f.string(0, "name"), f.uintRequired(1, "handle"), f.bool(2, "role"),
            f.ubyte(3, "snd-settle-mode"), f.ubyte(4, "rcv-settle-mode"), Source.from(f.described(5, "source")),
            Target.from(f.described(6, "target")), f.uint(9, "initial-delivery-count"),
            f.ulong(10, "max-message-size"), f.symbols(11, "offered-capabilities"),
            f.symbols(12, "desired-capabilities"), f.map(13, "properties"));
    }
}
