package io.knetsim.skupper.amqp;

import java.util.List;

/**
 * The {@code source} terminus of a link (descriptor 0x28, {@code amqp:source:list}): its fields
 * address, durable, expiry-policy, timeout, dynamic, dynamic-node-properties,
 * distribution-mode, filter, default-outcome, outcomes, capabilities; this class carries the
 * ones the router uses.
 */
public record Source(String address, Long durable, Symbol expiryPolicy, Long timeout, Boolean dynamic,
                     Symbol distributionMode, List<Symbol> capabilities) {
    public static final long CODE = 0x28;

    public static Source of(String address) {
        return new Source(address, null, null, null, null, null, null);
    }

    public Described toDescribed() {
        return Fields.composite(CODE, address, Fields.uint(durable), expiryPolicy, Fields.uint(timeout), dynamic, null,
            distributionMode, null, null, null, Fields.symbolArray(capabilities));
    }

    static Source from(Described d) {
        if (d == null) {
            return null;
        }
        if (d.code() != CODE) {
            throw new AmqpDecodeException("expected source (0x28), got descriptor " + d.descriptor(), false);
        }
        Fields f = Fields.of("source", d.value());
        return new Source(f.string(0, "address"), f.uint(1, "durable"), f.symbol(2, "expiry-policy"),
            f.uint(3, "timeout"), f.bool(4, "dynamic"), f.symbol(6, "distribution-mode"), f.symbols(10, "capabilities"));
    }
}
