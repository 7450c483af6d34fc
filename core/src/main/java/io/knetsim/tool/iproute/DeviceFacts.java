package io.knetsim.tool.iproute;

import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.BridgePort;
import io.knetsim.net.dev.EthernetNic;
import io.knetsim.net.dev.Loopback;
import io.knetsim.net.dev.Veth;
import io.knetsim.net.dev.VxlanDevice;
import java.util.ArrayList;
import java.util.List;

/**
 * What the kernel reports about a device beyond the model's own state, the same for
 * {@code ip}, {@code bridge} and {@code ifconfig}: root qdisc, {@code txqueuelen}, the
 * {@code IFF_*} flags, the operational state, the MTU limits and the peer namespace id.
 *
 * <table>
 *   <caption>Per device kind (as a modern distribution shows them)</caption>
 *   <tr><th>kind</th><th>qdisc when up</th><th>txqueuelen</th><th>min/max MTU</th></tr>
 *   <tr><td>lo</td><td>noqueue</td><td>1000</td><td>0 / 0 (no limit shown)</td></tr>
 *   <tr><td>Ethernet NIC</td><td>fq_codel</td><td>1000</td><td>68 / 65535</td></tr>
 *   <tr><td>veth, bridge</td><td>noqueue</td><td>1000</td><td>68 / 65535</td></tr>
 *   <tr><td>vxlan</td><td>noqueue</td><td>0</td><td>68 / 65535</td></tr>
 * </table>
 *
 * A device that is down shows qdisc {@code noop}, as the kernel swaps in the noop qdisc on close.
 */
public final class DeviceFacts {
    /** {@code IFF_*} bits as {@code <linux/if.h>} defines them. */
    public static final int IFF_UP = 0x1;
    public static final int IFF_BROADCAST = 0x2;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_MULTICAST = 0x1000;

    private DeviceFacts() {
    }

    public static boolean isLoopback(NetDevice dev) {
        return dev instanceof Loopback;
    }

    /** Admin up with carrier: {@code IFF_RUNNING}, what iproute2 shows as LOWER_UP. */
    public static boolean isRunning(NetDevice dev) {
        return dev.isUp() && dev.hasCarrier();
    }

    /** The root qdisc name {@code ip link} shows. */
    public static String qdisc(NetDevice dev) {
        if (!dev.isUp()) {
            return "noop";
        }
        return dev instanceof EthernetNic ? "fq_codel" : "noqueue";
    }

    /** {@code txqueuelen}; VXLAN devices have none (0), so {@code ip} prints no {@code qlen}. */
    public static int txQueueLen(NetDevice dev) {
        return dev instanceof VxlanDevice ? 0 : 1000;
    }

    public static int minMtu(NetDevice dev) {
        return isLoopback(dev) ? 0 : 68;
    }

    public static int maxMtu(NetDevice dev) {
        return isLoopback(dev) ? 0 : 65535;
    }

    /** {@code IFLA_INFO_KIND}, or null for devices without one (lo, physical NICs). */
    public static String linkKind(NetDevice dev) {
        if (dev instanceof Veth || dev instanceof Bridge || dev instanceof VxlanDevice) {
            return dev.kind();
        }
        return null;
    }

    /** The numeric {@code IFF_*} flags as {@code SIOCGIFFLAGS} returns them (what ifconfig prints). */
    public static int ifFlags(NetDevice dev) {
        int f = isLoopback(dev) ? IFF_LOOPBACK : IFF_BROADCAST | IFF_MULTICAST;
        if (dev.isUp()) {
            f |= IFF_UP;
        }
        if (isRunning(dev)) {
            f |= IFF_RUNNING;
        }
        return f;
    }

    /**
     * The flags between angle brackets as iproute2 prints them, e.g.
     * {@code NO-CARRIER,BROADCAST,MULTICAST,UP} or {@code BROADCAST,MULTICAST,M-DOWN}.
     */
    public static String linkFlags(NetDevice dev) {
        List<String> f = new ArrayList<>(6);
        if (dev.isUp() && !isRunning(dev)) {
            f.add("NO-CARRIER");
        }
        if (isLoopback(dev)) {
            f.add("LOOPBACK");
        } else {
            f.add("BROADCAST");
            f.add("MULTICAST");
        }
        if (dev.isUp()) {
            f.add("UP");
        }
        if (isRunning(dev)) {
            f.add("LOWER_UP");
        }
        String s = String.join(",", f);
        if (masterDown(dev)) {
            s += ",M-DOWN";
        }
        return s;
    }

    /** iproute2's M-DOWN: the link device (a veth peer in the same namespace) is down. */
    private static boolean masterDown(NetDevice dev) {
        return dev instanceof Veth v && v.peer() != null && v.peer().namespace() == dev.namespace()
            && !v.peer().isUp();
    }

    /** Operational state: UP, DOWN, UNKNOWN (lo, vxlan) or LOWERLAYERDOWN (veth whose peer is down). */
    public static String operState(NetDevice dev) {
        if (!dev.isUp()) {
            return "DOWN";
        }
        return dev.operState();
    }

    /** The device name with its link, as {@code ip link} prints it: {@code eth0@if5}, {@code veth0@veth1}. */
    public static String nameAndLink(NetDevice dev) {
        if (dev instanceof Veth v && v.peer() != null) {
            Veth p = v.peer();
            return dev.name() + "@" + (p.namespace() == dev.namespace() ? p.name() : "if" + p.ifindex());
        }
        return dev.name();
    }

    /**
     * The id the namespace of {@code dev} has for the namespace of its veth peer
     * ({@code link-netnsid}), or -1 if the peer is local or there is none. Ids are handed out
     * in the order the kernel would first need them: by the ifindex of the first device that
     * links to each other namespace, so a pod sees its host as 0.
     */
    public static int linkNetnsid(NetDevice dev) {
        if (!(dev instanceof Veth v) || v.peer() == null || v.peer().namespace() == dev.namespace()) {
            return -1;
        }
        NetNamespace peerNs = v.peer().namespace();
        List<NetNamespace> seen = new ArrayList<>();
        for (NetDevice d : dev.namespace().devices()) {
            if (d instanceof Veth o && o.peer() != null && o.peer().namespace() != d.namespace()
                && !seen.contains(o.peer().namespace())) {
                seen.add(o.peer().namespace());
            }
        }
        return seen.indexOf(peerNs);
    }

    /** The bridge port record of {@code dev}, or null if it is not enslaved to a bridge. */
    public static BridgePort bridgePort(NetDevice dev) {
        return dev.master() instanceof Bridge b ? b.port(dev) : null;
    }

    /** Port number of a bridge port (1-based, in the order ports were added), as STP numbers them. */
    public static int portNumber(BridgePort p) {
        Bridge b = (Bridge) p.device().master();
        return b.ports().indexOf(p) + 1;
    }

    /** STP path cost the kernel derives from link speed: 2 for a veth (10 Gb/s), 100 when unknown. */
    public static int portCost(BridgePort p) {
        return p.device() instanceof Veth ? 2 : 100;
    }
}
