package io.knetsim.net.ipv4;

import io.knetsim.net.NetDevice;
import io.knetsim.net.route.Route;

/**
 * The outcome of a route lookup for a locally generated packet: the device, next hop and
 * source address to use, or an errno-style failure that the caller reports as the real
 * tool would ("Network is unreachable").
 */
public record RouteResult(Route route, NetDevice dev, int nextHop, int src, Error error) {
    /** Why a lookup failed, with the strerror text. */
    public enum Error {
        ENETUNREACH("Network is unreachable"),
        EHOSTUNREACH("No route to host"),
        EACCES("Permission denied"),
        EINVAL("Invalid argument");

        private final String message;

        Error(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    public static RouteResult failed(Error e) {
        return new RouteResult(null, null, 0, 0, e);
    }

    public boolean ok() {
        return error == null;
    }

    public int mtu() {
        return dev.mtu();
    }
}
