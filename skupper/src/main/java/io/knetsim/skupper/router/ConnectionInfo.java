package io.knetsim.skupper.router;

/**
 * One open connection of a router, as {@code skstat -c} lists it.
 *
 * @param identity the connection's number on this router (1, 2, ...)
 * @param host the peer's address:port
 * @param container the peer's container id (its router id for an inter-router connection)
 * @param role {@code inter-router}, {@code normal}, ...
 * @param dir {@code in} (accepted by a listener) or {@code out} (made by a connector)
 * @param uptimeSeconds seconds since the connection was made
 * @param linkCost the inter-router link's cost (larger of both ends' costs), 0 for other roles
 */
public record ConnectionInfo(long identity, String host, String container, String role, String dir,
                             long uptimeSeconds, int linkCost) {
    static ConnectionInfo of(RouterConnection c, long now) {
        String container = c.remoteId() == null ? "" : c.remoteId();
        return new ConnectionInfo(c.identity, c.remoteHost, container, c.role.wireName(), c.outgoing ? "out" : "in",
            (now - c.openedAt) / 1_000_000_000L, c.interRouter() && c.amqp.remoteOpen() != null ? c.cost() : 0);
    }
}
