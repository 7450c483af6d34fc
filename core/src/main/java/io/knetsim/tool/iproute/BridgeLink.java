package io.knetsim.tool.iproute;

import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.dev.BridgePort;
import io.knetsim.tool.Args;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;

/**
 * {@code bridge link [show [dev DEV]]} lists bridge ports:
 * {@code 5: veth1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master cni0 state forwarding priority 32 cost 2 }
 * (with {@code -d} a second line of port flags); {@code bridge link set dev PORT hairpin|learning|flood on|off}
 * changes them.
 */
final class BridgeLink {
    static final String USAGE = """
        Usage: bridge link set dev DEV [ hairpin {on | off} ] [ learning {on | off} ]
                                       [ flood {on | off} ]
               bridge link show [dev DEV]""";

    int run(Invocation inv, NetNamespace ns, boolean details, Args args) {
        if (!args.hasNext()) {
            return show(inv, ns, details, args);
        }
        String cmd = args.next();
        if (IpParse.matches(cmd, "set") || IpParse.matches(cmd, "change")) {
            return set(ns, args);
        }
        if (IpParse.matches(cmd, "show") || IpParse.matches(cmd, "lst") || IpParse.matches(cmd, "list")) {
            return show(inv, ns, details, args);
        }
        if (IpParse.matches(cmd, "help")) {
            throw new UsageException(USAGE, 255);
        }
        throw IpParse.unknownCommand(cmd, "bridge link help");
    }

    private int show(Invocation inv, NetNamespace ns, boolean details, Args args) {
        NetDevice only = null;
        while (args.hasNext()) {
            if (args.next().equals("dev")) {
                String n = args.value();
                only = ns.device(n);
                if (only == null) {
                    throw new UsageException("Cannot find device \"" + n + "\"", 255);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (NetDevice d : ns.devices()) {
            BridgePort p = DeviceFacts.bridgePort(d);
            if (p == null || (only != null && d != only)) {
                continue;
            }
            sb.append(d.ifindex()).append(": ").append(DeviceFacts.nameAndLink(d)).append(": <")
                .append(DeviceFacts.linkFlags(d)).append("> mtu ").append(d.mtu()).append(" master ")
                .append(d.master().name()).append(" state ").append(p.state()).append(" priority 32 cost ")
                .append(DeviceFacts.portCost(p)).append(' ');
            if (details) {
                sb.append("\n    hairpin ").append(LinkFormat.onOff(p.hairpin()))
                    .append(" guard off root_block off fastleave off learning ").append(LinkFormat.onOff(p.learning()))
                    .append(" flood ").append(LinkFormat.onOff(p.flood()))
                    .append(" mcast_flood on neigh_suppress off vlan_tunnel off isolated off ");
            }
            sb.append('\n');
        }
        inv.print(sb.toString());
        return 0;
    }

    private int set(NetNamespace ns, Args args) {
        String devName = null;
        Boolean hairpin = null;
        Boolean learning = null;
        Boolean flood = null;
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "dev" -> devName = args.value();
                case "hairpin" -> hairpin = onOff(w, args.value());
                case "learning" -> learning = onOff(w, args.value());
                case "flood" -> flood = onOff(w, args.value());
                case "master", "self" -> {
                }
                default -> throw new UsageException("Error: \"bridge link set ... " + w
                    + "\" is not modelled in knetsim.\n" + USAGE, 255);
            }
        }
        if (devName == null) {
            throw new UsageException("Device is a required argument.", 255);
        }
        NetDevice dev = ns.device(devName);
        if (dev == null) {
            throw new UsageException("Cannot find bridge device \"" + devName + "\"", 255);
        }
        BridgePort p = DeviceFacts.bridgePort(dev);
        if (p == null) {
            throw new UsageException("RTNETLINK answers: Operation not supported", 255);
        }
        if (hairpin != null) {
            p.setHairpin(hairpin);
        }
        if (learning != null) {
            p.setLearning(learning);
        }
        if (flood != null) {
            p.setFlood(flood);
        }
        return 0;
    }

    private static boolean onOff(String arg, String v) {
        if (v.equals("on") || v.equals("off")) {
            return v.equals("on");
        }
        throw new UsageException("Error: argument of \"" + arg + "\" must be \"on\" or \"off\"", 255);
    }
}
