package io.knetsim.skupper.amqp;

import java.util.Map;

/**
 * The {@code error} composite (descriptor 0x1d, {@code amqp:error:list}): a condition symbol
 * such as {@code amqp:connection:forced}, a description and an info map.
 */
public record AmqpError(Symbol condition, String description, Map<Object, Object> info) {
    public static final long CODE = 0x1d;

    public static AmqpError of(String condition, String description) {
        return new AmqpError(Symbol.of(condition), description, null);
    }

    public Described toDescribed() {
        return Fields.composite(CODE, condition, description, info);
    }

    static AmqpError from(Described d) {
        if (d == null) {
            return null;
        }
        if (d.code() != CODE) {
            throw new AmqpDecodeException("expected error (0x1d), got descriptor " + d.descriptor(), false);
        }
        Fields f = Fields.of("error", d.value());
        f.required(0, "condition");
        return new AmqpError(f.symbol(0, "condition"), f.string(1, "description"), f.map(2, "info"));
    }
}
