package io.knetsim.skupper.amqp;

import java.util.List;

/**
 * The {@code target} terminus of a link (descriptor 0x29, {@code amqp:target:list}): address,
 * durable, expiry-policy, timeout, dynamic, dynamic-node-properties, capabilities.
 */
public record Target(String address, Long durable, Symbol expiryPolicy, Long timeout, Boolean dynamic,
                     List<Symbol> capabilities) {
    public static final long CODE = 0x29;

    public static Target of(String address) {
        return new Target(address, null, null, null, null, null);
    }

    public static Target withCapability(String address, String capability) {
        return new Target(address, null, null, null, null, List.of(Symbol.of(capability)));
    }

    public Described toDescribed() {
        return Fields.composite(CODE, address, Fields.uint(durable), expiryPolicy, Fields.uint(timeout), dynamic, null,
            Fields.symbolArray(capabilities));
    }

    static Target from(Described d) {
        if (d == null) {
            return null;
        }
        if (d.code() != CODE) {
            throw new AmqpDecodeException("expected target (0x29), got descriptor " + d.descriptor(), false);
        }
        Fields f = Fields.of("target", d.value());
        return new Target(f.string(0, "address"), f.uint(1, "durable"), f.symbol(2, "expiry-policy"),
            f.uint(3, "timeout"), f.bool(4, "dynamic"), f.symbols(6, "capabilities"));
    }
}
