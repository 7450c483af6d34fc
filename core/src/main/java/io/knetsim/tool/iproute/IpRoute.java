package io.knetsim.tool.iproute;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.IfAddress;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.NetlinkException;
import io.knetsim.net.route.Route;
import io.knetsim.net.route.RouteType;
import io.knetsim.tool.Args;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;
import java.util.List;

/**
 * {@code ip route}: list the main (or synthesized local) table, add, replace, change, delete
 * and flush routes, and {@code get} the route a packet would take.
 *
 * <p>Routes are checked as the kernel checks them, with its messages: a gateway must be on a
 * connected subnet (of {@code dev}, if given) unless {@code onlink}; the device must be up;
 * {@code src} must be a local address; host bits must be clear; an equal key (prefix and
 * metric) is {@code File exists}.
 */
final class IpRoute implements IpObject {
    static final String USAGE = """
        Usage: ip route { list | flush } SELECTOR
               ip route get ADDRESS [ from ADDRESS ] [ oif STRING ]
               ip route { add | del | change | replace } ROUTE
        SELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ]
                    [ table TABLE_ID ] [ proto RTPROTO ]
                    [ type TYPE ] [ scope SCOPE ]
        ROUTE := NODE_SPEC [ INFO_SPEC ]
        NODE_SPEC := [ TYPE ] PREFIX [ table TABLE_ID ]
                     [ proto RTPROTO ] [ scope SCOPE ] [ metric METRIC ]
        INFO_SPEC := NH [ src ADDRESS ]
        NH := [ via ADDRESS ] [ dev STRING ] [ onlink ]
        TYPE := { unicast | blackhole | unreachable | prohibit }
        TABLE_ID := [ local | main | all | NUMBER ]
        SCOPE := [ host | link | global | NUMBER ]""";

    @Override
    public int run(Invocation inv, IpOptions opts, Args args) {
        NetNamespace ns = opts.ns();
        if (!args.hasNext()) {
            return show(inv, opts, args);
        }
        String cmd = args.next();
        Verb verb = Verb.of(cmd);
        if (verb == Verb.ADD || verb == Verb.CHANGE || verb == Verb.REPLACE) {
            return modify(ns, args, verb);
        }
        if (verb == Verb.DELETE) {
            return delete(ns, args);
        }
        if (verb == Verb.SHOW) {
            return show(inv, opts, args);
        }
        if (verb == Verb.GET) {
            return get(inv, ns, args);
        }
        if (verb == Verb.FLUSH) {
            return flush(ns, args);
        }
        if (verb == Verb.HELP) {
            throw usage();
        }
        if (IpParse.matches(cmd, "append") || IpParse.matches(cmd, "prepend") || IpParse.matches(cmd, "test")) {
            throw new UsageException("Error: \"ip route " + cmd + "\" (several routes per key) is not modelled in "
                + "knetsim.", 255);
        }
        throw IpParse.unknownCommand(cmd, "ip route help");
    }

    static UsageException usage() {
        return new UsageException(USAGE, 255);
    }

    // ---- show / flush -----------------------------------------------------------------------

    /** {@code [table main|local|all] [dev IF] [proto P] [scope S] [type T] [[exact] PREFIX]}. */
    private static final class Selector {
        String table = "main";
        NetDevice dev;
        String proto;
        Route.Scope scope;
        RouteType type;
        Cidr exact;

        boolean matches(Route r) {
            return (dev == null || r.dev() == dev) && (proto == null || proto.equals(r.proto()))
                && (scope == null || scope == r.scope()) && (type == null || type == r.type())
                && (exact == null || exact.equals(r.dst()));
        }
    }

    private static Selector selector(NetNamespace ns, Args args) {
        Selector s = new Selector();
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "table" -> {
                    s.table = args.value();
                    if (s.table.equals("254")) {
                        s.table = "main";
                    } else if (s.table.equals("255")) {
                        s.table = "local";
                    } else if (!List.of("main", "local", "all").contains(s.table)) {
                        throw IpParse.invarg("invalid table ID\n", s.table);
                    }
                }
                case "dev", "oif" -> s.dev = IpParse.shownDevice(ns, args.value());
                case "proto", "protocol" -> s.proto = args.value();
                case "scope" -> {
                    String v = args.value();
                    s.scope = switch (v) {
                        case "global", "universe" -> Route.Scope.UNIVERSE;
                        case "link" -> Route.Scope.LINK;
                        case "host" -> Route.Scope.HOST;
                        default -> throw IpParse.invarg("invalid \"scope\" value\n", v);
                    };
                }
                case "type" -> {
                    String v = args.value();
                    s.type = RouteType.parse(v);
                    if (s.type == null) {
                        throw IpParse.invarg("node type value is invalid\n", v);
                    }
                }
                case "root", "match" -> throw new UsageException("Error: \"ip route show " + w
                    + "\" is not modelled in knetsim; use \"exact\".", 1);
                default -> {
                    String p = w.equals("exact") || w.equals("to") ? args.value() : w;
                    if (IpParse.matches(p, "help")) {
                        throw usage();
                    }
                    s.exact = IpParse.prefix(p, false).network();
                }
            }
        }
        return s;
    }

    private int show(Invocation inv, IpOptions opts, Args args) {
        NetNamespace ns = opts.ns();
        Selector sel = selector(ns, args);
        boolean all = sel.table.equals("all");
        var shown = new RouteFormat.Shown(sel.dev == null, sel.proto == null, sel.scope == null, opts.details(), null);
        StringBuilder sb = new StringBuilder();
        if (sel.table.equals("main") || all) {
            for (Route r : ns.routes().routes()) {
                if (sel.matches(r)) {
                    sb.append(RouteFormat.line(r, shown)).append('\n');
                }
            }
        }
        if (sel.table.equals("local") || all) {
            var localShown = new RouteFormat.Shown(shown.dev(), shown.proto(), shown.scope(), shown.details(),
                all ? "local" : null);
            for (Route r : RouteFormat.localTable(ns)) {
                if (sel.matches(r)) {
                    sb.append(RouteFormat.line(r, localShown)).append('\n');
                }
            }
        }
        inv.print(sb.toString());
        return 0;
    }

    private int flush(NetNamespace ns, Args args) {
        if (!args.hasNext()) {
            throw new UsageException("\"ip route flush\" requires arguments.", 1);
        }
        Selector sel = selector(ns, args);
        if (!sel.table.equals("main")) {
            throw new UsageException("Error: only the main table can be flushed in knetsim.", 1);
        }
        ns.routes().removeIf(sel::matches);
        return 0;
    }

    // ---- add / change / replace / del -------------------------------------------------------

    private int modify(NetNamespace ns, Args args, Verb mode) {
        RouteSpec s = RouteSpec.parse(ns, args);
        if (s.dst == null) {
            throw IpParse.rtnetlink("Invalid argument");
        }
        Route r = build(ns, s);
        Route existing = null;
        for (Route o : ns.routes().routes()) {
            if (o.sameKey(r)) {
                existing = o;
            }
        }
        if (mode == Verb.ADD && existing != null) {
            throw IpParse.rtnetlink("File exists");
        }
        if (mode == Verb.CHANGE && existing == null) {
            throw IpParse.rtnetlink("No such file or directory");
        }
        try {
            ns.routes().replace(r);
        } catch (NetlinkException e) {
            throw IpParse.refused(e);
        }
        return 0;
    }

    /** The route the kernel would install for {@code s}, or its refusal. */
    private static Route build(NetNamespace ns, RouteSpec s) {
        if (!s.dst.network().equals(s.dst)) {
            throw IpParse.rtnetlink("Error: Invalid prefix for given prefix length.");
        }
        RouteType type = s.type == null ? RouteType.UNICAST : s.type;
        int metric = s.metric == null ? 0 : s.metric;
        String proto = s.proto == null ? Route.PROTO_BOOT : s.proto;
        if (type == RouteType.BLACKHOLE || type == RouteType.UNREACHABLE || type == RouteType.PROHIBIT) {
            if (s.via != null || s.dev != null) {
                throw IpParse.rtnetlink("Invalid argument");
            }
            return new Route(s.dst, type, Ipv4Address.ANY, null, metric, Ipv4Address.ANY,
                s.scope == null ? Route.Scope.UNIVERSE : s.scope, proto, false);
        }
        if (type != RouteType.UNICAST) {
            throw new UsageException("Error: \"" + type.text() + "\" routes live in the local table, which knetsim "
                + "derives from addresses; they cannot be added.", 1);
        }
        checkSrc(ns, s.src);
        NetDevice dev = s.dev;
        if (s.via == null) {
            if (dev == null) {
                throw IpParse.rtnetlink("No such device");
            }
            if (!dev.isUp()) {
                throw IpParse.rtnetlink("Error: Device for nexthop is not up.");
            }
            return new Route(s.dst, type, Ipv4Address.ANY, dev, metric, src(s),
                s.scope == null ? Route.Scope.LINK : s.scope, proto, s.onlink);
        }
        if (s.onlink) {
            if (dev == null) {
                throw IpParse.rtnetlink("Error: Nexthop device required for onlink.");
            }
            if (!dev.isUp()) {
                throw IpParse.rtnetlink("Error: Nexthop device is not up.");
            }
            if (ns.isLocalAddress(s.via.bits()) || ns.isBroadcastAddress(s.via.bits()) || s.via.isMulticast()
                || s.via.isAny()) {
                throw IpParse.rtnetlink("Error: Nexthop has invalid gateway.");
            }
        } else {
            NetDevice via = gatewayDevice(ns, s.via, dev);
            if (via == null) {
                throw IpParse.rtnetlink("Error: Nexthop has invalid gateway.");
            }
            if (!via.isUp()) {
                throw IpParse.rtnetlink("Error: Nexthop device is not up.");
            }
            dev = via;
        }
        return new Route(s.dst, type, s.via, dev, metric, src(s), s.scope == null ? Route.Scope.UNIVERSE : s.scope,
            proto, s.onlink);
    }

    private static Ipv4Address src(RouteSpec s) {
        return s.src == null ? Ipv4Address.ANY : s.src;
    }

    private static void checkSrc(NetNamespace ns, Ipv4Address src) {
        if (src != null && !ns.isLocalAddress(src.bits())) {
            throw IpParse.rtnetlink("Error: Invalid prefsrc address.");
        }
    }

    /**
     * {@code fib_check_nh_v4_gw}: the gateway must be reachable by a link-scope route (a
     * connected subnet) or be a local address, through {@code dev} if one was given.
     */
    private static NetDevice gatewayDevice(NetNamespace ns, Ipv4Address gw, NetDevice dev) {
        Route best = null;
        for (Route r : ns.routes().routes()) {
            if (r.type() == RouteType.UNICAST && !r.hasGateway() && r.scope() != Route.Scope.UNIVERSE
                && r.dst().contains(gw) && (dev == null || r.dev() == dev)
                && (best == null || r.dst().prefixLength() > best.dst().prefixLength())) {
                best = r;
            }
        }
        if (best != null) {
            return best.dev();
        }
        IfAddress local = ns.localAddress(gw.bits());
        if (local != null && (dev == null || local.device() == dev)) {
            return local.device();
        }
        return null;
    }

    private int delete(NetNamespace ns, Args args) {
        RouteSpec s = RouteSpec.parse(ns, args);
        if (s.dst == null) {
            throw IpParse.rtnetlink("Invalid argument");
        }
        Route victim = null;
        for (Route r : ns.routes().routes()) {
            if (r.dst().equals(s.dst) && (s.metric == null || r.metric() == s.metric)
                && (s.dev == null || r.dev() == s.dev) && (s.via == null || r.gateway().equals(s.via))
                && (s.type == null || r.type() == s.type) && (s.proto == null || s.proto.equals(r.proto()))
                && (s.scope == null || r.scope() == s.scope) && (s.src == null || r.prefsrc().equals(s.src))) {
                victim = r;
                break;
            }
        }
        if (victim == null) {
            throw IpParse.rtnetlink("No such process");
        }
        Route v = victim;
        ns.routes().removeIf(r -> r == v);
        return 0;
    }

    // ---- get ------------------------------------------------------------------------------

    private int get(Invocation inv, NetNamespace ns, Args args) {
        Ipv4Address dst = null;
        Ipv4Address from = null;
        NetDevice oif = null;
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "from" -> from = IpParse.address(args.value(), true);
                case "oif" -> oif = IpParse.device(ns, args.value());
                case "iif", "mark", "tos", "dsfield", "vrf", "sport", "dport", "ipproto", "uid", "fibmatch",
                    "connected" -> throw new UsageException("Error: \"ip route get ... " + w
                        + "\" is not modelled in knetsim.", 1);
                default -> {
                    String p = w.equals("to") ? args.value() : w;
                    if (IpParse.matches(p, "help")) {
                        throw usage();
                    }
                    Cidr c = IpParse.prefix(p, false);
                    dst = c.address();
                }
            }
        }
        if (dst == null) {
            throw new UsageException("need at least a destination address", 1);
        }
        inv.print(routeGet(ns, dst, from, oif));
        return 0;
    }

    /** What {@code ip route get} prints for one destination. */
    static String routeGet(NetNamespace ns, Ipv4Address dst, Ipv4Address from, NetDevice oif) {
        int src = from == null ? 0 : from.bits();
        if (ns.isLocalAddress(dst.bits())) {
            // an address of 127/8 that is not assigned is reached by the "local 127.0.0.0/8" route, src 127.0.0.1
            IfAddress lo = ns.loopback().primaryAddress();
            Ipv4Address s = from != null ? from
                : ns.localAddress(dst.bits()) != null || lo == null ? dst : lo.address();
            return "local " + dst + " dev lo src " + s + " uid 0 \n    cache <local> \n";
        }
        var rt = ns.ip().route(dst.bits(), src, oif);
        if (!rt.ok()) {
            throw IpParse.rtnetlink(rt.error().message());
        }
        if (ns.isBroadcastAddress(dst.bits()) || dst.isLimitedBroadcast()) {
            return "broadcast " + dst + " dev " + rt.dev().name() + " src " + Ipv4Address.format(rt.src())
                + " uid 0 \n    cache <local,brd> \n";
        }
        StringBuilder sb = new StringBuilder().append(dst).append(' ');
        if (rt.route() != null && rt.route().hasGateway()) {
            sb.append("via ").append(rt.route().gateway()).append(' ');
        }
        sb.append("dev ").append(rt.dev().name()).append(' ');
        sb.append("src ").append(Ipv4Address.format(rt.src())).append(' ');
        sb.append("uid 0 \n    cache \n");
        return sb.toString();
    }
}
