package io.knetsim.skupper.amqp;

import java.util.List;
import java.util.Map;

/**
 * {@code open} (0x10): container-id, hostname, max-frame-size, channel-max, idle-time-out,
 * outgoing-locales, incoming-locales, offered-capabilities, desired-capabilities, properties.
 * Locales are not used and left null.
 */
public record Open(String containerId, String hostname, Long maxFrameSize, Integer channelMax, Long idleTimeOut,
                   List<Symbol> offeredCapabilities, List<Symbol> desiredCapabilities, Map<Object, Object> properties)
    implements Performative {
    public static final long CODE = 0x10;

    public static Open of(String containerId, long maxFrameSize, int channelMax) {
        return new Open(containerId, null, maxFrameSize, channelMax, null, null, null, null);
    }

    @Override
    public long code() {
        return CODE;
    }

    @Override
    public String performativeName() {
        return "open";
    }

    @Override
    public Described toDescribed() {
        return Fields.composite(CODE, containerId, hostname, Fields.uint(maxFrameSize),
            channelMax == null ? null : new UnsignedShort(channelMax), Fields.uint(idleTimeOut), null, null,
            Fields.symbolArray(offeredCapabilities), Fields.symbolArray(desiredCapabilities), properties);
    }

    static Open from(Object body) {
        Fields f = Fields.of("open", body);
        f.required(0, "container-id");
        return new Open(f.string(0, "container-id"), f.string(1, "hostname"), f.uint(2, "max-frame-size"),
            f.ushort(3, "channel-max"), f.uint(4, "idle-time-out"), f.symbols(7, "offered-capabilities"),
            f.symbols(8, "desired-capabilities"), f.map(9, "properties"));
    }
}
