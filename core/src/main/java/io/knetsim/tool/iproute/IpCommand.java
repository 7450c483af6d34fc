package io.knetsim.tool.iproute;

import io.knetsim.net.NetNamespace;
import io.knetsim.tool.Args;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;
import java.util.List;
import java.util.Map;

/**
 * {@code ip [OPTIONS] OBJECT [COMMAND]} of iproute2 6.x: reads the global options, then hands
 * the rest to the object ({@link IpAddr}, {@link IpLink}, {@link IpRoute}, {@link IpNeigh}).
 * Objects and commands may be abbreviated as iproute2 allows ({@code ip a}, {@code ip r},
 * {@code ip n}, {@code ip l}, {@code ip ro sh}); when two names share a prefix the first in
 * iproute2's table wins ({@code ip r} is route, not rule).
 *
 * <p>Options: {@code -4}, {@code -s}/{@code -stats}, {@code -d}/{@code -details},
 * {@code -br}/{@code -brief}, {@code -n}/{@code -netns NAME}, {@code -c}/{@code -color}
 * (ignored: output is plain), {@code -V}. Exit statuses are iproute2's: 1 for a bad argument
 * or unknown object, 2 when the kernel refuses, 255 for usage errors.
 */
public final class IpCommand implements Command {
    static final String USAGE = """
        Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
        where  OBJECT := { address | link | neighbour | netns | route }
               OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -br[ief] |
                            -4 | -n[etns] name | -c[olor] }""";

    /** iproute2's object table, in its order (the order decides abbreviations). */
    private static final List<String> OBJECTS = List.of("address", "addrlabel", "maddress", "route", "rule",
        "neighbor", "neighbour", "ntable", "ntbl", "link", "l2tp", "fou", "ila", "macsec", "tunnel", "tunl",
        "tuntap", "tap", "token", "tcpmetrics", "tcp_metrics", "monitor", "xfrm", "mroute", "mrule", "netns",
        "netconf", "vrf", "sr", "nexthop", "mptcp", "ioam", "stats", "help");

    private static final Map<String, IpObject> HANDLERS = Map.of(
        "address", new IpAddr(),
        "route", new IpRoute(),
        "neighbor", new IpNeigh(),
        "neighbour", new IpNeigh(),
        "link", new IpLink(),
        "netns", new IpNetns());

    @Override
    public String name() {
        return "ip";
    }

    @Override
    public String synopsis() {
        return "ip [-s] [-d] [-br] [-4] [-n NS] { addr | link | route | neigh | netns } ...: show and change "
            + "addresses, devices, routes, the ARP cache and named namespaces";
    }

    @Override
    public void start(Invocation inv) {
        int status = run(inv);
        if (status != IpNetns.RUNNING) {
            inv.exit(status);
        }
    }

    private int run(Invocation inv) {
        Args args = IpParse.args(inv.args());
        NetNamespace ns = inv.ns();
        boolean inet = false;
        int stats = 0;
        boolean details = false;
        boolean brief = false;
        while (args.hasNext() && args.peek().startsWith("-")) {
            String opt = args.next();
            if (opt.equals("--")) {
                break;
            }
            if (opt.startsWith("--")) {
                opt = opt.substring(1);
            }
            if (opt.equals("-4")) {
                inet = true;
            } else if (IpParse.matches(opt, "-stats") || IpParse.matches(opt, "-statistics")) {
                stats++;
            } else if (IpParse.matches(opt, "-details")) {
                details = true;
            } else if (IpParse.matches(opt, "-Version")) {
                inv.println("ip utility, iproute2-6.1.0, libbpf 1.1.0");
                return 0;
            } else if (opt.length() > 2 && IpParse.matches(opt, "-brief")) {
                brief = true;
            } else if (opt.equals("-c") || IpParse.matches(opt, "-color") || opt.startsWith("-color=")) {
                // plain output: there is no terminal to colour
            } else if (IpParse.matches(opt, "-family")) {
                String f = args.value();
                if (!f.equals("inet")) {
                    throw unsupported(opt + " " + f);
                }
                inet = true;
            } else if (IpParse.matches(opt, "-netns")) {
                String name = args.hasNext() ? args.next() : null;
                if (name == null) {
                    throw new UsageException(USAGE, 255);
                }
                ns = io.knetsim.net.NetnsRegistry.lookup(ns, name);
                if (ns == null) {
                    throw new UsageException("Cannot open network namespace \"" + name
                        + "\": No such file or directory", 255);
                }
            } else if (opt.equals("-6") || opt.equals("-0") || opt.equals("-B") || opt.equals("-M")
                || IpParse.matches(opt, "-json") || IpParse.matches(opt, "-pretty") || IpParse.matches(opt, "-oneline")
                || IpParse.matches(opt, "-human-readable") || IpParse.matches(opt, "-iec")
                || IpParse.matches(opt, "-timestamp") || IpParse.matches(opt, "-batch") || IpParse.matches(opt, "-all")
                || IpParse.matches(opt, "-resolve")) {
                throw unsupported(opt);
            } else if (IpParse.matches(opt, "-help")) {
                throw new UsageException(USAGE, 255);
            } else {
                throw new UsageException("Option \"" + opt + "\" is unknown, try \"ip -help\".", 255);
            }
        }
        if (!args.hasNext()) {
            throw new UsageException(USAGE, 255);
        }
        String word = args.next();
        String object = null;
        for (String o : OBJECTS) {
            if (IpParse.matches(word, o)) {
                object = o;
                break;
            }
        }
        if (object == null) {
            throw new UsageException("Object \"" + word + "\" is unknown, try \"ip help\".", 1);
        }
        if (object.equals("help")) {
            throw new UsageException(USAGE, 255);
        }
        IpObject handler = HANDLERS.get(object);
        if (handler == null) {
            throw new UsageException("Error: \"ip " + object + "\" is not modelled in knetsim (try address, link, "
                + "route, neigh or netns).", 1);
        }
        return handler.run(inv, new IpOptions(ns, inet, stats, details, brief), args);
    }

    private static UsageException unsupported(String opt) {
        return new UsageException("Error: option \"" + opt + "\" is not supported by knetsim's ip.", 255);
    }
}
