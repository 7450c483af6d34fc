package io.knetsim.net.dev;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.addr.MacAddress;
import io.knetsim.net.DropReason;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.ipv4.UdpChecksum;
import io.knetsim.packet.Checksum;
import io.knetsim.packet.EthernetHeader;
import io.knetsim.packet.FrameSum;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;
import io.knetsim.packet.VxlanHeader;
import io.knetsim.sim.SimRandom;
import java.util.Arrays;

/**
 * A VXLAN tunnel endpoint ({@code drivers/net/vxlan}, RFC 7348): Ethernet frames sent on it
 * travel inside UDP to the remote VTEP its FDB names for the destination MAC.
 *
 * <pre>
 *  inner frame   [eth|ip|icmp...]
 *  on the wire   [eth|ip 10.0.0.3 > 10.0.0.4|udp sport > 8472|vxlan vni 100|eth|ip|icmp...]
 *                 ^ pushed into the skb's headroom, no copy
 * </pre>
 *
 * The FDB maps MAC to remote address; the all-zeros MAC is the default entry (possibly
 * several remotes, each sent a copy). The UDP source port is a hash of the inner flow, in
 * the local port range, as {@code udp_flow_src_port} does, so one flow keeps one port. The
 * outer UDP checksum is filled ({@code udpcsum}, what current kernels report for a device
 * created without the option, flannel's included); {@code noudpcsum} sends zero. With
 * learning on, received frames teach the FDB where their source MAC lives.
 */
public final class VxlanDevice extends NetDevice {
    /** Outer headers: Ethernet 14 + IPv4 20 + UDP 8 + VXLAN 8. */
    public static final int OVERHEAD = 50;

    private final int vni;
    private final Ipv4Address local;
    private final NetDevice underlay;
    private final int dstPort;
    private boolean learning;
    private boolean udpChecksum = true;
    private final Fdb fdb;
    private final VxlanSocket socket;
    private final int hashSeed;

    /**
     * {@code ip link add NAME type vxlan id VNI [local ADDR] [dev UNDERLAY] dstport PORT [nolearning]}.
     *
     * @param local    source address for the outer header, or null to let routing choose
     * @param underlay device whose MTU sets the default (MTU - 50), or null
     */
    public VxlanDevice(NetNamespace ns, String name, int vni, Ipv4Address local, NetDevice underlay, int dstPort,
                       boolean learning) {
        super(ns, name, ns.world().macFor(ns.name(), name), underlay != null ? underlay.mtu() - OVERHEAD : 1500);
        if (vni < 0 || vni > 0xFFFFFF) {
            ns.deleteDevice(this);
            throw new IllegalArgumentException("invalid VNI " + vni + ": expected 0 to 16777215");
        }
        this.vni = vni;
        this.local = local;
        this.underlay = underlay;
        this.dstPort = dstPort;
        this.learning = learning;
        this.fdb = new Fdb(ns.sim());
        SimRandom r = ns.sim().random("vxlan-hash/" + ns.name() + "/" + name);
        this.hashSeed = r.nextInt();
        VxlanSocket s;
        try {
            s = VxlanSocket.open(ns, dstPort);
            s.add(this);
        } catch (RuntimeException e) {
            ns.deleteDevice(this);
            throw e;
        }
        this.socket = s;
    }

    @Override
    public String kind() {
        return "vxlan";
    }

    public int vni() {
        return vni;
    }

    public Ipv4Address local() {
        return local;
    }

    public NetDevice underlay() {
        return underlay;
    }

    public int dstPort() {
        return dstPort;
    }

    public boolean learning() {
        return learning;
    }

    public void setLearning(boolean on) {
        learning = on;
    }

    /** {@code udpcsum}: whether the outer UDP checksum is computed (else sent as zero). */
    public boolean udpChecksum() {
        return udpChecksum;
    }

    public void setUdpChecksum(boolean on) {
        udpChecksum = on;
    }

    public Fdb fdb() {
        return fdb;
    }

    @Override
    public String operState() {
        return isUp() ? "UNKNOWN" : "DOWN";
    }

    /**
     * {@code bridge fdb add|append MAC dev NAME dst REMOTE}: with {@code append} another remote
     * is added to the entry (head-end replication), else the entry is replaced.
     */
    public void addFdb(MacAddress mac, Ipv4Address remote, boolean append) {
        FdbEntry e = fdb.lookup(mac.bits());
        if (append && e != null) {
            if (Arrays.stream(e.remotes).noneMatch(r -> r == remote.bits())) {
                e.remotes = Arrays.copyOf(e.remotes, e.remotes.length + 1);
                e.remotes[e.remotes.length - 1] = remote.bits();
            }
            return;
        }
        fdb.put(new FdbEntry(mac.bits(), this, new int[] {remote.bits()}, false, true, namespace().sim().now()));
    }

    /** {@code bridge fdb del MAC dev NAME}: true if there was an entry. */
    public boolean delFdb(MacAddress mac) {
        return fdb.remove(mac.bits());
    }

    @Override
    protected void deleted() {
        if (socket != null) { // null when the constructor failed (VNI taken) and removed the half-made device
            socket.remove(this);
        }
        super.deleted();
    }

    @Override
    protected void transmit(SkBuff skb) {
        byte[] b = skb.buf();
        long dst = EthernetHeader.dst(b, skb.data());
        FdbEntry e = MacAddress.isMulticast(dst) ? null : fdb.lookup(dst);
        if (e == null) {
            e = fdb.lookup(0L);
        }
        if (e == null || e.remotes == null || e.remotes.length == 0) {
            dropTx(skb, DropReason.VXLAN_NO_REMOTE);
            return;
        }
        int[] remotes = e.remotes;
        for (int i = 0; i < remotes.length; i++) {
            encapsulate(i == remotes.length - 1 ? skb : skb.copy(), remotes[i]);
        }
    }

    private void encapsulate(SkBuff skb, int remote) {
        int srcPort = flowSourcePort(skb);
        // local checksum offload: the inner frame's sum comes from its headers, not its payload
        long innerSum = udpChecksum ? FrameSum.of(skb.buf(), skb.data(), skb.len()) : 0;
        int off = skb.push(VxlanHeader.LENGTH);
        VxlanHeader.write(skb.buf(), off, vni);
        skb.nfct = null;
        skb.bridgedNf = false;
        UdpChecksum csum = udpChecksum
            ? UdpChecksum.withPayloadSum(innerSum + Checksum.sum(skb.buf(), off, VxlanHeader.LENGTH)) : UdpChecksum.NONE;
        var err = namespace().udp().send(skb, local == null ? 0 : local.bits(), srcPort, remote, dstPort,
            namespace().sysctl().defaultTtl, 0, false, csum);
        if (err != null) {
            dropTx(skb, DropReason.NO_ROUTE);
        }
    }

    /** A port in the local range chosen by a hash of the inner flow (addresses and ports). */
    private int flowSourcePort(SkBuff skb) {
        byte[] b = skb.buf();
        int off = skb.data();
        int h = hashSeed;
        if (EthernetHeader.etherType(b, off) == EthernetHeader.TYPE_IPV4 && skb.len() >= 14 + 20) {
            int ip = off + EthernetHeader.LENGTH;
            h = mix(h ^ Ipv4Header.src(b, ip));
            h = mix(h ^ Ipv4Header.dst(b, ip));
            int proto = Ipv4Header.protocol(b, ip);
            h = mix(h ^ proto);
            int l4 = ip + Ipv4Header.headerLength(b, ip);
            if ((proto == Ipv4Header.PROTO_TCP || proto == Ipv4Header.PROTO_UDP) && l4 + 4 <= skb.tail()
                && !Ipv4Header.isFragment(b, ip)) {
                h = mix(h ^ ((b[l4] & 0xff) << 24 | (b[l4 + 1] & 0xff) << 16 | (b[l4 + 2] & 0xff) << 8 | (b[l4 + 3] & 0xff)));
            }
        } else {
            h = mix(h ^ (int) EthernetHeader.src(b, off));
            h = mix(h ^ (int) EthernetHeader.dst(b, off));
        }
        int lo = namespace().sysctl().localPortLow;
        int hi = namespace().sysctl().localPortHigh;
        return lo + (int) (((h & 0xFFFF_FFFFL) * (hi - lo)) >>> 32);
    }

    private static int mix(int x) {
        x *= 0x9E3779B1;
        return x ^ (x >>> 15);
    }

    /** A frame arrived from the remote VTEP {@code outerSrc}; {@code skb.data()} at the inner Ethernet header. */
    void decapsulated(SkBuff skb, int outerSrc) {
        long src = EthernetHeader.src(skb.buf(), skb.data());
        if (src == mac()) {
            dropRx(skb, DropReason.LOOP);
            return;
        }
        if (learning && !MacAddress.isMulticast(src)) {
            FdbEntry e = fdb.lookup(src);
            long now = namespace().sim().now();
            if (e == null) {
                fdb.put(new FdbEntry(src, this, new int[] {outerSrc}, false, false, now));
            } else if (!e.isStatic) {
                e.remotes = new int[] {outerSrc};
                e.updated = now;
            }
        }
        skb.nfct = null;
        skb.networkHeader = -1;
        skb.transportHeader = -1;
        receive(skb);
    }
}
