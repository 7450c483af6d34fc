package io.knetsim.skupper.amqp;

/**
 * A described type (format code 0x00): a descriptor, usually a {@link UnsignedLong} code such
 * as 0x10 for {@code open} or a {@link Symbol} such as {@code amqp:open:list}, then the value.
 */
public record Described(Object descriptor, Object value) {
    /** The descriptor's numeric code, or -1 if it is not a ulong. */
    public long code() {
        return descriptor instanceof UnsignedLong u ? u.value() : -1;
    }
}
