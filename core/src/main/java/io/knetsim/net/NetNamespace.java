package io.knetsim.net;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.dev.Loopback;
import io.knetsim.net.ipv4.Icmp;
import io.knetsim.net.ipv4.Ipv4Stack;
import io.knetsim.net.ipv4.Udp;
import io.knetsim.net.route.Route;
import io.knetsim.net.route.RouteTable;
import io.knetsim.netfilter.NfHooks;
import io.knetsim.packet.EthernetHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;
import io.knetsim.sim.Simulator;
import io.knetsim.util.LongMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A network namespace ({@code struct net}): its own devices, addresses, routes, neighbours,
 * sysctls, netfilter hooks and protocol stack. A host, a pod and an underlay switch are each one.
 *
 * <pre>
 *   device.receive --> l2Receive --ARP--> neighbours
 *                                \-IPv4-> ip.receive --> icmp / udp / (tcp) / forward
 * </pre>
 */
public final class NetNamespace {
    private final World world;
    private final String name;
    private String hostname;
    private NetDevice[] byIndex = new NetDevice[4];
    private final List<NetDevice> devices = new ArrayList<>(2);
    private final Map<String, NetDevice> byName = new HashMap<>(4);
    private int nextIfindex = 1;
    private final RouteTable routes = new RouteTable();
    private final NeighbourTable neighbours = new NeighbourTable(this);
    private final Sysctls sysctl = new Sysctls(this);
    private final NfHooks hooks = new NfHooks();
    private final DropCounters drops = new DropCounters();
    private final Ipv4Stack ip;
    private final Icmp icmp;
    private final Udp udp;
    private final LongMap<IfAddress> localAddrs = new LongMap<>(4);
    private LongMap<IfAddress> broadcastAddrs;
    private final Loopback lo;
    private List<Consumer<NetDevice>> deviceListeners;
    private io.knetsim.fs.FileTree files;
    private io.knetsim.netfilter.nft.Nftables nftables;

    NetNamespace(World world, String name) {
        this.world = world;
        this.name = name;
        this.hostname = name;
        this.ip = new Ipv4Stack(this);
        this.icmp = new Icmp(this);
        this.udp = new Udp(this);
        ip.register(Ipv4Header.PROTO_ICMP, icmp);
        ip.register(Ipv4Header.PROTO_UDP, udp);
        ip.register(Ipv4Header.PROTO_TCP, new io.knetsim.net.tcp.Tcp(this));
        this.lo = new Loopback(this);
        addAddress(lo, Cidr.parse("127.0.0.1/8"), IfAddress.Scope.HOST, Ipv4Address.ANY); // lo has no brd
        lo.setUp(true);
    }

    public World world() {
        return world;
    }

    public Simulator sim() {
        return world.sim();
    }

    public String name() {
        return name;
    }

    public String hostname() {
        return hostname;
    }

    public void setHostname(String hostname) {
        this.hostname = hostname;
    }

    /**
     * The files of this namespace's host (or container): made on first use, so a namespace
     * that no component writes to costs nothing. Files are stamped with the simulated time of
     * their last write.
     */
    public io.knetsim.fs.FileTree files() {
        if (files == null) {
            files = new io.knetsim.fs.FileTree(() -> sim().now());
        }
        return files;
    }

    public RouteTable routes() {
        return routes;
    }

    public NeighbourTable neighbours() {
        return neighbours;
    }

    public Sysctls sysctl() {
        return sysctl;
    }

    /** This namespace's nftables ruleset: made on first use, registering its base chains in {@link #hooks()}. */
    public io.knetsim.netfilter.nft.Nftables nftables() {
        if (nftables == null) {
            nftables = new io.knetsim.netfilter.nft.Nftables(this);
        }
        return nftables;
    }

    public NfHooks hooks() {
        return hooks;
    }

    public DropCounters drops() {
        return drops;
    }

    public Ipv4Stack ip() {
        return ip;
    }

    public Icmp icmp() {
        return icmp;
    }

    public Udp udp() {
        return udp;
    }

    public Loopback loopback() {
        return lo;
    }

    // ---- devices --------------------------------------------------------------------------

    void register(NetDevice dev) {
        if (device(dev.name()) != null) {
            throw new NetlinkException("RTNETLINK answers: File exists");
        }
        validateName(dev.name());
        int idx = nextIfindex++;
        dev.setIfindex(idx);
        if (idx >= byIndex.length) {
            byIndex = Arrays.copyOf(byIndex, Math.max(idx + 1, byIndex.length * 2));
        }
        byIndex[idx] = dev;
        devices.add(dev);
        byName.put(dev.name(), dev);
        sysctl.deviceAdded(dev);
        deviceJoined(dev);
    }

    private static void validateName(String n) {
        if (n == null || n.isEmpty() || n.length() > 15 || n.contains("/") || n.contains(" ") || n.equals(".")
            || n.equals("..")) {
            throw new NetlinkException("Error: argument \"" + n + "\" is wrong: \"name\" not a valid ifname");
        }
    }

    void renameDevice(NetDevice dev, String newName) {
        validateName(newName);
        NetDevice other = device(newName);
        if (other != null && other != dev) {
            throw new NetlinkException("RTNETLINK answers: File exists");
        }
        byName.remove(dev.name());
        byName.put(newName, dev);
    }

    /** Device by name, or null. */
    public NetDevice device(String devName) {
        return byName.get(devName);
    }

    /** Device by interface index, or null. */
    public NetDevice device(int ifindex) {
        return ifindex > 0 && ifindex < byIndex.length ? byIndex[ifindex] : null;
    }

    /** Devices in ifindex order. */
    public List<NetDevice> devices() {
        return Collections.unmodifiableList(devices);
    }

    /**
     * {@code ip link set dev NAME netns OTHER}: moves a device, keeping its index if free
     * there (as the kernel does) and dropping its addresses and routes here.
     */
    public void moveDevice(NetDevice dev, NetNamespace to, String newName) {
        if (to.device(newName) != null) {
            throw new NetlinkException("RTNETLINK answers: File exists");
        }
        detach(dev);
        dev.setNamespace(to);
        dev.setUpSilently(false);
        String oldName = dev.name();
        if (!newName.equals(oldName)) {
            dev.renameInternal(newName);
        }
        int idx = dev.ifindex();
        if (to.device(idx) == null) {
            to.adopt(dev, idx); // the kernel keeps the index whenever it is free there
        } else {
            to.register(dev);
        }
    }

    private void adopt(NetDevice dev, int idx) {
        if (idx >= byIndex.length) {
            byIndex = Arrays.copyOf(byIndex, Math.max(idx + 1, byIndex.length * 2));
        }
        byIndex[idx] = dev;
        nextIfindex = Math.max(nextIfindex, idx + 1);
        int at = 0;
        while (at < devices.size() && devices.get(at).ifindex() < idx) {
            at++;
        }
        devices.add(at, dev);
        byName.put(dev.name(), dev);
        sysctl.deviceAdded(dev);
        deviceJoined(dev);
    }

    /**
     * Tells {@code l} of each device that joins this namespace from now on, created here or moved
     * in ({@code RTM_NEWLINK}): how a capture on {@code any} follows new interfaces.
     */
    public void addDeviceListener(Consumer<NetDevice> l) {
        if (deviceListeners == null) {
            deviceListeners = new ArrayList<>(1);
        }
        deviceListeners.add(l);
    }

    public void removeDeviceListener(Consumer<NetDevice> l) {
        if (deviceListeners != null) {
            deviceListeners.remove(l);
        }
    }

    private void deviceJoined(NetDevice dev) {
        if (deviceListeners != null) {
            for (Consumer<NetDevice> l : List.copyOf(deviceListeners)) {
                l.accept(dev);
            }
        }
    }

    /** {@code ip link del}: removes the device (a veth takes its peer with it). */
    public void deleteDevice(NetDevice dev) {
        detach(dev);
        dev.deleted();
    }

    private void detach(NetDevice dev) {
        dev.leaveMaster();
        for (IfAddress a : new ArrayList<>(dev.addresses())) {
            delAddress(dev, a.cidr());
        }
        routes.removeDevice(dev);
        dev.neighbours = null;
        devices.remove(dev);
        byName.remove(dev.name());
        byIndex[dev.ifindex()] = null;
    }

    // ---- addresses ------------------------------------------------------------------------

    /** {@code ip addr add CIDR dev DEV}: adds the address and, if the device is up, its connected route. */
    public IfAddress addAddress(NetDevice dev, Cidr cidr) {
        return addAddress(dev, cidr, IfAddress.Scope.GLOBAL);
    }

    public IfAddress addAddress(NetDevice dev, Cidr cidr, IfAddress.Scope scope) {
        return addAddress(dev, cidr, scope, subnetBroadcast(cidr));
    }

    /**
     * {@code ip addr add CIDR [brd ADDR] dev DEV}: {@code broadcast} is what the address shows as
     * its {@code brd} ({@link Ipv4Address#ANY} for none, as iproute2 sends without {@code brd}).
     * The subnet broadcast is received as broadcast either way, as the kernel's local table has it.
     */
    public IfAddress addAddress(NetDevice dev, Cidr cidr, IfAddress.Scope scope, Ipv4Address broadcast) {
        for (IfAddress a : dev.addresses()) {
            if (a.address().equals(cidr.address())) {
                throw new NetlinkException("Error: ipv4: Address already assigned.");
            }
        }
        boolean secondary = false;
        for (IfAddress a : dev.addresses()) {
            if (a.subnet().equals(cidr.network())) {
                secondary = true;
                break;
            }
        }
        Ipv4Address brd = subnetBroadcast(cidr);
        IfAddress a = new IfAddress(dev, cidr, broadcast, scope, secondary);
        dev.attachAddress(a);
        localAddrs.put(cidr.address().bits() & 0xFFFF_FFFFL, a);
        if (!brd.isAny()) {
            if (broadcastAddrs == null) {
                broadcastAddrs = new LongMap<>(4);
            }
            broadcastAddrs.put(brd.bits() & 0xFFFF_FFFFL, a);
        }
        if (dev.isUp() && !secondary) {
            addConnectedRoute(a);
        }
        return a;
    }

    /** {@code ip addr del CIDR dev DEV}. */
    public void delAddress(NetDevice dev, Cidr cidr) {
        IfAddress found = null;
        for (IfAddress a : dev.addresses()) {
            if (a.cidr().equals(cidr) || (a.address().equals(cidr.address()) && cidr.prefixLength() == 32)) {
                found = a;
            }
        }
        if (found == null) {
            throw new NetlinkException("RTNETLINK answers: Cannot assign requested address");
        }
        IfAddress f = found;
        dev.detachAddress(f.cidr());
        // the address stays local while another device holds it too (a routed CNI's shared gateway /32)
        long key = f.bits() & 0xFFFF_FFFFL;
        localAddrs.remove(key);
        IfAddress other = otherHolder(a -> a.address().equals(f.address()));
        if (other != null) {
            localAddrs.put(key, other);
        }
        Ipv4Address brd = subnetBroadcast(f.cidr());
        if (broadcastAddrs != null && !brd.isAny()) {
            broadcastAddrs.remove(brd.bits() & 0xFFFF_FFFFL);
            IfAddress otherBrd = otherHolder(a -> subnetBroadcast(a.cidr()).equals(brd));
            if (otherBrd != null) {
                broadcastAddrs.put(brd.bits() & 0xFFFF_FFFFL, otherBrd);
            }
        }
        routes.removeIf(r -> r.dev() == dev && Route.PROTO_KERNEL.equals(r.proto()) && r.prefsrc().equals(f.address()));
        // routes whose gateway is no longer reachable through dev go too, as fib_sync_down_addr does
        if (!f.secondary()) {
            routes.removeIf(r -> r.dev() == dev && r.hasGateway() && !r.onlink() && f.subnet().contains(r.gateway())
                && dev.addresses().stream().noneMatch(a -> a.subnet().contains(r.gateway())));
        }
    }

    /** An address still on some device that matches, or null. */
    private IfAddress otherHolder(java.util.function.Predicate<IfAddress> match) {
        for (NetDevice d : devices) {
            for (IfAddress a : d.addresses()) {
                if (match.test(a)) {
                    return a;
                }
            }
        }
        return null;
    }

    private static Ipv4Address subnetBroadcast(Cidr cidr) {
        return cidr.prefixLength() >= 31 ? Ipv4Address.ANY : cidr.broadcast();
    }

    private void addConnectedRoute(IfAddress a) {
        if (a.scope() == IfAddress.Scope.HOST) {
            return; // 127.0.0.0/8 is in the local table, not main
        }
        Route r = Route.connected(a.cidr(), a.device(), a.address());
        if (a.cidr().prefixLength() < 32) {
            routes.replace(r);
        }
    }

    /** True if {@code addr} is assigned here (or is in 127/8 while lo has 127.0.0.1/8). */
    public boolean isLocalAddress(int addr) {
        if (localAddrs.get(addr & 0xFFFF_FFFFL) != null) {
            return true;
        }
        return (addr >>> 24) == 127 && lo.isUp();
    }

    /** True if {@code addr} is the broadcast address of a subnet here. */
    public boolean isBroadcastAddress(int addr) {
        return broadcastAddrs != null && broadcastAddrs.get(addr & 0xFFFF_FFFFL) != null;
    }

    /** The interface address record for a local address, or null. */
    public IfAddress localAddress(int addr) {
        return localAddrs.get(addr & 0xFFFF_FFFFL);
    }

    void deviceStateChanged(NetDevice dev) {
        if (dev.isUp()) {
            for (IfAddress a : dev.addresses()) {
                if (!a.secondary()) {
                    addConnectedRoute(a);
                }
            }
        } else {
            routes.removeDevice(dev);
            neighbours.flush(dev);
        }
    }

    // ---- receive and drops ----------------------------------------------------------------

    /** The L2 demux after a device took a frame ({@code __netif_receive_skb_core}). */
    void l2Receive(NetDevice dev, SkBuff skb) {
        byte[] b = skb.buf();
        int type = EthernetHeader.etherType(b, skb.data());
        switch (type) {
            case EthernetHeader.TYPE_ARP -> {
                skb.pull(EthernetHeader.LENGTH);
                neighbours.receiveArp(dev, skb);
            }
            case EthernetHeader.TYPE_IPV4 -> {
                if (skb.pktType == SkBuff.PktType.OTHERHOST) {
                    dev.dropRx(skb, DropReason.OTHERHOST);
                    return;
                }
                skb.pull(EthernetHeader.LENGTH);
                ip.receive(dev, skb);
            }
            default -> dev.dropRx(skb, DropReason.UNHANDLED_ETHERTYPE);
        }
    }

    /** Drops a packet in the stack: counted on {@code dev} if given, else here only. */
    public void drop(SkBuff skb, NetDevice dev, DropReason reason) {
        if (dev != null && dev.namespace() == this) {
            dev.dropRx(skb, reason);
        } else {
            noteDrop(null, skb, reason);
        }
    }

    void noteDrop(NetDevice dev, SkBuff skb, DropReason reason) {
        drops.add(reason);
        world.fireDrop(this, dev, skb, reason);
    }

    @Override
    public String toString() {
        return name;
    }
}
