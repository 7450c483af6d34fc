package io.knetsim.skupper.amqp;

import java.util.Map;

/**
 * The bare-message sections of AMQP messaging (part 3, section 3.2) the router writes, each a
 * described value:
 *
 * <pre>
 *   0x73 properties              list: message-id, user-id, to, subject, reply-to, ...
 *   0x74 application-properties  map of string keys
 *   0x75 data                    binary
 *   0x77 amqp-value              any AMQP value
 * </pre>
 */
public final class Section {
    public static final long PROPERTIES = 0x73;
    public static final long APPLICATION_PROPERTIES = 0x74;
    public static final long DATA = 0x75;
    public static final long AMQP_VALUE = 0x77;

    private Section() {
    }

    /** A properties section with {@code to} and {@code reply-to} (fields 2 and 4). */
    public static Described properties(String to, String replyTo) {
        return Fields.composite(PROPERTIES, null, null, to, null, replyTo);
    }

    public static Described applicationProperties(Map<String, Object> props) {
        return new Described(new UnsignedLong(APPLICATION_PROPERTIES), props);
    }

    public static Described data(byte[] b, int off, int len) {
        return new Described(new UnsignedLong(DATA), new Binary(java.util.Arrays.copyOfRange(b, off, off + len)));
    }

    public static Described amqpValue(Object value) {
        return new Described(new UnsignedLong(AMQP_VALUE), value);
    }

    /** The {@code to} field of a properties section, or null. */
    public static String to(Described properties) {
        return Fields.of("properties", properties.value()).string(2, "to");
    }

    /** The {@code reply-to} field of a properties section, or null. */
    public static String replyTo(Described properties) {
        return Fields.of("properties", properties.value()).string(4, "reply-to");
    }

    /** Encodes sections one after another, as they sit in a message. */
    public static byte[] encode(Described... sections) {
        AmqpEncoder e = new AmqpEncoder();
        for (Described d : sections) {
            e.write(d);
        }
        return e.toByteArray();
    }
}
