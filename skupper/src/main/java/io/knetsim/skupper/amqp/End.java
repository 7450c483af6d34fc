package io.knetsim.skupper.amqp;

/** {@code end} (0x17): ends a session, with an optional error. */
public record End(AmqpError error) implements Performative {
    public static final long CODE = 0x17;

    @Override
    public long code() {
        return CODE;
    }

    @Override
    public String performativeName() {
        return "end";
    }

    @Override
    public Described toDescribed() {
        return Fields.composite(CODE, error == null ? null : error.toDescribed());
    }

    static End from(Object body) {
        return new End(AmqpError.from(Fields.of("end", body).described(0, "error")));
    }
}
