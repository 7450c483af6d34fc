package io.knetsim.skupper.amqp;

/** Bytes that are not valid AMQP 1.0 encoding (or end before a value does). */
public final class AmqpDecodeException extends RuntimeException {
    private final boolean truncated;

    public AmqpDecodeException(String message, boolean truncated) {
        super(message);
        this.truncated = truncated;
    }

    /** True if the bytes were only cut short: more input could complete them. */
    public boolean truncated() {
        return truncated;
    }
}
