package io.knetsim.skupper.config;

/**
 * The {@code mode} of a {@code router} entity. In skupper-router's schema the default is
 * {@code standalone} (no routing protocol); Skupper sites run {@code interior} routers, joined
 * by inter-router links, or {@code edge} routers hanging off one interior router.
 */
public enum RouterMode {
    /** A single router that takes no part in the routing protocol (the schema's default). */
    STANDALONE("standalone"),
    /** A router that exchanges hellos and link state with other interior routers. */
    INTERIOR("interior"),
    /** A router attached to an interior router without taking part in path computation. */
    EDGE("edge");

    private final String wireName;

    RouterMode(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling in the JSON configuration. */
    public String wireName() {
        return wireName;
    }
}
