package io.knetsim.skupper.amqp;

/**
 * {@code transfer} (0x14): handle, delivery-id, delivery-tag, message-format, settled, more,
 * rcv-settle-mode, state, resume, aborted, batchable. The message bytes follow the
 * performative in the frame. A delivery spread over several frames gives delivery-id and tag
 * on the first and {@code more=true} on all but the last.
 */
public record Transfer(long handle, Long deliveryId, Binary deliveryTag, Long messageFormat, Boolean settled,
                       Boolean more, Integer rcvSettleMode, Object state, Boolean resume, Boolean aborted,
                       Boolean batchable) implements Performative {
    public static final long CODE = 0x14;

    /** The first (or only) transfer of a delivery: message-format 0. */
    public static Transfer first(long handle, long deliveryId, byte[] tag, boolean settled, boolean more) {
        return new Transfer(handle, deliveryId, Binary.of(tag), 0L, settled, more, null, null, null, null, null);
    }

    /** A continuation transfer of the delivery in progress on {@code handle}. */
    public static Transfer continuation(long handle, boolean more) {
        return new Transfer(handle, null, null, null, null, more, null, null, null, null, null);
    }

    /** The transfer that aborts the delivery in progress. */
    public static Transfer abort(long handle) {
        return new Transfer(handle, null, null, null, null, false, null, null, null, true, null);
    }

    public boolean hasMore() {
        return Boolean.TRUE.equals(more);
    }

    public boolean isAborted() {
        return Boolean.TRUE.equals(aborted);
    }

    @Override
    public long code() {
        return CODE;
    }

    @Override
    public String performativeName() {
        return "transfer";
    }

    @Override
    public Described toDescribed() {
        return Fields.composite(CODE, new UnsignedInt(handle), Fields.uint(deliveryId), deliveryTag,
            Fields.uint(messageFormat), settled, more, rcvSettleMode == null ? null : new UnsignedByte(rcvSettleMode),
            state, resume, aborted, batchable);
    }

    static Transfer from(Object body) {
        Fields f = Fields.of("transfer", body);
        return new Transfer(f.uintRequired(0, "handle"), f.uint(1, "delivery-id"), f.binary(2, "delivery-tag"),
            f.uint(3, "message-format"), f.bool(4, "settled"), f.bool(5, "more"), f.ubyte(6, "rcv-settle-mode"),
            f.described(7, "state"), f.bool(8, "resume"), f.bool(9, "aborted"), f.bool(10, "batchable"));
    }
}
