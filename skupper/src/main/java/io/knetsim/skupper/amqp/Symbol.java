package io.knetsim.skupper.amqp;

import java.util.Objects;

/** An AMQP {@code symbol}: an ASCII name such as {@code amqp:not-found}, encoded sym8/sym32. */
public record Symbol(String value) {
    public Symbol {
        Objects.requireNonNull(value, "value");
    }

    public static Symbol of(String value) {
        return new Symbol(value);
    }

    @Override
    public String toString() {
        return ":" + value;
    }
}
