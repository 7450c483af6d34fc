package io.knetsim.tool.iproute;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.IfAddress;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.NetlinkException;
import io.knetsim.tool.Args;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ip address}: list, add, replace, delete and flush IPv4 addresses.
 *
 * <pre>
 * 1: lo: &lt;LOOPBACK,UP,LOWER_UP&gt; mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
 *     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
 *     inet 127.0.0.1/8 scope host lo
 *        valid_lft forever preferred_lft forever
 * </pre>
 *
 * IPv6 is not modelled, so no {@code inet6} lines appear.
 */
final class IpAddr implements IpObject {
    static final String USAGE = """
        Usage: ip address {add|change|replace} IFADDR dev IFNAME [ LIFETIME ]
                                                              [ CONFFLAG-LIST ]
               ip address del IFADDR dev IFNAME [mngtmpaddr]
               ip address {save|flush} [ dev IFNAME ] [ scope SCOPE-ID ]
                                    [ to PREFIX ] [ FLAG-LIST ] [ label LABEL ] [up]
               ip address [ show [ dev IFNAME ] [ scope SCOPE-ID ] [ master DEVICE ]
                                 [ nomaster ] [ type TYPE ] [ to PREFIX ] [ FLAG-LIST ]
                                 [ label LABEL ] [up] [ vrf NAME ] ]
        IFADDR := PREFIX | ADDR peer PREFIX
                  [ broadcast ADDR ] [ anycast ADDR ]
                  [ label IFNAME ] [ scope SCOPE-ID ] [ metric METRIC ]
        SCOPE-ID := [ host | link | global | NUMBER ]
        LIFETIME := [ valid_lft LFT ] [ preferred_lft LFT ]
        LFT := forever | SECONDS""";

    @Override
    public int run(Invocation inv, IpOptions opts, Args args) {
        if (!args.hasNext()) {
            return show(inv, opts, args);
        }
        String cmd = args.next();
        if (IpParse.matches(cmd, "add")) {
            return modify(opts.ns(), args, Mode.ADD);
        }
        if (IpParse.matches(cmd, "change") || cmd.equals("chg") || IpParse.matches(cmd, "replace")) {
            return modify(opts.ns(), args, Mode.REPLACE);
        }
        if (IpParse.matches(cmd, "delete")) {
            return delete(inv, opts.ns(), args);
        }
        if (IpParse.matches(cmd, "list") || IpParse.matches(cmd, "show") || IpParse.matches(cmd, "lst")) {
            return show(inv, opts, args);
        }
        if (IpParse.matches(cmd, "flush")) {
            return flush(opts.ns(), args);
        }
        if (IpParse.matches(cmd, "help")) {
            throw usage();
        }
        throw IpParse.unknownCommand(cmd, "ip address help");
    }

    static UsageException usage() {
        return new UsageException(USAGE, 255);
    }

    // ---- show -----------------------------------------------------------------------------

    private int show(Invocation inv, IpOptions opts, Args args) {
        LinkFilter f = LinkFilter.parse(opts.ns(), args, () -> {
            throw usage();
        });
        for (NetDevice d : f.select(opts.ns())) {
            if (opts.inet() && d.addresses().isEmpty()) {
                continue;
            }
            inv.print(opts.brief() ? brief(d) : full(d, opts));
        }
        return 0;
    }

    private static String full(NetDevice d, IpOptions opts) {
        StringBuilder sb = new StringBuilder(LinkFormat.header(d, false));
        if (!opts.inet()) {
            sb.append(LinkFormat.linkLine(d, opts.details(), false));
        }
        for (IfAddress a : d.addresses()) {
            sb.append(addressLines(a));
        }
        return sb.toString();
    }

    /** {@code     inet 10.0.0.3/8 brd 10.255.255.255 scope global eth0} and its lifetime line. */
    static String addressLines(IfAddress a) {
        StringBuilder sb = new StringBuilder("    inet ");
        sb.append(a.address()).append('/').append(a.cidr().prefixLength()).append(' ');
        if (!a.broadcast().isAny()) {
            sb.append("brd ").append(a.broadcast()).append(' ');
        }
        sb.append("scope ").append(a.scope().text()).append(' ');
        if (a.secondary()) {
            sb.append("secondary ");
        }
        sb.append(a.device().name()).append('\n');
        return sb.append("       valid_lft forever preferred_lft forever\n").toString();
    }

    private static String brief(NetDevice d) {
        StringBuilder sb = new StringBuilder(LinkFormat.briefStart(d));
        for (IfAddress a : d.addresses()) {
            sb.append(a.address()).append('/').append(a.cidr().prefixLength()).append(' ');
        }
        return sb.append('\n').toString();
    }

    // ---- add / replace / del ----------------------------------------------------------------

    private enum Mode { ADD, REPLACE }

    /** What {@code IFADDR dev IFNAME ...} names. */
    private record Request(String local, Cidr cidr, boolean prefixGiven, NetDevice dev, String brd,
                           IfAddress.Scope scope) {
    }

    private static Request parse(NetNamespace ns, Args args) {
        String local = null;
        String devName = null;
        String brd = null;
        IfAddress.Scope scope = null;
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "dev" -> devName = args.value();
                case "brd", "broadcast" -> brd = args.value();
                case "scope" -> scope = scope(args.value());
                case "valid_lft", "preferred_lft" -> {
                    String v = args.value();
                    if (!v.equals("forever")) {
                        throw new UsageException("Error: only \"" + w + " forever\" is modelled, not \"" + v + "\".", 1);
                    }
                }
                case "noprefixroute", "nodad", "home", "mngtmpaddr", "autojoin" ->
                    throw new UsageException("Error: address flag \"" + w + "\" is not modelled.", 1);
                default -> {
                    if (w.equals("local")) {
                        w = args.value();
                    } else if (IpParse.matches(w, "help")) {
                        throw usage();
                    }
                    if (local != null) {
                        throw new UsageException("Error: either \"local\" is duplicate, or \"" + w + "\" is a garbage.",
                            255);
                    }
                    IpParse.prefix(w, false);
                    local = w;
                }
            }
        }
        if (devName == null) {
            throw new UsageException("Not enough information: \"dev\" argument is required.", 1);
        }
        NetDevice dev = IpParse.device(ns, devName);
        if (local == null) {
            throw IpParse.rtnetlink("Invalid argument");
        }
        Cidr cidr = IpParse.prefix(local, false);
        if (scope == null) {
            scope = cidr.address().isLoopback() ? IfAddress.Scope.HOST : IfAddress.Scope.GLOBAL;
        }
        return new Request(local, cidr, local.contains("/"), dev, brd, scope);
    }

    private static IfAddress.Scope scope(String s) {
        return switch (s) {
            case "global", "0" -> IfAddress.Scope.GLOBAL;
            case "link", "253" -> IfAddress.Scope.LINK;
            case "host", "254" -> IfAddress.Scope.HOST;
            default -> throw IpParse.invarg("invalid scope value.", s);
        };
    }

    private static Ipv4Address broadcast(Request r) {
        if (r.brd() == null) {
            return Ipv4Address.ANY;
        }
        if (r.prefixGiven() && r.cidr().prefixLength() < 31 && (r.brd().equals("+") || r.brd().equals("-"))) {
            return r.brd().equals("+") ? r.cidr().broadcast() : r.cidr().network().address();
        }
        if (r.brd().equals("+") || r.brd().equals("-")) {
            return Ipv4Address.ANY;
        }
        return IpParse.address(r.brd(), true);
    }

    private int modify(NetNamespace ns, Args args, Mode mode) {
        Request r = parse(ns, args);
        Ipv4Address brd = broadcast(r);
        IfAddress existing = find(r.dev(), r.cidr().address());
        try {
            if (existing != null && mode == Mode.ADD) {
                throw IpParse.rtnetlink("Error: ipv4: Address already assigned.");
            }
            if (existing != null && existing.cidr().equals(r.cidr()) && existing.broadcast().equals(brd)
                && existing.scope() == r.scope()) {
                return 0;
            }
            if (existing != null) {
                // the model's addresses are immutable: replace is delete and add (as for any delete,
                // routes through a deleted primary go too)
                ns.delAddress(r.dev(), existing.cidr());
            }
            ns.addAddress(r.dev(), r.cidr(), r.scope(), brd);
        } catch (NetlinkException e) {
            throw IpParse.refused(e);
        }
        return 0;
    }

    private static IfAddress find(NetDevice dev, Ipv4Address a) {
        for (IfAddress x : dev.addresses()) {
            if (x.address().equals(a)) {
                return x;
            }
        }
        return null;
    }

    private int delete(Invocation inv, NetNamespace ns, Args args) {
        Request r = parse(ns, args);
        if (!r.prefixGiven()) {
            inv.eprintln("""
                Warning: Executing wildcard deletion to stay compatible with old scripts.
                         Explicitly specify the prefix length (%s/32) to avoid any ambiguity.
                         This special behaviour is likely to disappear in further releases,
                         fix your scripts!""".formatted(r.local()));
        }
        IfAddress found = null;
        for (IfAddress a : r.dev().addresses()) {
            if (a.address().equals(r.cidr().address())
                && (!r.prefixGiven() || a.cidr().prefixLength() == r.cidr().prefixLength())) {
                found = a;
                break;
            }
        }
        if (found == null) {
            throw IpParse.rtnetlink("Cannot assign requested address");
        }
        ns.delAddress(r.dev(), found.cidr());
        return 0;
    }

    // ---- flush ----------------------------------------------------------------------------

    private int flush(NetNamespace ns, Args args) {
        if (!args.hasNext()) {
            throw new UsageException("Flush requires arguments.", 1);
        }
        LinkFilter f = LinkFilter.parse(ns, args, () -> {
            throw usage();
        });
        for (NetDevice d : f.select(ns)) {
            for (IfAddress a : new ArrayList<>(d.addresses())) {
                if (present(d, a)) {
                    ns.delAddress(d, a.cidr());
                }
            }
        }
        return 0;
    }

    private static boolean present(NetDevice d, IfAddress a) {
        List<IfAddress> now = d.addresses();
        return now.stream().anyMatch(x -> x.cidr().equals(a.cidr()));
    }
}
