package io.knetsim.net.dev;

import io.knetsim.net.DropReason;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.packet.EthernetHeader;
import io.knetsim.packet.SkBuff;

/**
 * One end of a virtual Ethernet pair ({@code drivers/net/veth.c}): what one end transmits,
 * the other receives at once. The usual way a pod's namespace is joined to its node.
 *
 * <pre>
 *   pod netns            node netns
 *   [ eth0 ] ==========[ veth3f2a1c ]--master--> cni0 bridge
 * </pre>
 *
 * Carrier is on only while both ends are up; a frame longer than the peer's MTU is dropped,
 * and crossing namespaces scrubs the mark and conntrack state, as {@code skb_scrub_packet} does.
 */
public final class Veth extends NetDevice {
    private Veth peer;

    private Veth(NetNamespace ns, String name, long mac, int mtu) {
        super(ns, name, mac, mtu);
    }

    /** {@code ip link add NAME type veth peer name PEER [netns OTHER]}: returns both ends. */
    public static Veth[] createPair(NetNamespace ns, String name, NetNamespace peerNs, String peerName, int mtu) {
        if (ns == peerNs && name.equals(peerName)) {
            throw new io.knetsim.net.NetlinkException("RTNETLINK answers: File exists");
        }
        if (peerNs.device(peerName) != null) {
            throw new io.knetsim.net.NetlinkException("RTNETLINK answers: File exists");
        }
        Veth a = new Veth(ns, name, ns.world().macFor(ns.name(), name), mtu);
        Veth b;
        try {
            b = new Veth(peerNs, peerName, peerNs.world().macFor(peerNs.name(), peerName), mtu);
        } catch (RuntimeException e) {
            ns.deleteDevice(a);
            throw e;
        }
        a.peer = b;
        b.peer = a;
        return new Veth[] {a, b};
    }

    public Veth peer() {
        return peer;
    }

    @Override
    public String kind() {
        return "veth";
    }

    @Override
    public boolean hasCarrier() {
        return peer != null && peer.isUp();
    }

    @Override
    public String operState() {
        if (!isUp()) {
            return "DOWN";
        }
        return hasCarrier() ? "UP" : "LOWERLAYERDOWN";
    }

    @Override
    protected void carrierChanged() {
        super.carrierChanged();
        if (peer != null) {
            peer.peerChanged();
        }
    }

    private void peerChanged() {
        super.carrierChanged();
    }

    @Override
    protected void deleted() {
        Veth p = peer;
        peer = null;
        super.deleted();
        if (p != null) {
            p.peer = null;
            if (p.namespace().device(p.ifindex()) == p) {
                p.namespace().deleteDevice(p);
            }
        }
    }

    @Override
    protected void transmit(SkBuff skb) {
        Veth p = peer;
        if (skb.len() - EthernetHeader.LENGTH > p.mtu()) {
            dropTx(skb, DropReason.MTU_EXCEEDED);
            return;
        }
        if (p.namespace() != namespace()) {
            skb.mark = 0;
        }
        skb.nfct = null;
        skb.nftrace = false; // skb_scrub_packet: nf_reset_trace
        skb.traceId = 0;
        skb.bridgedNf = false;
        p.receive(skb);
    }
}
