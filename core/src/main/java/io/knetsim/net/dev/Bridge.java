package io.knetsim.net.dev;

import io.knetsim.addr.MacAddress;
import io.knetsim.net.DropReason;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.NetlinkException;
import io.knetsim.netfilter.NfHook;
import io.knetsim.netfilter.Verdict;
import io.knetsim.packet.EthernetHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A learning Ethernet bridge ({@code net/bridge}), which is also an L3 interface of its
 * namespace (the {@code cni0} that holds a node's pod gateway address).
 *
 * <pre>
 *            namespace stack (cni0 has 10.244.1.1/24)
 *                 ^ pass up            | xmit
 *   +-------------+--------------------v-----+
 *   |  bridge cni0: learn src MAC, look up   |
 *   |  dst in FDB, forward / flood / local   |
 *   +----+-------------+-------------+-------+
 *      vethA         vethB         vethC        ports (rx handler = this bridge)
 * </pre>
 *
 * With {@code net.bridge.bridge-nf-call-iptables = 1} bridged IPv4 frames pass the IPv4
 * PREROUTING, FORWARD and POSTROUTING hooks (br_netfilter); if PREROUTING rewrites the
 * destination address, the frame is handed to the IP stack to be routed instead.
 */
public final class Bridge extends NetDevice implements NetDevice.Master {
    private final List<BridgePort> ports = new ArrayList<>(4);
    private final Fdb fdb;

    public Bridge(NetNamespace ns, String name) {
        super(ns, name, ns.world().macFor(ns.name(), name), 1500);
        this.fdb = new Fdb(ns.sim());
        fdb.put(new FdbEntry(mac(), null, null, true, true, 0));
    }

    @Override
    public String kind() {
        return "bridge";
    }

    public Fdb fdb() {
        return fdb;
    }

    public List<BridgePort> ports() {
        return Collections.unmodifiableList(ports);
    }

    /** The port for {@code dev}, or null if it is not enslaved here. */
    public BridgePort port(NetDevice dev) {
        return dev != null && dev.master() == this ? (BridgePort) dev.rxHandler() : null;
    }

    /** {@code ip link set dev PORT master BRIDGE}. */
    public BridgePort addPort(NetDevice dev) {
        if (dev == this || dev instanceof Loopback) {
            throw new NetlinkException("Error: Can not enslave a bridge to itself.");
        }
        if (dev.namespace() != namespace()) {
            throw new NetlinkException("RTNETLINK answers: Invalid argument");
        }
        if (dev.master() != null) {
            throw new NetlinkException("Error: Device is already a member of a bridge.");
        }
        BridgePort p = new BridgePort(this, dev);
        ports.add(p);
        dev.setMaster(this, p);
        fdb.put(new FdbEntry(dev.mac(), dev, null, true, true, 0));
        portChanged(dev);
        return p;
    }

    /** {@code ip link set dev PORT nomaster}. */
    public void removePort(NetDevice dev) {
        BridgePort p = port(dev);
        if (p == null) {
            return;
        }
        ports.remove(p);
        dev.setMaster(null, null);
        fdb.removePort(dev);
        portChanged(dev);
    }

    private int minPortMtu() {
        int m = Integer.MAX_VALUE;
        for (BridgePort p : ports) {
            m = Math.min(m, p.dev.mtu());
        }
        return m == Integer.MAX_VALUE ? 1500 : m;
    }

    /** Carrier is on while at least one port is up with carrier. */
    @Override
    public boolean hasCarrier() {
        for (BridgePort p : ports) {
            if (p.dev.isUp() && p.dev.hasCarrier()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Carrier is computed on demand; the MTU follows the smallest port's, as br_mtu_auto_adjust
     * does. A port at or above the bridge's MTU that did not raise the minimum costs nothing,
     * so adding the n-th pod is not O(n).
     */
    @Override
    public void portChanged(NetDevice port) {
        if (ports.isEmpty()) {
            return;
        }
        if (port.master() == this && port.mtu() < mtu()) {
            setMtu(port.mtu());
        } else if (port.master() != this || port.mtu() > mtu()) {
            int min = minPortMtu(); // a port left or grew: the minimum may have risen
            if (min != mtu()) {
                setMtu(min);
            }
        }
    }

    @Override
    public void releasePort(NetDevice port) {
        removePort(port);
    }

    @Override
    protected void deleted() {
        for (BridgePort p : new ArrayList<>(ports)) {
            removePort(p.dev);
        }
        super.deleted();
    }

    /**
     * {@code bridge fdb add MAC dev PORT master [static]}: a static entry never ages; a
     * {@code local} (permanent) one makes frames to {@code mac} terminate here.
     */
    public FdbEntry addFdb(MacAddress mac, NetDevice port, boolean local) {
        if (port != null && port(port) == null) {
            throw new NetlinkException("RTNETLINK answers: Invalid argument");
        }
        return fdb.put(new FdbEntry(mac.bits(), port, null, local, true, namespace().sim().now()));
    }

    // ---- frames from ports ----------------------------------------------------------------

    /** A frame arrived on port {@code from} ({@code br_handle_frame}). */
    void handleFrame(BridgePort from, SkBuff skb) {
        NetDevice in = from.dev;
        if (!isUp()) {
            in.dropRx(skb, DropReason.DEV_DOWN);
            return;
        }
        byte[] b = skb.buf();
        int off = skb.data();
        long src = EthernetHeader.src(b, off);
        if (from.learning && !MacAddress.isMulticast(src) && src != 0) {
            learn(src, in);
        }
        long dst = EthernetHeader.dst(b, off);
        boolean ipv4 = EthernetHeader.etherType(b, off) == EthernetHeader.TYPE_IPV4;
        boolean nf = ipv4 && namespace().sysctl().bridgeNfCallIptables != 0;
        if (nf) {
            int ip = off + EthernetHeader.LENGTH;
            int daddrBefore = Ipv4Header.dst(b, ip);
            if (!bridgeHook(NfHook.PREROUTING, skb, in, null, EthernetHeader.LENGTH)) {
                return;
            }
            skb.bridgedNf = true;
            if (Ipv4Header.dst(b, ip) != daddrBefore && dst != mac()) {
                // DNAT changed the destination: the frame must be routed (br_nf_pre_routing_finish)
                EthernetHeader.setDst(b, off, mac());
                skb.pktType = SkBuff.PktType.HOST;
                passUp(skb);
                return;
            }
        }
        if (MacAddress.isMulticast(dst)) {
            flood(skb.copy(), from, nf);
            passUp(skb);
            return;
        }
        FdbEntry e = fdb.lookup(dst);
        if (e != null && e.local) {
            skb.pktType = SkBuff.PktType.HOST;
            passUp(skb);
            return;
        }
        if (e != null) {
            forward(port(e.port), skb, from, nf);
        } else {
            flood(skb, from, nf);
        }
    }

    private void learn(long src, NetDevice in) {
        FdbEntry e = fdb.lookup(src);
        long now = namespace().sim().now();
        if (e == null) {
            fdb.put(new FdbEntry(src, in, null, false, false, now));
        } else if (!e.local && !e.isStatic) {
            e.port = in;
            e.updated = now;
        }
    }

    private void forward(BridgePort to, SkBuff skb, BridgePort from, boolean nf) {
        if (to == null) {
            dropTx(skb, DropReason.NOT_SPECIFIED);
            return;
        }
        if (to == from && !to.hairpin) {
            from.dev.dropRx(skb, DropReason.BRIDGE_SAME_PORT);
            return;
        }
        if (nf && (!bridgeHook(NfHook.FORWARD, skb, from == null ? null : from.dev, to.dev, EthernetHeader.LENGTH)
            || !bridgeHook(NfHook.POSTROUTING, skb, from == null ? null : from.dev, to.dev, EthernetHeader.LENGTH))) {
            return;
        }
        to.dev.xmit(skb);
    }

    /** Sends to every other forwarding port; with none, the frame ends here as consumed. */
    private void flood(SkBuff skb, BridgePort from, boolean nf) {
        BridgePort last = null;
        for (BridgePort p : ports) {
            if ((p != from || p.hairpin) && p.flood && p.dev.isUp() && p.dev.hasCarrier()) {
                if (last != null) {
                    forward(last, skb.copy(), from, nf);
                }
                last = p;
            }
        }
        if (last != null) {
            forward(last, skb, from, nf);
        } else if (from != null && !MacAddress.isMulticast(EthernetHeader.dst(skb.buf(), skb.data()))) {
            from.dev.dropRx(skb, DropReason.BRIDGE_NO_PORT);
        }
    }

    private boolean bridgeHook(NfHook hook, SkBuff skb, NetDevice in, NetDevice out, int l2) {
        if (namespace().hooks().isEmpty(hook)) {
            return true;
        }
        int data = skb.data();
        skb.pull(l2);
        skb.networkHeader = skb.data();
        Verdict v = namespace().hooks().run(hook, skb, in, out);
        skb.resetData(data);
        if (v == Verdict.DROP) {
            (in != null ? in : this).dropRx(skb, DropReason.NF_DROP);
        }
        return v == Verdict.ACCEPT;
    }

    // ---- frames from the local stack ------------------------------------------------------

    @Override
    protected void transmit(SkBuff skb) {
        long dst = EthernetHeader.dst(skb.buf(), skb.data());
        if (!MacAddress.isMulticast(dst)) {
            FdbEntry e = fdb.lookup(dst);
            if (e != null && !e.local) {
                forward(port(e.port), skb, null, false);
                return;
            }
        }
        flood(skb, null, false);
    }
}
