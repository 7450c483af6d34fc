package io.knetsim.skupper.amqp;

import java.util.List;

/**
 * An AMQP {@code array} (array8 0xe0 / array32 0xf0): elements of one type written after a
 * single constructor, e.g. the {@code symbol} arrays of offered capabilities.
 */
public record AmqpArray(List<Object> elements) {
    public AmqpArray {
        elements = List.copyOf(elements);
    }

    public static AmqpArray ofSymbols(String... names) {
        return new AmqpArray(java.util.Arrays.stream(names).<Object>map(Symbol::new).toList());
    }
}
