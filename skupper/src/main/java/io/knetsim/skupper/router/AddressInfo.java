package io.knetsim.skupper.router;

/**
 * One mobile address as a router sees it ({@code skstat -a}).
 *
 * @param address the address, e.g. {@code svc1}
 * @param local tcpConnectors for it on this router
 * @param remote other reachable routers with a consumer for it
 * @param in streams that entered the network here (client connections to a tcpListener)
 * @param out streams delivered here to a local tcpConnector
 * @param thru streams relayed through this router
 */
public record AddressInfo(String address, int local, int remote, long in, long out, long thru) {
}
