package io.knetsim.tool.iproute;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.route.Route;
import io.knetsim.net.route.RouteType;
import io.knetsim.tool.Args;
import io.knetsim.tool.UsageException;
import java.util.Set;

/**
 * The {@code ROUTE} of {@code ip route add|replace|change|del}, as typed:
 * {@code [TYPE] PREFIX [via GW] [dev IF] [metric N] [src A] [proto P] [scope S] [onlink]
 * [table main]}. Fields not given are null, so {@code del} can match only on what was said.
 */
final class RouteSpec {
    private static final Set<String> PROTOS = Set.of("kernel", "boot", "static", "dhcp", "redirect", "ra", "gated",
        "zebra", "bird", "dnrouted", "xorp", "ntk", "mrt", "keepalived", "babel", "openr", "bgp", "isis", "ospf",
        "rip", "eigrp");

    RouteType type;
    Cidr dst;
    Ipv4Address via;
    NetDevice dev;
    Integer metric;
    Ipv4Address src;
    String proto;
    Route.Scope scope;
    boolean onlink;

    static RouteSpec parse(NetNamespace ns, Args args) {
        RouteSpec s = new RouteSpec();
        String devName = null;
        boolean inet = false;
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "via" -> {
                    String v = args.value();
                    if (v.equals("inet")) {
                        v = args.value();
                    }
                    s.via = IpParse.address(v, inet);
                }
                case "dev", "oif" -> devName = args.value();
                case "src" -> s.src = IpParse.address(args.value(), inet);
                case "metric", "priority", "preference" ->
                    s.metric = IpParse.number(args.value(), "\"metric\" value is invalid\n", Integer.MAX_VALUE);
                case "proto", "protocol" -> s.proto = proto(args.value());
                case "scope" -> s.scope = scope(args.value());
                case "onlink" -> s.onlink = true;
                case "table" -> {
                    String t = args.value();
                    if (!t.equals("main") && !t.equals("254")) {
                        throw new UsageException("Error: only the main table can be changed in knetsim; \"table "
                            + t + "\" is not modelled.", 1);
                    }
                }
                case "mtu", "advmss", "rtt", "rttvar", "reordering", "window", "cwnd", "initcwnd", "initrwnd",
                    "features", "quickack", "congctl", "pref", "realms", "realm", "nexthop", "nhid", "encap",
                    "expires", "tos", "dsfield", "weight", "ssthresh", "hoplimit", "fastopen_no_cookie", "ttl-propagate",
                    "pervasive" ->
                    throw new UsageException("Error: route attribute \"" + w + "\" is not modelled in knetsim.", 1);
                default -> {
                    String p = w;
                    if (w.equals("to")) {
                        p = args.value();
                    }
                    RouteType t = RouteType.parse(p);
                    if (t != null && !Character.isDigit(p.charAt(0))) {
                        s.type = t;
                        p = args.value();
                    }
                    if (IpParse.matches(p, "help")) {
                        throw IpRoute.usage();
                    }
                    if (s.dst != null) {
                        throw new UsageException("Error: either \"to\" is duplicate, or \"" + p + "\" is a garbage.", 255);
                    }
                    s.dst = IpParse.prefix(p, false);
                    inet = s.dst.prefixLength() != 0 || !p.equals("default");
                }
            }
        }
        if (devName != null) {
            s.dev = IpParse.device(ns, devName);
        }
        return s;
    }

    private static String proto(String p) {
        if (PROTOS.contains(p) || p.matches("\\d{1,3}") && Integer.parseInt(p) < 256) {
            return p;
        }
        throw IpParse.invarg("\"protocol\" value is invalid\n", p);
    }

    private static Route.Scope scope(String s) {
        return switch (s) {
            case "global", "universe", "0" -> Route.Scope.UNIVERSE;
            case "link", "253" -> Route.Scope.LINK;
            case "host", "254" -> Route.Scope.HOST;
            default -> throw IpParse.invarg("invalid \"scope\" value\n", s);
        };
    }
}
