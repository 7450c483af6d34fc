package io.knetsim.tool.iproute;

import io.knetsim.net.NetNamespace;
import io.knetsim.tool.Args;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;
import java.util.List;

/**
 * {@code bridge [OPTIONS] { fdb | link } [COMMAND]} of iproute2 6.x: forwarding databases of
 * bridges and VXLAN devices ({@link BridgeFdb}) and bridge ports ({@link BridgeLink}). Unlike
 * {@code ip}, {@code bridge} exits 255 on every error.
 */
public final class BridgeCommand implements Command {
    static final String USAGE = """
        Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }
        where  OBJECT := { link | fdb }
               OPTIONS := { -V[ersion] | -d[etails] | -n[etns] name | -c[olor] }""";

    private static final List<String> OBJECTS = List.of("link", "fdb", "mdb", "vlan", "vni", "monitor", "help");

    @Override
    public String name() {
        return "bridge";
    }

    @Override
    public String synopsis() {
        return "bridge [-d] { fdb | link } ...: show and change bridge and VXLAN forwarding entries and bridge ports";
    }

    @Override
    public void start(Invocation inv) {
        inv.exit(run(inv));
    }

    private int run(Invocation inv) {
        Args args = IpParse.args(inv.args());
        NetNamespace ns = inv.ns();
        boolean details = false;
        while (args.hasNext() && args.peek().startsWith("-")) {
            String opt = args.next();
            if (opt.startsWith("--")) {
                opt = opt.substring(1);
            }
            if (IpParse.matches(opt, "-details")) {
                details = true;
            } else if (IpParse.matches(opt, "-Version")) {
                inv.println("bridge utility, 6.1.0");
                return 0;
            } else if (opt.equals("-c") || IpParse.matches(opt, "-color") || opt.startsWith("-color=")) {
                // plain output
            } else if (IpParse.matches(opt, "-netns")) {
                String name = args.value();
                ns = io.knetsim.net.NetnsRegistry.lookup(ns, name);
                if (ns == null) {
                    throw new UsageException("Cannot open network namespace \"" + name
                        + "\": No such file or directory", 255);
                }
            } else if (IpParse.matches(opt, "-help")) {
                throw new UsageException(USAGE, 255);
            } else if (IpParse.matches(opt, "-statistics") || IpParse.matches(opt, "-json")
                || IpParse.matches(opt, "-pretty") || IpParse.matches(opt, "-oneline")
                || IpParse.matches(opt, "-batch") || IpParse.matches(opt, "-compressvlans")
                || IpParse.matches(opt, "-timestamp")) {
                throw new UsageException("Error: option \"" + opt + "\" is not supported by knetsim's bridge.", 255);
            } else {
                throw new UsageException("Option \"" + opt + "\" is unknown, try \"bridge help\".", 255);
            }
        }
        if (!args.hasNext()) {
            throw new UsageException(USAGE, 255);
        }
        String word = args.next();
        String object = OBJECTS.stream().filter(o -> IpParse.matches(word, o)).findFirst().orElse(null);
        if (object == null) {
            throw new UsageException("Object \"" + word + "\" is unknown, try \"bridge help\".", 255);
        }
        return switch (object) {
            case "fdb" -> new BridgeFdb().run(inv, ns, args);
            case "link" -> new BridgeLink().run(inv, ns, details, args);
            case "help" -> throw new UsageException(USAGE, 255);
            default -> throw new UsageException("Error: \"bridge " + object + "\" is not modelled in knetsim.", 255);
        };
    }
}
