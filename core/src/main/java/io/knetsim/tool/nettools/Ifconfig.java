package io.knetsim.tool.nettools;

import io.knetsim.net.DeviceStats;
import io.knetsim.net.IfAddress;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.NetlinkException;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;
import io.knetsim.tool.iproute.DeviceFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ifconfig [-a] [IF [up | down | mtu N]]} in the layout of net-tools 2.10:
 *
 * <pre>
 * eth0: flags=4163&lt;UP,BROADCAST,RUNNING,MULTICAST&gt;  mtu 1500
 *         inet 10.0.0.3  netmask 255.0.0.0  broadcast 10.255.255.255
 *         ether 02:3c:9e:1a:70:11  txqueuelen 1000  (Ethernet)
 *         RX packets 12  bytes 840 (840.0 B)
 *         RX errors 0  dropped 0  overruns 0  frame 0
 *         TX packets 12  bytes 1264 (1.2 KiB)
 *         TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0
 * </pre>
 *
 * Interfaces are listed in net-tools' natural name order ({@code eth2} before {@code eth10}),
 * each followed by a blank line; without {@code -a} only those that are up. The flags number
 * is the {@code IFF_*} bit set, byte counts are scaled by 1024 with net-tools 2.10's units
 * (B, KiB, MiB, ...). Only the primary IPv4 address is shown, as {@code SIOCGIFADDR} returns it.
 */
final class Ifconfig implements Command {
    private static final String[] FLAG_NAMES = {"UP", "BROADCAST", "DEBUG", "LOOPBACK", "POINTOPOINT", "NOTRAILERS",
        "RUNNING", "NOARP", "PROMISC", "ALLMULTI", "SLAVE", "MASTER", "MULTICAST"};
    /** The bit of each name above, in net-tools' print order. */
    private static final int[] FLAG_BITS = {0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x800, 0x400,
        0x1000};

    @Override
    public String name() {
        return "ifconfig";
    }

    @Override
    public String synopsis() {
        return "ifconfig [-a] [IF [up|down|mtu N]]: show network interfaces (net-tools)";
    }

    @Override
    public void start(Invocation inv) {
        inv.exit(run(inv));
    }

    private int run(Invocation inv) {
        NetNamespace ns = inv.ns();
        List<String> args = inv.args();
        boolean all = false;
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String o = args.get(i++);
            if (o.equals("-a")) {
                all = true;
            } else if (o.equals("-v")) {
                continue;
            } else {
                throw new UsageException("ifconfig: option `" + o + "' not recognised.\n"
                    + "ifconfig: `--help' gives usage information.", 1);
            }
        }
        if (i == args.size()) {
            StringBuilder sb = new StringBuilder();
            for (NetDevice d : sortedDevices(ns)) {
                if (all || d.isUp()) {
                    sb.append(format(d));
                }
            }
            inv.print(sb.toString());
            return 0;
        }
        String name = args.get(i++);
        NetDevice dev = ns.device(name);
        if (i == args.size()) {
            if (dev == null) {
                throw new UsageException(name + ": error fetching interface information: Device not found", 1);
            }
            inv.print(format(dev));
            return 0;
        }
        return configure(dev, name, args.subList(i, args.size()));
    }

    private static int configure(NetDevice dev, String name, List<String> words) {
        if (dev == null) {
            throw new UsageException("SIOCSIFFLAGS: No such device", 255);
        }
        Boolean up = null;
        Integer mtu = null;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            switch (w) {
                case "up" -> up = true;
                case "down" -> up = false;
                case "mtu" -> {
                    if (i + 1 == words.size()) {
                        throw new UsageException("ifconfig: option `mtu' needs an argument", 1);
                    }
                    try {
                        mtu = Integer.parseInt(words.get(++i));
                    } catch (NumberFormatException e) {
                        throw new UsageException("SIOCSIFMTU: Invalid argument", 255);
                    }
                    if (mtu < 68 || mtu > 65535) {
                        throw new UsageException("SIOCSIFMTU: Invalid argument", 255);
                    }
                }
                default -> throw new UsageException("ifconfig: setting \"" + w + "\" on " + name
                    + " is not modelled in knetsim; use ip addr / ip link.", 1);
            }
        }
        try {
            if (mtu != null) {
                dev.setMtu(mtu);
            }
            if (up != null) {
                dev.setUp(up);
            }
        } catch (NetlinkException e) {
            throw new UsageException(e.getMessage(), 255);
        }
        return 0;
    }

    /** Devices in net-tools' order ({@code nstrcmp}: digit runs compare as numbers). */
    static List<NetDevice> sortedDevices(NetNamespace ns) {
        List<NetDevice> l = new ArrayList<>(ns.devices());
        l.sort((a, b) -> naturalCompare(a.name(), b.name()));
        return l;
    }

    static int naturalCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                long na = Long.parseLong(a.substring(si, Math.min(i, si + 18)));
                long nb = Long.parseLong(b.substring(sj, Math.min(j, sj + 18)));
                if (na != nb) {
                    return Long.compare(na, nb);
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    static String format(NetDevice d) {
        int flags = DeviceFacts.ifFlags(d);
        StringBuilder sb = new StringBuilder();
        sb.append(d.name()).append(": flags=").append(flags).append('<').append(flagNames(flags)).append(">  mtu ")
            .append(d.mtu()).append('\n');
        IfAddress a = d.primaryAddress();
        if (a != null) {
            sb.append("        inet ").append(a.address()).append("  netmask ").append(a.cidr().netmask());
            if ((flags & DeviceFacts.IFF_BROADCAST) != 0) {
                sb.append("  broadcast ").append(a.broadcast());
            }
            sb.append('\n');
        }
        int qlen = DeviceFacts.txQueueLen(d);
        if (DeviceFacts.isLoopback(d)) {
            sb.append("        loop  txqueuelen ").append(qlen).append("  (Local Loopback)\n");
        } else {
            sb.append("        ether ").append(d.macAddress()).append("  txqueuelen ").append(qlen)
                .append("  (Ethernet)\n");
        }
        DeviceStats s = d.stats();
        sb.append("        RX packets ").append(s.rxPackets).append("  bytes ").append(s.rxBytes).append(" (")
            .append(human(s.rxBytes)).append(")\n");
        sb.append("        RX errors ").append(s.rxErrors).append("  dropped ").append(s.rxDropped)
            .append("  overruns 0  frame 0\n");
        sb.append("        TX packets ").append(s.txPackets).append("  bytes ").append(s.txBytes).append(" (")
            .append(human(s.txBytes)).append(")\n");
        sb.append("        TX errors ").append(s.txErrors).append("  dropped ").append(s.txDropped)
            .append(" overruns 0  carrier 0  collisions 0\n");
        return sb.append('\n').toString();
    }

    static String flagNames(int flags) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((flags & FLAG_BITS[i]) != 0) {
                names.add(FLAG_NAMES[i]);
            }
        }
        return String.join(",", names);
    }

    /** net-tools 2.10: one decimal, truncated, 1024-based, unit chosen when the count exceeds it. */
    static String human(long bytes) {
        String[] units = {"EiB", "PiB", "TiB", "GiB", "MiB", "KiB"};
        long[] limits = {1L << 60, 1L << 50, 1L << 40, 1L << 30, 1L << 20, 1L << 10};
        for (int i = 0; i < units.length; i++) {
            if (bytes > limits[i]) {
                long tenths = bytes < Long.MAX_VALUE / 10 ? bytes * 10 / limits[i] : bytes / (limits[i] / 10);
                return tenths / 10 + "." + tenths % 10 + " " + units[i];
            }
        }
        return bytes + ".0 B";
    }
}
