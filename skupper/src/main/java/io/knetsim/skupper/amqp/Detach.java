package io.knetsim.skupper.amqp;

/** {@code detach} (0x16): handle, closed, error. {@code closed=true} ends the link for good. */
public record Detach(long handle, Boolean closed, AmqpError error) implements Performative {
    public static final long CODE = 0x16;

    public static Detach closed(long handle) {
        return new Detach(handle, true, null);
    }

    public boolean isClosed() {
        return Boolean.TRUE.equals(closed);
    }

    @Override
    public long code() {
        return CODE;
    }

    @Override
    public String performativeName() {
        return "detach";
    }

    @Override
    public Described toDescribed() {
        return Fields.composite(CODE, new UnsignedInt(handle), closed, error == null ? null : error.toDescribed());
    }

    static Detach from(Object body) {
        Fields f = Fields.of("detach", body);
        return new Detach(f.uintRequired(0, "handle"), f.bool(1, "closed"), AmqpError.from(f.described(2, "error")));
    }
}
