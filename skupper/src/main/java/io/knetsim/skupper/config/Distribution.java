package io.knetsim.skupper.config;

/**
 * The {@code distribution} of an {@code address} entity: how messages to matching addresses
 * reach their consumers. The schema's default is {@code balanced}.
 */
public enum Distribution {
    /** One copy of each message to every consumer. */
    MULTICAST("multicast"),
    /** Each message to the consumer with the least path cost. */
    CLOSEST("closest"),
    /** Each message to one consumer, spread over the consumers (the default). */
    BALANCED("balanced"),
    /** The address is unavailable: senders and attaches are rejected. */
    UNAVAILABLE("unavailable");

    private final String wireName;

    Distribution(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling in the JSON configuration. */
    public String wireName() {
        return wireName;
    }
}
