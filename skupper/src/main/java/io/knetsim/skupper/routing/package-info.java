/**
 * Route computation for the router network, free of time and I/O: the graph of routers and
 * inter-router links ({@link io.knetsim.skupper.routing.RouterGraph}), shortest paths by cost
 * with deterministic tie-breaks ({@link io.knetsim.skupper.routing.RouteTable}), and where
 * each mobile address has consumers ({@link io.knetsim.skupper.routing.MobileAddressTable}).
 * Each router builds its graph from the link state it has learned and asks for its own table.
 */
package io.knetsim.skupper.routing;
