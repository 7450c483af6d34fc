package io.knetsim.tool.iproute;

import io.knetsim.addr.MacAddress;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.NetlinkException;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.Loopback;
import io.knetsim.net.dev.Veth;
import io.knetsim.tool.Args;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;

/**
 * {@code ip link}: show devices ({@code -s} statistics, {@code -d} details, {@code -br}),
 * and dispatch {@code set} to {@link IpLinkSet} and {@code add} to {@link IpLinkAdd};
 * {@code del} removes a device (a veth takes its peer along).
 */
final class IpLink implements IpObject {
    static final String USAGE = """
        Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME
                            [ txqueuelen PACKETS ]
                            [ address LLADDR ]
                            [ mtu MTU ]
                            type TYPE [ ARGS ]

               ip link delete { DEVICE | dev DEVICE | group DEVGROUP } type TYPE [ ARGS ]

               ip link set { DEVICE | dev DEVICE | group DEVGROUP }
                            [ { up | down } ]
                            [ address LLADDR ]
                            [ mtu MTU ]
                            [ name NEWNAME ]
                            [ netns { PID | NETNSNAME | NETNSFILE } ]
                            [ master DEVICE ][ vrf NAME ]
                            [ nomaster ]

               ip link show [ DEVICE | group GROUP ] [up] [master DEV] [vrf NAME] [type TYPE]
                   [nomaster]

        TYPE := { bridge | veth | vxlan }""";

    @Override
    public int run(Invocation inv, IpOptions opts, Args args) {
        if (!args.hasNext()) {
            return show(inv, opts, args);
        }
        String cmd = args.next();
        if (IpParse.matches(cmd, "add")) {
            return new IpLinkAdd().run(inv, opts.ns(), args);
        }
        if (IpParse.matches(cmd, "set") || IpParse.matches(cmd, "change")) {
            return new IpLinkSet().run(opts.ns(), args);
        }
        if (IpParse.matches(cmd, "delete")) {
            return delete(opts.ns(), args);
        }
        if (IpParse.matches(cmd, "show") || IpParse.matches(cmd, "lst") || IpParse.matches(cmd, "list")) {
            return show(inv, opts, args);
        }
        if (IpParse.matches(cmd, "help")) {
            throw usage();
        }
        throw IpParse.unknownCommand(cmd, "ip link help");
    }

    static UsageException usage() {
        return new UsageException(USAGE, 255);
    }

    private int show(Invocation inv, IpOptions opts, Args args) {
        LinkFilter f = LinkFilter.parse(opts.ns(), args, () -> {
            throw usage();
        });
        for (NetDevice d : f.select(opts.ns())) {
            if (opts.brief()) {
                inv.print(LinkFormat.briefLink(d));
                continue;
            }
            StringBuilder sb = new StringBuilder(LinkFormat.header(d, true));
            sb.append(LinkFormat.linkLine(d, opts.details(), true));
            if (opts.stats() > 0) {
                sb.append(LinkFormat.stats(d));
            }
            inv.print(sb.toString());
        }
        return 0;
    }

    private int delete(NetNamespace ns, Args args) {
        String name = null;
        while (args.hasNext()) {
            String w = args.next();
            if (w.equals("dev")) {
                w = args.value();
            } else if (w.equals("type")) {
                args.value();
                continue;
            } else if (IpParse.matches(w, "help")) {
                throw usage();
            }
            if (name != null) {
                throw new UsageException("Error: either \"dev\" is duplicate, or \"" + w + "\" is a garbage.", 255);
            }
            name = w;
        }
        if (name == null) {
            throw new UsageException("Not enough information: \"dev\" argument is required.", 255);
        }
        NetDevice dev = IpParse.device(ns, name);
        if (dev instanceof Loopback) {
            throw IpParse.rtnetlink("Operation not supported");
        }
        try {
            // the model unlinks ports from their bridge (and a veth's peer from its own)
            ns.deleteDevice(dev);
        } catch (NetlinkException e) {
            throw IpParse.refused(e);
        }
        return 0;
    }

    /**
     * Sets a device's MAC; a bridge's own local FDB entry, or a port's, follows it, as
     * {@code br_fdb_changeaddr} moves it in the kernel.
     */
    static void setMac(NetDevice dev, MacAddress mac) {
        long old = dev.mac();
        Bridge owner = dev instanceof Bridge b ? b : dev.master() instanceof Bridge m ? m : null;
        dev.setMac(mac.bits());
        if (owner != null) {
            NetDevice port = owner == dev ? null : dev;
            var e = owner.fdb().lookup(old);
            if (e != null && e.isLocal() && e.port() == port) {
                owner.fdb().remove(old);
            }
            owner.addFdb(mac, port, true);
        }
    }

}
