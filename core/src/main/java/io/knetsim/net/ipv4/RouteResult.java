package io.knetsim.net.ipv4;

import io.knetsim.net.Errno;

import io.knetsim.net.NetDevice;
import io.knetsim.net.route.Route;

/**
 * The outcome of a route lookup for a locally generated packet: the device, next hop and
 * source address to use, or an errno-style failure that the caller reports as the real
 * tool would ("Network is unreachable").
 */
public record RouteResult(Route route, NetDevice dev, int nextHop, int src, Errno error) {
    public static RouteResult failed(Errno e) {
        return new RouteResult(null, null, 0, 0, e);
    }

    public boolean ok() {
        return error == null;
    }

    public int mtu() {
        return dev.mtu();
    }
}
