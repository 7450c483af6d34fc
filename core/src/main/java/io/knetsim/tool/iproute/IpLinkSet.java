package io.knetsim.tool.iproute;

import io.knetsim.addr.MacAddress;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.NetlinkException;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.Loopback;
import io.knetsim.net.dev.VxlanDevice;
import io.knetsim.tool.Args;
import io.knetsim.tool.UsageException;

/**
 * {@code ip link set [dev] IF [netns NS] [address MAC] [mtu N] [name NEW] [master BR | nomaster]
 * [up | down]}.
 *
 * Everything is checked first; the changes are then applied in the order the kernel's
 * {@code do_setlink} applies them (namespace, address, MTU, name, master, flags), so
 * {@code ip link set veth1 netns pod1 name eth0 up} works as on Linux, and a refused request
 * changes nothing.
 */
final class IpLinkSet {
    private String devName;
    private Boolean up;
    private Integer mtu;
    private MacAddress mac;
    private String newName;
    private NetNamespace netns;
    private String master;
    private boolean noMaster;

    int run(NetNamespace ns, Args args) {
        parse(ns, args);
        if (devName == null) {
            throw new UsageException("Not enough information: \"dev\" argument is required.", 255);
        }
        NetDevice dev = IpParse.device(ns, devName);
        Bridge bridge = checkMaster(ns, dev);
        checkMtu(dev);
        if (mac != null && (mac.isMulticast() || mac.isZero())) {
            throw IpParse.rtnetlink("Cannot assign requested address");
        }
        NetNamespace target = netns != null ? netns : ns;
        boolean moves = target != ns;
        if (moves) {
            if (dev instanceof Loopback || dev instanceof Bridge || dev instanceof VxlanDevice) {
                throw IpParse.rtnetlink("Invalid argument");
            }
            if (target.device(dev.name()) != null) {
                throw IpParse.rtnetlink("File exists");
            }
        }
        if (newName != null && !newName.equals(dev.name())) {
            if (target.device(newName) != null) {
                throw IpParse.rtnetlink("File exists");
            }
            if (dev.isUp() && !moves) {
                throw IpParse.rtnetlink("Device or resource busy");
            }
        }
        apply(ns, dev, target, bridge);
        return 0;
    }

    private void parse(NetNamespace ns, Args args) {
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "up" -> up = true;
                case "down" -> up = false;
                case "mtu" -> {
                    String v = args.value();
                    try {
                        mtu = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw IpParse.invarg("Invalid \"mtu\" value\n", v);
                    }
                }
                case "address" -> mac = IpParse.lladdr(args.value());
                case "name" -> newName = IpParse.ifname(args.value());
                case "netns" -> {
                    String v = args.value();
                    netns = io.knetsim.net.NetnsRegistry.lookup(ns, v);
                    if (netns == null) {
                        throw IpParse.invarg("Invalid \"netns\" value\n", v);
                    }
                }
                case "master" -> master = args.value();
                case "nomaster" -> noMaster = true;
                case "arp", "multicast", "allmulticast", "promisc", "trailers", "dynamic", "carrier", "txqueuelen",
                    "txqlen", "qlen", "alias", "group", "vrf", "type", "link-netns", "link-netnsid" ->
                    throw new UsageException("Error: \"ip link set ... " + w + "\" is not modelled in knetsim.", 255);
                default -> {
                    String name = w;
                    if (w.equals("dev")) {
                        name = args.value();
                    } else if (IpParse.matches(w, "help")) {
                        throw IpLink.usage();
                    }
                    if (devName != null) {
                        throw new UsageException("Error: either \"dev\" is duplicate, or \"" + name + "\" is a garbage.",
                            255);
                    }
                    devName = name;
                }
            }
        }
    }

    private Bridge checkMaster(NetNamespace ns, NetDevice dev) {
        if (master == null) {
            return null;
        }
        NetDevice m = ns.device(master);
        if (m == null) {
            throw IpParse.invarg("Device does not exist\n", master);
        }
        if (!(m instanceof Bridge b)) {
            throw IpParse.rtnetlink("Operation not supported");
        }
        if (dev instanceof Bridge) {
            throw IpParse.rtnetlink("Error: Can not enslave a bridge to a bridge.");
        }
        if (dev instanceof Loopback) {
            throw IpParse.rtnetlink("Invalid argument");
        }
        if (netns != null && netns != ns) {
            throw IpParse.rtnetlink("Invalid argument");
        }
        return b;
    }

    private void checkMtu(NetDevice dev) {
        if (mtu == null) {
            return;
        }
        int min = Math.max(68, DeviceFacts.minMtu(dev));
        int max = dev instanceof Loopback ? Loopback.MTU : DeviceFacts.maxMtu(dev);
        if (dev instanceof VxlanDevice v && v.underlay() != null) {
            max = v.underlay().mtu() - VxlanDevice.OVERHEAD;
        }
        if (mtu < min) {
            throw IpParse.rtnetlink("Error: mtu less than device minimum.");
        }
        if (mtu > max) {
            throw IpParse.rtnetlink("Error: mtu greater than device maximum.");
        }
    }

    private void apply(NetNamespace ns, NetDevice dev, NetNamespace target, Bridge bridge) {
        try {
            if (target != ns) {
                ns.moveDevice(dev, target, dev.name());
            }
            if (mac != null) {
                IpLink.setMac(dev, mac);
            }
            if (mtu != null) {
                dev.setMtu(mtu);
            }
            if (newName != null && !newName.equals(dev.name())) {
                dev.rename(newName);
            }
            if (bridge != null && dev.master() != bridge) {
                dev.leaveMaster();
                bridge.addPort(dev);
            }
            if (noMaster) {
                dev.leaveMaster();
            }
            if (up != null) {
                dev.setUp(up);
            }
        } catch (NetlinkException e) {
            throw IpParse.refused(e);
        }
    }
}
