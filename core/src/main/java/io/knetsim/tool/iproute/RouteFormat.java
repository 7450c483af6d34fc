package io.knetsim.tool.iproute;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.IfAddress;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.route.Route;
import io.knetsim.net.route.RouteType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Route lines as iproute2 6.x prints them: {@code [TYPE] DST [via GW] [dev IF] [table T]
 * [proto P] [scope S] [src A] [metric M] [onlink] [linkdown]}, every attribute followed by a
 * space (so each line ends in one). {@code proto boot}, {@code scope global} and the type
 * {@code unicast} are left out unless {@code -d}; attributes a listing filtered on are left
 * out too ({@code ip route show dev eth0} prints no {@code dev eth0}).
 *
 * <p>{@link Route#format()} is the model's compact form; this class is the tool's, with the
 * kernel's local table, which the model keeps implicitly in its address maps, synthesized
 * here as {@code fib_add_ifaddr} would have filled it.
 */
final class RouteFormat {
    /** Which attributes to leave out (those a listing was filtered on), and {@code -d}. */
    record Shown(boolean dev, boolean proto, boolean scope, boolean details, String table) {
        static final Shown ALL = new Shown(true, true, true, false, null);
    }

    private RouteFormat() {
    }

    static String line(Route r, Shown s) {
        StringBuilder sb = new StringBuilder();
        if (r.type() != RouteType.UNICAST || s.details()) {
            sb.append(r.type().text()).append(' ');
        }
        sb.append(dst(r.dst())).append(' ');
        if (r.hasGateway()) {
            sb.append("via ").append(r.gateway()).append(' ');
        }
        if (r.dev() != null && s.dev()) {
            sb.append("dev ").append(r.dev().name()).append(' ');
        }
        if (s.table() != null) {
            sb.append("table ").append(s.table()).append(' ');
        }
        if ((!Route.PROTO_BOOT.equals(r.proto()) || s.details()) && s.proto()) {
            sb.append("proto ").append(r.proto()).append(' ');
        }
        if ((r.scope() != Route.Scope.UNIVERSE || s.details()) && s.scope()) {
            sb.append("scope ").append(r.scope().text()).append(' ');
        }
        if (!r.prefsrc().isAny()) {
            sb.append("src ").append(r.prefsrc()).append(' ');
        }
        if (r.metric() != 0) {
            sb.append("metric ").append(r.metric()).append(' ');
        }
        if (r.onlink()) {
            sb.append("onlink ");
        }
        if (r.dev() != null && r.type() == RouteType.UNICAST && !DeviceFacts.isRunning(r.dev())) {
            sb.append("linkdown ");
        }
        return sb.toString();
    }

    /** {@code default}, a bare address for a host route, else {@code A.B.C.D/N}. */
    static String dst(Cidr c) {
        if (c.prefixLength() == 0) {
            return "default";
        }
        return c.prefixLength() == 32 ? c.address().toString() : c.toString();
    }

    /**
     * The local table ({@code ip route show table local}) for the devices that are up: for each
     * address a {@code local} host route (source: the primary address of its subnet); for each
     * primary address the subnet broadcast route, and on lo the {@code local} prefix route;
     * and a {@code broadcast} route for an explicitly set broadcast address.
     */
    static List<Route> localTable(NetNamespace ns) {
        Map<String, Route> byKey = new LinkedHashMap<>();
        for (NetDevice d : ns.devices()) {
            if (!d.isUp()) {
                continue;
            }
            for (IfAddress a : d.addresses()) {
                Ipv4Address src = primaryFor(d, a).address();
                add(byKey, local(Cidr.of(a.address(), 32), d, src));
                if (!a.broadcast().isAny() && !a.broadcast().isLimitedBroadcast()) {
                    add(byKey, broadcast(a.broadcast(), d, src));
                }
                if (a.secondary()) {
                    continue;
                }
                Cidr net = a.subnet();
                if (DeviceFacts.isLoopback(d) && net.prefixLength() < 32) {
                    add(byKey, local(net, d, src));
                }
                if (net.prefixLength() < 31) {
                    add(byKey, broadcast(net.broadcast(), d, src));
                }
            }
        }
        List<Route> out = new ArrayList<>(byKey.values());
        out.sort((x, y) -> {
            int c = Integer.compareUnsigned(x.dst().address().bits(), y.dst().address().bits());
            return c != 0 ? c : Integer.compare(y.dst().prefixLength(), x.dst().prefixLength());
        });
        return out;
    }

    private static IfAddress primaryFor(NetDevice d, IfAddress a) {
        if (!a.secondary()) {
            return a;
        }
        for (IfAddress p : d.addresses()) {
            if (!p.secondary() && p.subnet().equals(a.subnet())) {
                return p;
            }
        }
        return a;
    }

    private static void add(Map<String, Route> m, Route r) {
        m.putIfAbsent(r.dst() + "/" + r.type(), r);
    }

    private static Route local(Cidr dst, NetDevice d, Ipv4Address src) {
        return new Route(dst.network(), RouteType.LOCAL, Ipv4Address.ANY, d, 0, src, Route.Scope.HOST,
            Route.PROTO_KERNEL, false);
    }

    private static Route broadcast(Ipv4Address a, NetDevice d, Ipv4Address src) {
        return new Route(Cidr.of(a, 32), RouteType.BROADCAST, Ipv4Address.ANY, d, 0, src, Route.Scope.LINK,
            Route.PROTO_KERNEL, false);
    }
}
