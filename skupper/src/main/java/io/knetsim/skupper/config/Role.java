package io.knetsim.skupper.config;

/**
 * The {@code role} of a {@code listener} or {@code connector}: what the connections made
 * through it are for. The schema's default is {@code normal} (AMQP clients).
 */
public enum Role {
    /** AMQP clients doing normal message delivery (the default). */
    NORMAL("normal"),
    /** A link to another interior router: hellos, router advertisements and routed traffic. */
    INTER_ROUTER("inter-router"),
    /** Router-container connections, for example to a broker. */
    ROUTE_CONTAINER("route-container"),
    /** A connection between an edge router and an interior router. */
    EDGE("edge"),
    /** A connection between two edge routers. */
    INTER_EDGE("inter-edge");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling in the JSON configuration. */
    public String wireName() {
        return wireName;
    }
}
