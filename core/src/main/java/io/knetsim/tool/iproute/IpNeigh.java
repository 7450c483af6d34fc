package io.knetsim.tool.iproute;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.addr.MacAddress;
import io.knetsim.net.Neighbour;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.tool.Args;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ip neigh}: the ARP cache.
 *
 * <pre>
 * 10.0.0.4 dev eth0 lladdr 02:3c:9e:1a:70:11 REACHABLE
 * 10.0.0.9 dev eth0 FAILED
 * </pre>
 *
 * As in iproute2 6.x each field is followed by a space (the line ends in one); entries
 * without a valid address (INCOMPLETE, FAILED) show no {@code lladdr}; NOARP entries are only
 * listed with {@code nud noarp} or {@code nud all}; a listing for one device leaves out
 * {@code dev}.
 */
final class IpNeigh implements IpObject {
    static final String USAGE = """
        Usage: ip neigh { add | del | change | replace }
                        { ADDR [ lladdr LLADDR ] [ nud STATE ] dev DEV }
               ip neigh { show | flush } [ to PREFIX ] [ dev DEV ] [ nud STATE ]
        STATE := { delay | failed | incomplete | noarp | none |
                   permanent | probe | reachable | stale }""";

    private static final Set<Neighbour.State> DEFAULT_SHOWN =
        EnumSet.complementOf(EnumSet.of(Neighbour.State.NOARP));

    @Override
    public int run(Invocation inv, IpOptions opts, Args args) {
        NetNamespace ns = opts.ns();
        if (!args.hasNext()) {
            return show(inv, ns, args, false);
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
            return show(inv, ns, args, false);
        }
        if (verb == Verb.FLUSH) {
            return show(inv, ns, args, true);
        }
        if (verb == Verb.HELP) {
            throw usage();
        }
        throw IpParse.unknownCommand(cmd, "ip neigh help");
    }

    static UsageException usage() {
        return new UsageException(USAGE, 255);
    }

    private static Neighbour.State nud(String s) {
        for (Neighbour.State st : Neighbour.State.values()) {
            if (st.name().equalsIgnoreCase(s)) {
                return st;
            }
        }
        if (IpParse.matches(s, "permanent")) {
            return Neighbour.State.PERMANENT;
        }
        if (IpParse.matches(s, "reachable")) {
            return Neighbour.State.REACHABLE;
        }
        if (IpParse.matches(s, "failed")) {
            return Neighbour.State.FAILED;
        }
        throw IpParse.invarg("nud state is bad", s);
    }

    // ---- show / flush -----------------------------------------------------------------------

    private int show(Invocation inv, NetNamespace ns, Args args, boolean flush) {
        if (flush && !args.hasNext()) {
            throw new UsageException("Flush requires arguments.", 1);
        }
        NetDevice dev = null;
        Cidr to = null;
        Set<Neighbour.State> states = null;
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "dev" -> dev = IpParse.device(ns, args.value());
                case "nud" -> {
                    String v = args.value();
                    if (states == null) {
                        states = EnumSet.noneOf(Neighbour.State.class);
                    }
                    if (v.equals("all")) {
                        states.addAll(EnumSet.allOf(Neighbour.State.class));
                    } else {
                        states.add(nud(v));
                    }
                }
                default -> {
                    String p = w.equals("to") ? args.value() : w;
                    if (IpParse.matches(p, "help")) {
                        throw usage();
                    }
                    to = IpParse.prefix(p, false);
                }
            }
        }
        if (states == null) {
            states = flush
                ? EnumSet.complementOf(EnumSet.of(Neighbour.State.PERMANENT, Neighbour.State.NOARP,
                    Neighbour.State.FAILED))
                : DEFAULT_SHOWN;
        }
        List<Neighbour> selected = new ArrayList<>();
        for (Neighbour n : ns.neighbours().entries()) {
            if ((dev == null || n.device() == dev) && states.contains(n.state()) && (to == null || to.contains(n.ip()))) {
                selected.add(n);
            }
        }
        if (flush) {
            for (Neighbour n : selected) {
                ns.neighbours().delete(n.device(), new Ipv4Address(n.ip()));
            }
            return 0;
        }
        StringBuilder sb = new StringBuilder();
        for (Neighbour n : selected) {
            sb.append(line(n, dev == null));
        }
        inv.print(sb.toString());
        return 0;
    }

    static String line(Neighbour n, boolean showDev) {
        StringBuilder sb = new StringBuilder(Ipv4Address.format(n.ip())).append(' ');
        if (showDev) {
            sb.append("dev ").append(n.device().name()).append(' ');
        }
        if (n.hasMac()) {
            sb.append("lladdr ").append(MacAddress.format(n.mac())).append(' ');
        }
        return sb.append(n.state().name()).append(" \n").toString();
    }

    // ---- add / change / replace / del -------------------------------------------------------

    private record Request(Ipv4Address ip, MacAddress mac, NetDevice dev, Neighbour.State state) {
    }

    private static Request request(NetNamespace ns, Args args) {
        Ipv4Address ip = null;
        MacAddress mac = null;
        String devName = null;
        Neighbour.State state = Neighbour.State.PERMANENT;
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "lladdr" -> mac = IpParse.lladdr(args.value());
                case "nud" -> state = nud(args.value());
                case "dev" -> devName = args.value();
                case "proxy", "router", "extern_learn", "use", "managed", "protocol" ->
                    throw new UsageException("Error: \"ip neigh ... " + w + "\" is not modelled in knetsim.", 255);
                default -> {
                    String a = w.equals("to") ? args.value() : w;
                    if (IpParse.matches(a, "help")) {
                        throw usage();
                    }
                    if (ip != null) {
                        throw new UsageException("Error: either \"to\" is duplicate, or \"" + a + "\" is a garbage.",
                            255);
                    }
                    ip = IpParse.address(a, false);
                }
            }
        }
        if (devName == null || ip == null) {
            throw new UsageException("Device and destination are required arguments.", 255);
        }
        return new Request(ip, mac, IpParse.device(ns, devName), state);
    }

    private int modify(NetNamespace ns, Args args, Verb mode) {
        Request r = request(ns, args);
        Neighbour existing = ns.neighbours().lookup(r.dev(), r.ip().bits());
        if (existing != null && mode == Verb.ADD) {
            throw IpParse.rtnetlink("File exists");
        }
        if (existing == null && mode == Verb.CHANGE) {
            throw IpParse.rtnetlink("No such file or directory");
        }
        if (r.state() == Neighbour.State.INCOMPLETE || r.state() == Neighbour.State.FAILED) {
            throw IpParse.rtnetlink("Invalid argument");
        }
        MacAddress mac = r.mac();
        if (mac == null) {
            if (existing == null || !existing.hasMac()) {
                throw IpParse.rtnetlink("Error: No link layer address given.");
            }
            mac = new MacAddress(existing.mac());
        }
        ns.neighbours().set(r.dev(), r.ip(), mac, r.state());
        return 0;
    }

    private int delete(NetNamespace ns, Args args) {
        Request r = request(ns, args);
        if (!ns.neighbours().delete(r.dev(), r.ip())) {
            throw IpParse.rtnetlink("No such file or directory");
        }
        return 0;
    }
}
