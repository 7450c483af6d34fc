package io.knetsim.skupper.router;

/**
 * One attached link of a router, as {@code skstat -l} lists it.
 *
 * @param type {@code router-control} for the routing protocol's links, {@code inter-router} for stream
 *     links between routers, {@code endpoint} for links to clients
 * @param dir {@code in} (this router receives) or {@code out} (it sends)
 * @param connectionId the connection's identity
 * @param identity the link's number on its connection (1, 2, ...)
 * @param name the link name
 * @param address the address the link is for ("" for control links)
 * @param capacity credit given (receiver) or held (sender)
 * @param undelivered transfer frames waiting to be sent
 * @param deliveries deliveries sent (out) or received (in)
 */
public record LinkInfo(String type, String dir, long connectionId, long identity, String name, String address,
                       long capacity, int undelivered, long deliveries) {
    static LinkInfo of(RouterConnection c, AmqpLink l) {
        boolean control = l.name.startsWith("qdlink.control.");
        String addr = control || l.address() == null ? "" : l.address();
        String type = control ? "router-control" : c.interRouter() ? "inter-router" : "endpoint";
        return new LinkInfo(type, l.sender ? "out" : "in", c.identity, l.identity,
            l.name, addr, Math.max(0, l.credit), l.pendingFrames(), l.sender ? l.deliveries : l.deliveriesIn);
    }
}
