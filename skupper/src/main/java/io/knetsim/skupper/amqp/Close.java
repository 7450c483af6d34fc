package io.knetsim.skupper.amqp;

/** {@code close} (0x18): closes the connection, with an optional error. */
public record Close(AmqpError error) implements Performative {
    public static final long CODE = 0x18;

    @Override
    public long code() {
        return CODE;
    }

    @Override
    public String performativeName() {
        return "close";
    }

    @Override
    public Described toDescribed() {
        return Fields.composite(CODE, error == null ? null : error.toDescribed());
    }

    static Close from(Object body) {
        return new Close(AmqpError.from(Fields.of("close", body).described(0, "error")));
    }
}
