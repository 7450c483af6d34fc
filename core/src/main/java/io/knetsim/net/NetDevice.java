package io.knetsim.net;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.MacAddress;
import io.knetsim.packet.EthernetHeader;
import io.knetsim.packet.SkBuff;
import io.knetsim.util.LongMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A network interface ({@code struct net_device}): a name and index in one namespace, a MAC,
 * an MTU, an administrative state, counters, IPv4 addresses and optionally a master (a bridge).
 *
 * <pre>
 *   stack / bridge --xmit()--> [ counters, taps ] --transmit()--> the wire, peer, or tunnel
 *   the wire / peer --receive()--> [ state, counters, taps ] --> rx handler (bridge port)
 *                                                           \--> namespace L2 demux (ARP, IPv4)
 * </pre>
 *
 * Subclasses implement {@link #transmit(SkBuff)} only; {@code skb.data()} is at the Ethernet
 * header on both paths.
 */
public abstract class NetDevice {
    private static final PacketTap[] NO_TAPS = new PacketTap[0];

    /** Frames to a bridge port go to its bridge instead of the namespace ({@code rx_handler}). */
    public interface RxHandler {
        void handleFrame(NetDevice port, SkBuff skb);
    }

    protected NetNamespace ns;
    private String name;
    private int ifindex;
    private long mac;
    private int mtu;
    private boolean adminUp;
    private final DeviceStats stats = new DeviceStats();
    private List<IfAddress> addresses;
    private NetDevice master;
    private RxHandler rxHandler;
    private PacketTap[] taps = NO_TAPS;
    /** Neighbour entries on this link, by IPv4 address ({@code struct neighbour} per device). */
    LongMap<Neighbour> neighbours;

    protected NetDevice(NetNamespace ns, String name, long mac, int mtu) {
        this.ns = ns;
        this.name = name;
        this.mac = mac;
        this.mtu = mtu;
        ns.register(this);
    }

    /** {@code ip -d link} kind: loopback, veth, bridge, vxlan, ether. */
    public abstract String kind();

    /** Sends a frame out of this device; called only after the common checks. */
    protected abstract void transmit(SkBuff skb);

    /** Lower-layer state: a veth whose peer is down, a NIC with no cable, has none. */
    public boolean hasCarrier() {
        return true;
    }

    /** Whether frames received are dropped when longer than MTU + Ethernet header. */
    protected boolean checksRxMtu() {
        return true;
    }

    /** Whether taps see received frames (loopback shows each packet once, on output). */
    protected boolean tapsOnReceive() {
        return true;
    }

    /** Whether IPv4 needs ARP on this device (loopback does not). */
    public boolean needsArp() {
        return true;
    }

    // ---- transmit and receive -------------------------------------------------------------

    /** {@code dev_queue_xmit}: count, show to taps, hand to the driver. */
    public final void xmit(SkBuff skb) {
        if (!adminUp) {
            dropTx(skb, DropReason.DEV_DOWN);
            return;
        }
        if (!hasCarrier()) {
            dropTx(skb, DropReason.NO_CARRIER);
            return;
        }
        stats.txPackets++;
        stats.txBytes += skb.len();
        skb.oif = ifindex;
        if (taps.length != 0) {
            for (PacketTap t : taps) {
                t.tap(this, skb, PacketTap.Direction.OUT);
            }
        }
        transmit(skb);
    }

    /** {@code netif_receive_skb}: a frame arrives from the wire, a peer or a tunnel. */
    public final void receive(SkBuff skb) {
        if (!adminUp) {
            dropRx(skb, DropReason.DEV_DOWN);
            return;
        }
        if (++skb.hops > SkBuff.MAX_HOPS) {
            dropRx(skb, DropReason.LOOP);
            return;
        }
        int len = skb.len();
        if (len < EthernetHeader.LENGTH) {
            stats.rxErrors++;
            dropRx(skb, DropReason.PKT_TOO_SMALL);
            return;
        }
        if (checksRxMtu() && len - EthernetHeader.LENGTH > mtu) {
            stats.rxErrors++;
            dropRx(skb, DropReason.MTU_EXCEEDED);
            return;
        }
        stats.rxPackets++;
        stats.rxBytes += len;
        skb.iif = ifindex;
        skb.macHeader = skb.data();
        long dst = EthernetHeader.dst(skb.buf(), skb.data());
        if (dst == mac) {
            skb.pktType = SkBuff.PktType.HOST;
        } else if (dst == MacAddress.BROADCAST.bits()) {
            skb.pktType = SkBuff.PktType.BROADCAST;
        } else if (MacAddress.isMulticast(dst)) {
            skb.pktType = SkBuff.PktType.MULTICAST;
        } else {
            skb.pktType = SkBuff.PktType.OTHERHOST;
        }
        if (taps.length != 0 && tapsOnReceive()) {
            for (PacketTap t : taps) {
                t.tap(this, skb, PacketTap.Direction.IN);
            }
        }
        if (rxHandler != null) {
            rxHandler.handleFrame(this, skb);
            return;
        }
        ns.l2Receive(this, skb);
    }

    /** Drops a packet on the receive side, counting it here, in the namespace and world. */
    public void dropRx(SkBuff skb, DropReason reason) {
        stats.rxDropped++;
        stats.drops.add(reason);
        ns.noteDrop(this, skb, reason);
    }

    /** Drops a packet on the transmit side. */
    public void dropTx(SkBuff skb, DropReason reason) {
        stats.txDropped++;
        stats.drops.add(reason);
        ns.noteDrop(this, skb, reason);
    }

    // ---- state ----------------------------------------------------------------------------

    public NetNamespace namespace() {
        return ns;
    }

    public String name() {
        return name;
    }

    public int ifindex() {
        return ifindex;
    }

    void setIfindex(int ifindex) {
        this.ifindex = ifindex;
    }

    void setNamespace(NetNamespace ns) {
        this.ns = ns;
    }

    public void rename(String newName) {
        ns.renameDevice(this, newName);
        this.name = newName;
    }

    void renameInternal(String newName) {
        this.name = newName;
    }

    /** Sets the admin state without route updates (the device is between namespaces). */
    void setUpSilently(boolean up) {
        adminUp = up;
    }

    /** Called after the device left its namespace for good ({@code ip link del}). */
    protected void deleted() {
        adminUp = false;
        carrierChanged();
    }

    /**
     * Hands a frame to this device's own stack, as a bridge does for frames addressed to it
     * ({@code br_pass_frame_up}): counted and shown to taps as received here.
     */
    protected final void passUp(SkBuff skb) {
        stats.rxPackets++;
        stats.rxBytes += skb.len();
        skb.iif = ifindex;
        if (taps.length != 0) {
            for (PacketTap t : taps) {
                t.tap(this, skb, PacketTap.Direction.IN);
            }
        }
        ns.l2Receive(this, skb);
    }

    public long mac() {
        return mac;
    }

    public MacAddress macAddress() {
        return new MacAddress(mac);
    }

    public void setMac(long mac) {
        this.mac = mac;
    }

    public int mtu() {
        return mtu;
    }

    public void setMtu(int mtu) {
        if (mtu < 68 || mtu > 65536) {
            throw new IllegalArgumentException("invalid MTU " + mtu + " for " + name + ": expected 68 to 65536");
        }
        this.mtu = mtu;
        if (master instanceof Master m) {
            m.portChanged(this);
        }
    }

    public boolean isUp() {
        return adminUp;
    }

    /** {@code ip link set dev NAME up|down}; routes follow as the kernel's do. */
    public void setUp(boolean up) {
        if (up == adminUp) {
            return;
        }
        adminUp = up;
        ns.deviceStateChanged(this);
        carrierChanged();
    }

    /** Called when this device's carrier may have changed (for masters and peers to follow). */
    protected void carrierChanged() {
        if (master instanceof Master m) {
            m.portChanged(this);
        }
    }

    /**
     * A device that has others enslaved to it (a bridge), told of its ports' changes as the
     * kernel's netdevice notifier tells an upper device.
     */
    public interface Master {
        /** A port's carrier or MTU changed. */
        void portChanged(NetDevice port);

        /** A port is going away or moving to another namespace: let go of it. */
        void releasePort(NetDevice port);
    }

    /** Leaves the master, if any ({@code netdev_upper_dev_unlink}). */
    public void leaveMaster() {
        if (master instanceof Master m) {
            m.releasePort(this);
        }
    }

    /** Operational state as {@code ip link} prints it: UP, DOWN or UNKNOWN. */
    public String operState() {
        if (!adminUp || !hasCarrier()) {
            return "DOWN";
        }
        return "UP";
    }

    public DeviceStats stats() {
        return stats;
    }

    public List<IfAddress> addresses() {
        return addresses == null ? List.of() : addresses;
    }

    /** The first primary address, or null. */
    public IfAddress primaryAddress() {
        if (addresses != null) {
            for (IfAddress a : addresses) {
                if (!a.secondary()) {
                    return a;
                }
            }
        }
        return null;
    }

    void attachAddress(IfAddress a) {
        if (addresses == null) {
            addresses = new ArrayList<>(1);
        }
        addresses.add(a);
    }

    boolean detachAddress(Cidr cidr) {
        return addresses != null && addresses.removeIf(a -> a.cidr().equals(cidr));
    }

    public NetDevice master() {
        return master;
    }

    /** The handler frames go to instead of the namespace (a bridge port), or null. */
    public RxHandler rxHandler() {
        return rxHandler;
    }

    public void setMaster(NetDevice master, RxHandler handler) {
        this.master = master;
        this.rxHandler = handler;
    }

    public void addTap(PacketTap tap) {
        taps = Arrays.copyOf(taps, taps.length + 1);
        taps[taps.length - 1] = tap;
    }

    public void removeTap(PacketTap tap) {
        taps = Arrays.stream(taps).filter(t -> t != tap).toArray(PacketTap[]::new);
    }

    /** Link-layer type as {@code ip link} prints it after {@code link/}. */
    public String linkType() {
        return "ether";
    }

    /** {@code ip link} flags, e.g. {@code BROADCAST,MULTICAST,UP,LOWER_UP}. */
    public String flags() {
        StringBuilder sb = new StringBuilder("BROADCAST,MULTICAST");
        if (adminUp && !hasCarrier()) {
            sb.insert(0, "NO-CARRIER,");
        }
        if (adminUp) {
            sb.append(",UP");
            if (hasCarrier()) {
                sb.append(",LOWER_UP");
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return ns.name() + "/" + name;
    }
}
