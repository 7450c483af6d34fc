package io.knetsim.tool.iproute;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.addr.MacAddress;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.NetlinkException;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.FdbEntry;
import io.knetsim.net.dev.VxlanDevice;
import io.knetsim.tool.Args;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code bridge fdb}: the MAC tables of bridges and VXLAN devices.
 *
 * <pre>
 * 0a:58:0a:f4:01:03 dev veth1 master cni0                  learned (dynamic): empty state
 * 9e:21:6f:00:12:aa dev veth1 vlan 1 master cni0 permanent  a port's own MAC, as the kernel
 * 9e:21:6f:00:12:aa dev veth1 master cni0 permanent         keeps it: once for the default VLAN, once without
 * 4a:11:02:7c:33:01 dev cni0 vlan 1 master cni0 permanent   the bridge's own MAC, likewise
 * 4a:11:02:7c:33:01 dev cni0 master cni0 permanent
 * 00:00:00:00:00:00 dev flannel.100 dst 10.0.0.4 self permanent   VXLAN entries, one line per remote
 * </pre>
 *
 * Devices are listed in ifindex order. The kernel lists a port's entries newest first; the
 * model keeps no insertion order, so this lists learned and static entries, then entries added
 * as permanent, then the port's own MAC (which came first), each group by MAC.
 * Multicast group addresses a device has joined ({@code 01:00:5e:...}, {@code 33:33:...},
 * listed by the kernel as {@code self permanent}) are not shown: knetsim has no IGMP or IPv6
 * group membership. With {@code dev DEV} the {@code dev} field is left out, as iproute2 does.
 */
final class BridgeFdb {
    static final String USAGE = """
        Usage: bridge fdb { add | append | del | replace } ADDR dev DEV
                      [ self ] [ master ] [ local | static ] [ dst IPADDR ]
               bridge fdb [ show [ br BRDEV ] [ brport DEV ] ]""";

    int run(Invocation inv, NetNamespace ns, Args args) {
        if (!args.hasNext()) {
            return show(inv, ns, args);
        }
        String cmd = args.next();
        if (IpParse.matches(cmd, "add")) {
            return modify(ns, args, Op.ADD);
        }
        if (IpParse.matches(cmd, "append")) {
            return modify(ns, args, Op.APPEND);
        }
        if (IpParse.matches(cmd, "replace")) {
            return modify(ns, args, Op.REPLACE);
        }
        if (IpParse.matches(cmd, "delete")) {
            return modify(ns, args, Op.DEL);
        }
        if (IpParse.matches(cmd, "show") || IpParse.matches(cmd, "lst") || IpParse.matches(cmd, "list")) {
            return show(inv, ns, args);
        }
        if (IpParse.matches(cmd, "help")) {
            throw new UsageException(USAGE, 255);
        }
        throw IpParse.unknownCommand(cmd, "bridge fdb help");
    }

    // ---- show -----------------------------------------------------------------------------

    private int show(Invocation inv, NetNamespace ns, Args args) {
        NetDevice only = null;
        Bridge br = null;
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "dev", "brport" -> {
                    String n = args.value();
                    only = ns.device(n);
                    if (only == null) {
                        throw new UsageException("Cannot find device \"" + n + "\"", 255);
                    }
                }
                case "br" -> {
                    String n = args.value();
                    NetDevice d = ns.device(n);
                    if (d == null) {
                        throw new UsageException("Cannot find bridge device \"" + n + "\"", 255);
                    }
                    if (!(d instanceof Bridge b)) {
                        return 0;
                    }
                    br = b;
                }
                case "vlan", "state", "dynamic" ->
                    throw new UsageException("Error: \"bridge fdb show " + w + "\" is not modelled in knetsim.", 255);
                default -> {
                    if (IpParse.matches(w, "help")) {
                        throw new UsageException(USAGE, 255);
                    }
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (NetDevice d : ns.devices()) {
            if (only != null && d != only) {
                continue;
            }
            if (br != null && d != br && d.master() != br) {
                continue;
            }
            String dev = only != null ? "" : "dev " + d.name() + " ";
            if (d instanceof Bridge b) {
                appendOwn(sb, b, dev);
            }
            if (d.master() instanceof Bridge b) {
                appendPort(sb, b, d, dev);
            }
            if (d instanceof VxlanDevice v) {
                appendVxlan(sb, v, dev);
            }
        }
        inv.print(sb.toString());
        return 0;
    }

    private static List<FdbEntry> sorted(List<FdbEntry> l) {
        List<FdbEntry> out = new ArrayList<>(l);
        out.sort(Comparator.comparingLong(FdbEntry::mac));
        return out;
    }

    /** The bridge's own entries (no port): its MAC, for the default VLAN and without. */
    private static void appendOwn(StringBuilder sb, Bridge b, String dev) {
        for (FdbEntry e : sorted(b.fdb().entries())) {
            if (e.port() == null) {
                appendBridgeEntry(sb, e, dev, b, e.mac() == b.mac());
            }
        }
    }

    private static void appendPort(StringBuilder sb, Bridge b, NetDevice port, String dev) {
        List<FdbEntry> mine = sorted(b.fdb().entries()).stream().filter(e -> e.port() == port).toList();
        for (FdbEntry e : mine) {
            if (!e.isLocal()) {
                appendBridgeEntry(sb, e, dev, b, false);
            }
        }
        for (FdbEntry e : mine) {
            if (e.isLocal() && e.mac() != port.mac()) {
                appendBridgeEntry(sb, e, dev, b, false);
            }
        }
        for (FdbEntry e : mine) {
            if (e.isLocal() && e.mac() == port.mac()) {
                appendBridgeEntry(sb, e, dev, b, true);
            }
        }
    }

    private static void appendBridgeEntry(StringBuilder sb, FdbEntry e, String dev, Bridge b, boolean ownMac) {
        String mac = MacAddress.format(e.mac()) + " ";
        String tail = "master " + b.name() + " " + state(e) + "\n";
        if (ownMac) {
            sb.append(mac).append(dev).append("vlan 1 ").append(tail);
        }
        sb.append(mac).append(dev).append(tail);
    }

    private static void appendVxlan(StringBuilder sb, VxlanDevice v, String dev) {
        for (FdbEntry e : sorted(v.fdb().entries())) {
            for (int remote : e.remotes()) {
                sb.append(MacAddress.format(e.mac())).append(' ').append(dev).append("dst ")
                    .append(Ipv4Address.format(remote)).append(" self ").append(state(e)).append('\n');
            }
        }
    }

    /** iproute2's {@code state_n2a}: permanent (local), static (added, not local), or nothing (learned). */
    private static String state(FdbEntry e) {
        if (e.isLocal() || (e.isStatic() && e.port() instanceof VxlanDevice)) {
            return "permanent";
        }
        return e.isStatic() ? "static" : "";
    }

    // ---- add / append / replace / del -------------------------------------------------------

    private enum Op { ADD, APPEND, REPLACE, DEL }

    private int modify(NetNamespace ns, Args args, Op op) {
        String addr = null;
        String devName = null;
        Ipv4Address dst = null;
        boolean self = false;
        boolean master = false;
        boolean isStatic = false;
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "dev" -> devName = args.value();
                case "dst" -> dst = IpParse.address(args.value(), false);
                case "self" -> self = true;
                case "master" -> master = true;
                case "local", "permanent" -> isStatic = false;
                case "static", "temp" -> isStatic = true;
                case "dynamic", "vlan", "port", "vni", "via", "router", "use", "extern_learn", "sticky", "src_vni",
                    "nhid" -> throw new UsageException("Error: \"bridge fdb ... " + w + "\" is not modelled in knetsim.",
                        255);
                default -> {
                    String a = w.equals("to") ? args.value() : w;
                    if (IpParse.matches(a, "help")) {
                        throw new UsageException(USAGE, 255);
                    }
                    if (addr != null) {
                        throw new UsageException("Error: either \"to\" is duplicate, or \"" + a + "\" is a garbage.", 255);
                    }
                    addr = a;
                }
            }
        }
        if (devName == null || addr == null) {
            throw new UsageException("Device and address are required arguments.", 255);
        }
        MacAddress mac;
        try {
            mac = MacAddress.parse(addr);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid mac address " + addr, 255);
        }
        NetDevice dev = ns.device(devName);
        if (dev == null) {
            throw new UsageException("Cannot find device \"" + devName + "\"", 255);
        }
        if (!self && !master) {
            self = true;
        }
        try {
            if (master && dev.master() instanceof Bridge b) {
                bridgePort(b, dev, mac, isStatic, op);
            } else if (self && dev instanceof VxlanDevice v) {
                vxlan(v, mac, dst, op);
            } else if (self && dev instanceof Bridge b) {
                bridgePort(b, null, mac, false, op);
            } else {
                throw refused("Operation not supported");
            }
        } catch (NetlinkException e) {
            throw refused(e.getMessage());
        }
        return 0;
    }

    private static UsageException refused(String msg) {
        return new UsageException(IpParse.rtnetlink(msg).getMessage(), 255);
    }

    private static void bridgePort(Bridge b, NetDevice port, MacAddress mac, boolean isStatic, Op op) {
        FdbEntry e = b.fdb().lookup(mac.bits());
        boolean here = e != null && e.port() == port;
        switch (op) {
            case DEL -> {
                if (!here) {
                    throw refused("No such file or directory");
                }
                b.fdb().remove(mac.bits());
            }
            case ADD, APPEND -> {
                if (e != null) {
                    throw refused("File exists");
                }
                b.addFdb(mac, port, !isStatic);
            }
            case REPLACE -> b.addFdb(mac, port, !isStatic);
        }
    }

    private static void vxlan(VxlanDevice v, MacAddress mac, Ipv4Address dst, Op op) {
        FdbEntry e = v.fdb().lookup(mac.bits());
        if (op == Op.DEL) {
            if (e == null || (dst != null && Arrays.stream(e.remotes()).noneMatch(r -> r == dst.bits()))) {
                throw refused("No such file or directory");
            }
            v.delFdb(mac);
            if (dst != null) {
                for (int r : e.remotes()) {
                    if (r != dst.bits()) {
                        v.addFdb(mac, new Ipv4Address(r), true);
                    }
                }
            }
            return;
        }
        if (dst == null) {
            throw refused("Invalid argument");
        }
        if (op == Op.ADD && e != null) {
            throw refused("File exists");
        }
        v.addFdb(mac, dst, op == Op.APPEND);
    }
}
