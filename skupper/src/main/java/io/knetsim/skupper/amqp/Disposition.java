package io.knetsim.skupper.amqp;

/**
 * {@code disposition} (0x15): role, first, last, settled, state, batchable: the outcome of
 * the deliveries first..last, as seen by the sender ({@code role=false}) or receiver ({@code true}).
 */
public record Disposition(boolean receiver, long first, Long last, Boolean settled, Object state, Boolean batchable)
    implements Performative {
    public static final long CODE = 0x15;

    /** A receiver settling one delivery with {@code outcome}. */
    public static Disposition settle(long deliveryId, Outcome outcome) {
        return new Disposition(true, deliveryId, null, true, outcome.toDescribed(), null);
    }

    @Override
    public long code() {
        return CODE;
    }

    @Override
    public String performativeName() {
        return "disposition";
    }

    @Override
    public Described toDescribed() {
        return Fields.composite(CODE, receiver, new UnsignedInt(first), Fields.uint(last), settled, state, batchable);
    }

    static Disposition from(Object body) {
        Fields f = Fields.of("disposition", body);
        f.required(0, "role");
        return new Disposition(f.bool(0, "role"), f.uintRequired(1, "first"), f.uint(2, "last"), f.bool(3, "settled"),
            f.described(4, "state"), f.bool(5, "batchable"));
    }
}
