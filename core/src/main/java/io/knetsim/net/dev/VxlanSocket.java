package io.knetsim.net.dev;

import io.knetsim.net.DropReason;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.ipv4.UdpListener;
import io.knetsim.packet.Checksum;
import io.knetsim.packet.EthernetHeader;
import io.knetsim.packet.FrameSum;
import io.knetsim.packet.SkBuff;
import io.knetsim.packet.VxlanHeader;
import io.knetsim.util.LongMap;

/**
 * The UDP socket VXLAN devices of one namespace share per destination port
 * ({@code struct vxlan_sock}): it checks the header, finds the device by VNI and hands it the
 * inner frame.
 */
final class VxlanSocket implements UdpListener {
    private final NetNamespace ns;
    private final int port;
    private final LongMap<VxlanDevice> byVni = new LongMap<>(2);

    private VxlanSocket(NetNamespace ns, int port) {
        this.ns = ns;
        this.port = port;
    }

    /** The socket for {@code port}, bound on first use. */
    static VxlanSocket open(NetNamespace ns, int port) {
        if (ns.udp().listener(port) instanceof VxlanSocket s) {
            return s;
        }
        VxlanSocket s = new VxlanSocket(ns, port);
        ns.udp().bind(port, s);
        return s;
    }

    void add(VxlanDevice dev) {
        if (byVni.containsKey(dev.vni())) {
            throw new io.knetsim.net.NetlinkException("Error: A VXLAN device with the specified VNI already exists.");
        }
        byVni.put(dev.vni(), dev);
    }

    void remove(VxlanDevice dev) {
        byVni.remove(dev.vni());
        if (byVni.isEmpty()) {
            ns.udp().unbind(port);
        }
    }

    /**
     * The VXLAN header plus the inner frame's sum from its headers ({@link FrameSum}); the
     * inner checksums are verified again where the inner packet is delivered.
     */
    @Override
    public long payloadSum(byte[] b, int off, int len) {
        if (len < VxlanHeader.LENGTH) {
            return -1;
        }
        return Checksum.sum(b, off, VxlanHeader.LENGTH)
            + FrameSum.of(b, off + VxlanHeader.LENGTH, len - VxlanHeader.LENGTH);
    }

    @Override
    public void receive(SkBuff skb, int src, int srcPort, int dst, int dstPort) {
        byte[] b = skb.buf();
        int off = skb.data();
        if (skb.len() < VxlanHeader.LENGTH + EthernetHeader.LENGTH || !VxlanHeader.isValid(b, off)) {
            ns.drop(skb, ns.device(skb.iif), DropReason.VXLAN_INVALID_HDR);
            return;
        }
        VxlanDevice dev = byVni.get(VxlanHeader.vni(b, off));
        if (dev == null) {
            ns.drop(skb, ns.device(skb.iif), DropReason.VXLAN_VNI_NOT_FOUND);
            return;
        }
        skb.pull(VxlanHeader.LENGTH);
        dev.decapsulated(skb, src);
    }
}
