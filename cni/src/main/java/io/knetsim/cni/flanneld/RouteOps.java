package io.knetsim.cni.flanneld;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.route.Route;
import io.knetsim.net.route.RouteType;

/** The two route edits both backends make, as flannel makes them with netlink. */
final class RouteOps {
    private RouteOps() {
    }

    /** {@code ip route replace SUBNET via GW dev DEV [onlink]}. */
    static void replace(NetNamespace ns, Cidr subnet, Ipv4Address gw, NetDevice dev, boolean onlink) {
        ns.routes().replace(new Route(subnet.network(), RouteType.UNICAST, gw, dev, 0, Ipv4Address.ANY,
            Route.Scope.UNIVERSE, Route.PROTO_BOOT, onlink));
    }

    /** {@code ip route del SUBNET via GW}. */
    static void delete(NetNamespace ns, Cidr subnet, Ipv4Address gw) {
        Cidr dst = subnet.network();
        ns.routes().removeIf(r -> r.dst().equals(dst) && r.gateway().equals(gw));
    }
}
