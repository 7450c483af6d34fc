package io.knetsim.tool.iproute;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.addr.MacAddress;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.NetlinkException;
import io.knetsim.net.dev.Bridge;
import io.knetsim.net.dev.Veth;
import io.knetsim.net.dev.VxlanDevice;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Args;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;

/**
 * {@code ip link add [name] NAME [mtu N] [address MAC] type KIND [ARGS]} for the kinds the
 * model has:
 *
 * <pre>
 *   type veth   [peer [name] PEER [netns NS] [address MAC] [mtu N]]
 *   type bridge
 *   type vxlan  id VNI [local ADDR] [remote ADDR] [dev UNDERLAY] [dstport PORT]
 *               [[no]learning] [ageing SECONDS]
 * </pre>
 *
 * A name left out is chosen as the kernel does ({@code veth0}, {@code bridge0}, ...). New
 * devices are down. Without {@code dstport} a VXLAN device gets the kernel's 8472 and
 * iproute2's warning about it.
 */
final class IpLinkAdd {
    /** One side's link attributes: {@code [name] NAME [mtu N] [address MAC] [netns NS]}. */
    private static final class Side {
        String name;
        Integer mtu;
        MacAddress mac;
        NetNamespace ns;
    }

    int run(Invocation inv, NetNamespace ns, Args args) {
        Side self = new Side();
        String type = parseSide(ns, args, self, true);
        if (type == null) {
            throw new UsageException("Not enough information: \"type\" argument is required", 1);
        }
        if (self.ns != null) {
            throw new UsageException("Error: \"ip link add ... netns\" is not modelled; add the device, then "
                + "\"ip link set DEV netns NS\".", 1);
        }
        if (self.name != null && ns.device(self.name) != null) {
            throw IpParse.rtnetlink("File exists");
        }
        checkMtu(self);
        try {
            NetDevice created = switch (type) {
                case "veth" -> veth(ns, self, args);
                case "bridge" -> bridge(ns, self, args);
                case "vxlan" -> vxlan(inv, ns, self, args);
                default -> throw IpParse.rtnetlink("Error: Unknown device type.");
            };
            configure(created, self);
        } catch (NetlinkException e) {
            throw IpParse.refused(e);
        } catch (IllegalStateException e) {
            throw IpParse.rtnetlink(e.getMessage());
        }
        return 0;
    }

    /** Reads link attributes up to {@code type} (returned) or the end; the peer's have no type. */
    private static String parseSide(NetNamespace ns, Args args, Side side, boolean allowType) {
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "type" -> {
                    if (!allowType) {
                        throw new UsageException("Error: \"type\" of a veth peer is always veth.", 255);
                    }
                    return args.value();
                }
                case "mtu" -> {
                    String v = args.value();
                    try {
                        side.mtu = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw IpParse.invarg("Invalid \"mtu\" value\n", v);
                    }
                }
                case "address" -> side.mac = IpParse.lladdr(args.value());
                case "netns" -> {
                    String v = args.value();
                    side.ns = io.knetsim.net.NetnsRegistry.lookup(ns, v);
                    if (side.ns == null) {
                        throw IpParse.invarg("Invalid \"netns\" value\n", v);
                    }
                }
                case "txqueuelen", "link", "group", "numtxqueues", "numrxqueues" ->
                    throw new UsageException("Error: \"ip link add ... " + w + "\" is not modelled in knetsim.", 255);
                default -> {
                    String name = w.equals("name") || w.equals("dev") ? args.value() : w;
                    if (IpParse.matches(w, "help")) {
                        throw IpLink.usage();
                    }
                    if (side.name != null) {
                        throw new UsageException("Error: either \"dev\" is duplicate, or \"" + name + "\" is a garbage.",
                            255);
                    }
                    side.name = IpParse.ifname(name);
                }
            }
        }
        return null;
    }

    private static void checkMtu(Side s) {
        if (s.mtu != null && s.mtu < 68) {
            throw IpParse.rtnetlink("Error: mtu less than device minimum.");
        }
        if (s.mtu != null && s.mtu > 65535) {
            throw IpParse.rtnetlink("Error: mtu greater than device maximum.");
        }
    }

    private static void configure(NetDevice d, Side s) {
        if (s.mac != null) {
            IpLink.setMac(d, s.mac);
        }
    }

    /** The kernel's {@code %d} names: the lowest free {@code PREFIXn}. */
    private static String freeName(NetNamespace ns, String prefix, String taken) {
        for (int i = 0; ; i++) {
            String n = prefix + i;
            if (ns.device(n) == null && !n.equals(taken)) {
                return n;
            }
        }
    }

    private static NetDevice veth(NetNamespace ns, Side self, Args args) {
        Side peer = new Side();
        if (args.hasNext()) {
            String w = args.next();
            if (!w.equals("peer")) {
                throw new UsageException("Usage: ip link <options> type veth [peer <options>]\n"
                    + "To get <options> type 'ip link add help'", 255);
            }
            parseSide(ns, args, peer, false);
        }
        checkMtu(peer);
        NetNamespace peerNs = peer.ns != null ? peer.ns : ns;
        String name = self.name != null ? self.name : freeName(ns, "veth", null);
        String peerName = peer.name != null ? peer.name : freeName(peerNs, "veth", peerNs == ns ? name : null);
        if (peerNs.device(peerName) != null || (peerNs == ns && peerName.equals(name))) {
            throw IpParse.rtnetlink("File exists");
        }
        int mtu = self.mtu != null ? self.mtu : 1500;
        Veth[] pair = Veth.createPair(ns, name, peerNs, peerName, mtu);
        if (peer.mtu != null) {
            pair[1].setMtu(peer.mtu);
        }
        configure(pair[1], peer);
        return pair[0];
    }

    private static NetDevice bridge(NetNamespace ns, Side self, Args args) {
        if (args.hasNext()) {
            throw new UsageException("Error: bridge option \"" + args.next() + "\" is not modelled in knetsim.", 255);
        }
        Bridge b = new Bridge(ns, self.name != null ? self.name : freeName(ns, "bridge", null));
        if (self.mtu != null) {
            b.setMtu(self.mtu);
        }
        return b;
    }

    private static NetDevice vxlan(Invocation inv, NetNamespace ns, Side self, Args args) {
        Integer vni = null;
        Ipv4Address local = null;
        Ipv4Address remote = null;
        NetDevice underlay = null;
        Integer dstPort = null;
        boolean learning = true;
        boolean udpCsum = true;
        Long ageing = null;
        while (args.hasNext()) {
            String w = args.next();
            switch (w) {
                case "id", "vni" -> {
                    String v = args.value();
                    vni = IpParse.number(v, "invalid id", 0xFFFFFF);
                }
                case "local" -> local = IpParse.address(args.value(), true);
                case "remote" -> remote = IpParse.address(args.value(), true);
                case "dev" -> underlay = IpParse.device(ns, args.value());
                case "dstport" -> dstPort = IpParse.number(args.value(), "dstport", 0xFFFF);
                case "learning" -> learning = true;
                case "nolearning" -> learning = false;
                case "udpcsum" -> udpCsum = true;
                case "noudpcsum" -> udpCsum = false;
                case "ageing" -> ageing = (long) IpParse.number(args.value(), "ageing", Integer.MAX_VALUE);
                case "group", "port", "srcport", "ttl", "tos", "df", "flowlabel", "maxaddress", "proxy", "rsc",
                    "l2miss", "l3miss", "external", "gbp", "gpe" ->
                    throw new UsageException("Error: vxlan option \"" + w + "\" is not modelled in knetsim.", 255);
                default -> throw new UsageException("vxlan: unknown command \"" + w + "\"?", 1);
            }
        }
        if (vni == null) {
            throw new UsageException("vxlan: missing virtual network identifier", 1);
        }
        if (dstPort == null) {
            inv.eprintln("""
                vxlan: destination port not specified
                Will use Linux kernel default (non-standard value)
                Use 'dstport 4789' to get the IANA assigned value
                Use 'dstport 0' to get default and quiet this message""");
        }
        int port = dstPort == null || dstPort == 0 ? 8472 : dstPort;
        String name = self.name != null ? self.name : freeName(ns, "vxlan", null);
        VxlanDevice v = new VxlanDevice(ns, name, vni, local, underlay, port, learning);
        v.setUdpChecksum(udpCsum);
        if (self.mtu != null) {
            v.setMtu(self.mtu);
        }
        if (ageing != null) {
            v.fdb().setAgeingTime(SimTime.seconds(ageing));
        }
        if (remote != null) {
            v.addFdb(MacAddress.ZERO, remote, false);
        }
        return v;
    }
}
