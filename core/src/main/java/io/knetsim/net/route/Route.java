package io.knetsim.net.route;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetDevice;

/**
 * One route ({@code struct fib_alias} + nexthop), as {@code ip route} shows it:
 * {@code 11.10.16.0/20 via 11.10.16.0 dev flannel.100 onlink}.
 *
 * @param dst      destination prefix (host bits clear)
 * @param type     unicast, blackhole, unreachable, ...
 * @param gateway  next hop address, or {@link Ipv4Address#ANY} for a directly connected route
 * @param dev      output device (null for blackhole/unreachable/prohibit)
 * @param metric   preference among equal prefixes, lower wins
 * @param prefsrc  preferred source address, or ANY
 * @param scope    link for connected routes, universe for routes via a gateway, host for local
 * @param proto    who made it: kernel (connected), boot (ip route add), static
 * @param onlink   the gateway is on the link even if no connected route says so
 */
public record Route(Cidr dst, RouteType type, Ipv4Address gateway, NetDevice dev, int metric,
                    Ipv4Address prefsrc, Scope scope, String proto, boolean onlink) {

    /** Route scope ({@code RT_SCOPE_*}). */
    public enum Scope {
        UNIVERSE("global"), LINK("link"), HOST("host");

        private final String text;

        Scope(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public static final String PROTO_KERNEL = "kernel";
    public static final String PROTO_BOOT = "boot";
    public static final String PROTO_STATIC = "static";

    public boolean hasGateway() {
        return !gateway.isAny();
    }

    /** A connected route the kernel adds for an interface address. */
    public static Route connected(Cidr subnet, NetDevice dev, Ipv4Address src) {
        return new Route(subnet.network(), RouteType.UNICAST, Ipv4Address.ANY, dev, 0, src, Scope.LINK,
            PROTO_KERNEL, false);
    }

    /** True if the route is the same entry as {@code o} for {@code ip route del}'s purposes. */
    public boolean sameKey(Route o) {
        return dst.equals(o.dst) && metric == o.metric;
    }

    /** The text {@code ip route show} prints for this route (main table). */
    public String format() {
        StringBuilder sb = new StringBuilder();
        if (type != RouteType.UNICAST) {
            sb.append(type.text()).append(' ');
        }
        sb.append(dst.prefixLength() == 0 ? "default" : dst.prefixLength() == 32 ? dst.address().toString() : dst.toString());
        if (hasGateway()) {
            sb.append(" via ").append(gateway);
        }
        if (dev != null) {
            sb.append(" dev ").append(dev.name());
        }
        if (!PROTO_BOOT.equals(proto)) {
            sb.append(" proto ").append(proto);
        }
        if (scope != Scope.UNIVERSE && type == RouteType.UNICAST) {
            sb.append(" scope ").append(scope.text());
        }
        if (!prefsrc.isAny()) {
            sb.append(" src ").append(prefsrc);
        }
        if (metric != 0) {
            sb.append(" metric ").append(metric);
        }
        if (onlink) {
            sb.append(" onlink");
        }
        if (dev != null && type == RouteType.UNICAST && !(dev.isUp() && dev.hasCarrier())) {
            sb.append(" linkdown");
        }
        return sb.toString();
    }
}
