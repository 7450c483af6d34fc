package io.knetsim.skupper.router;

/**
 * One attached link of a router, as {@code skstat -l} lists it.
 *
 * @param type {@code router-control} for the routing protocol's links, {@code endpoint} for stream links
 * @param dir {@code in} (this router receives) or {@code out} (it sends)
 * @param connectionId the connection's identity
 * @param identity the link's handle on this router's session
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
        return new LinkInfo(control ? "router-control" : "endpoint", l.sender ? "out" : "in", c.identity, l.handle,
            l.name, addr, Math.max(0, l.credit), l.pendingFrames(), l.sender ? l.deliveries : l.deliveriesIn);
    }
}
