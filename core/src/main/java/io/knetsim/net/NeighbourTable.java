package io.knetsim.net;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.addr.MacAddress;
import io.knetsim.packet.ArpHeader;
import io.knetsim.packet.EthernetHeader;
import io.knetsim.packet.IcmpHeader;
import io.knetsim.packet.SkBuff;
import io.knetsim.sim.SimRandom;
import io.knetsim.sim.SimTime;
import io.knetsim.util.LongMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * IPv4 neighbour discovery with ARP ({@code net/ipv4/arp.c}, {@code net/core/neighbour.c}).
 *
 * <pre>
 *   output(skb, dev, nexthop)
 *     no entry / FAILED --> INCOMPLETE: queue skb, broadcast "who-has", retry every 1 s
 *        3 requests unanswered --> FAILED: queued packets dropped (neigh_failed),
 *                                  ICMP host unreachable sent back to each sender
 *        reply --> REACHABLE: queued packets sent
 *     REACHABLE (30 s) --> STALE: used as is, goes DELAY; 5 s later unicast probes (PROBE)
 *     PERMANENT / NOARP: never change
 * </pre>
 */
public final class NeighbourTable {
    public static final long RETRANS_TIME = SimTime.seconds(1);
    public static final int MCAST_SOLICIT = 3;
    public static final int UCAST_SOLICIT = 3;
    public static final long BASE_REACHABLE_TIME = SimTime.seconds(30);
    public static final long DELAY_FIRST_PROBE_TIME = SimTime.seconds(5);
    /** {@code unres_qlen_bytes}: bytes of packets that may wait for one resolution. */
    public static final int UNRES_QLEN_BYTES = 212_992;
    /** Per-packet overhead counted against that limit (an approximation of skb truesize). */
    static final int SKB_OVERHEAD = 512;

    private final NetNamespace ns;
    private SimRandom random;

    NeighbourTable(NetNamespace ns) {
        this.ns = ns;
    }

    private static LongMap<Neighbour> table(NetDevice dev) {
        if (dev.neighbours == null) {
            dev.neighbours = new LongMap<>(4);
        }
        return dev.neighbours;
    }

    /** The entry for {@code ip} on {@code dev}, or null. */
    public Neighbour lookup(NetDevice dev, int ip) {
        return dev.neighbours == null ? null : dev.neighbours.get(ip & 0xFFFF_FFFFL);
    }

    /** All entries of the namespace, ordered by device index then address. */
    public List<Neighbour> entries() {
        List<Neighbour> out = new ArrayList<>();
        for (NetDevice d : ns.devices()) {
            if (d.neighbours != null) {
                List<Neighbour> l = new ArrayList<>();
                d.neighbours.forEach((k, n) -> l.add(n));
                l.sort((a, b) -> Integer.compareUnsigned(a.ip, b.ip));
                out.addAll(l);
            }
        }
        return out;
    }

    /** {@code ip neigh replace IP lladdr MAC dev DEV nud permanent|reachable|stale|noarp}. */
    public Neighbour set(NetDevice dev, Ipv4Address ip, MacAddress mac, Neighbour.State state) {
        Neighbour n = getOrCreate(dev, ip.bits());
        n.mac = mac.bits();
        if (n.timer != null) {
            n.timer.cancel();
            n.timer = null;
        }
        n.state = state;
        n.confirmed = ns.sim().now();
        n.probes = 0;
        flushQueue(n);
        return n;
    }

    /** {@code ip neigh del IP dev DEV}: true if there was an entry. */
    public boolean delete(NetDevice dev, Ipv4Address ip) {
        if (dev.neighbours == null) {
            return false;
        }
        Neighbour n = dev.neighbours.remove(ip.bits() & 0xFFFF_FFFFL);
        if (n == null) {
            return false;
        }
        if (n.timer != null) {
            n.timer.cancel();
        }
        failQueue(n, false);
        return true;
    }

    /** {@code ip neigh flush dev DEV}: removes the non-permanent entries. */
    public void flush(NetDevice dev) {
        for (Neighbour n : new ArrayList<>(entries())) {
            if (n.dev == dev && n.state != Neighbour.State.PERMANENT && n.state != Neighbour.State.NOARP) {
                delete(dev, new Ipv4Address(n.ip));
            }
        }
    }

    private Neighbour getOrCreate(NetDevice dev, int ip) {
        LongMap<Neighbour> t = table(dev);
        Neighbour n = t.get(ip & 0xFFFF_FFFFL);
        if (n == null) {
            n = new Neighbour(dev, ip);
            n.state = Neighbour.State.INCOMPLETE;
            n.reachableTime = drawReachableTime();
            t.put(ip & 0xFFFF_FFFFL, n);
        }
        return n;
    }

    private long drawReachableTime() {
        if (random == null) {
            random = ns.sim().random("neigh/" + ns.name());
        }
        // the kernel picks uniformly in [base/2, 3*base/2)
        return BASE_REACHABLE_TIME / 2 + (long) (random.nextDouble() * BASE_REACHABLE_TIME);
    }

    /**
     * {@code neigh_output}: sends an IPv4 packet ({@code skb.data()} at the IP header) to
     * {@code nextHop} on {@code dev}, resolving its MAC first if needed.
     */
    public void output(SkBuff skb, NetDevice dev, int nextHop) {
        if (!dev.needsArp()) {
            sendWithMac(skb, dev, 0);
            return;
        }
        Neighbour n = lookup(dev, nextHop);
        if (n != null) {
            switch (n.state()) {
                case REACHABLE, PERMANENT, NOARP, DELAY, PROBE -> {
                    sendWithMac(skb, dev, n.mac);
                    return;
                }
                case STALE -> {
                    n.state = Neighbour.State.DELAY;
                    armTimer(n, DELAY_FIRST_PROBE_TIME);
                    sendWithMac(skb, dev, n.mac);
                    return;
                }
                case INCOMPLETE -> {
                    enqueue(n, skb);
                    return;
                }
                case FAILED -> {
                    // a new packet restarts resolution, as neigh_event_send does
                }
            }
        }
        n = getOrCreate(dev, nextHop);
        n.state = Neighbour.State.INCOMPLETE;
        n.probes = 0;
        enqueue(n, skb);
        probe(n, true);
    }

    private void sendWithMac(SkBuff skb, NetDevice dev, long dstMac) {
        int off = skb.push(EthernetHeader.LENGTH);
        skb.macHeader = off;
        EthernetHeader.write(skb.buf(), off, dstMac, dev.mac(), EthernetHeader.TYPE_IPV4);
        dev.xmit(skb);
    }

    private void enqueue(Neighbour n, SkBuff skb) {
        if (n.queue == null) {
            n.queue = new ArrayDeque<>(4);
        }
        n.queue.addLast(skb);
        n.queuedBytes += skb.len() + SKB_OVERHEAD;
        while (n.queuedBytes > UNRES_QLEN_BYTES && !n.queue.isEmpty()) {
            SkBuff old = n.queue.pollFirst();
            n.queuedBytes -= old.len() + SKB_OVERHEAD;
            n.dev.dropTx(old, DropReason.NEIGH_QUEUEFULL);
        }
    }

    private void probe(Neighbour n, boolean broadcast) {
        n.probes++;
        sendArp(n.dev, ArpHeader.OP_REQUEST, broadcast ? MacAddress.BROADCAST.bits() : n.mac,
            ns.ip().selectSource(n.dev, n.ip), 0, n.ip);
        armTimer(n, RETRANS_TIME);
    }

    private void armTimer(Neighbour n, long delay) {
        if (n.timer != null) {
            n.timer.cancel();
        }
        n.timer = ns.sim().after(delay, () -> timerFired(n));
    }

    private void timerFired(Neighbour n) {
        n.timer = null;
        switch (n.state) {
            case INCOMPLETE -> {
                if (n.probes >= MCAST_SOLICIT) {
                    fail(n);
                } else {
                    probe(n, true);
                }
            }
            case DELAY -> {
                if (ns.sim().now() - n.confirmed < DELAY_FIRST_PROBE_TIME) {
                    n.state = Neighbour.State.REACHABLE;
                } else {
                    n.state = Neighbour.State.PROBE;
                    n.probes = 0;
                    probe(n, false);
                }
            }
            case PROBE -> {
                if (n.probes >= UCAST_SOLICIT) {
                    fail(n);
                } else {
                    probe(n, false);
                }
            }
            default -> {
            }
        }
    }

    private void fail(Neighbour n) {
        n.state = Neighbour.State.FAILED;
        failQueue(n, true);
    }

    /** Drops queued packets; with {@code notify}, tells each sender the host is unreachable. */
    private void failQueue(Neighbour n, boolean notify) {
        for (SkBuff skb : takeQueue(n)) {
            if (notify) {
                // ip_link_failure(): the error goes back to the sender of each queued packet
                ns.icmp().sendError(skb, IcmpHeader.DEST_UNREACHABLE, IcmpHeader.HOST_UNREACHABLE, 0);
            }
            n.dev.dropTx(skb, DropReason.NEIGH_FAILED);
        }
    }

    /** Sends the packets that waited for the MAC just learned. */
    private void flushQueue(Neighbour n) {
        for (SkBuff skb : takeQueue(n)) {
            sendWithMac(skb, n.dev, n.mac);
        }
    }

    private static Iterable<SkBuff> takeQueue(Neighbour n) {
        ArrayDeque<SkBuff> q = n.queue;
        n.queue = null;
        n.queuedBytes = 0;
        return q == null ? java.util.List.of() : q;
    }

    // ---- ARP ------------------------------------------------------------------------------

    private void sendArp(NetDevice dev, int oper, long dstMac, int senderIp, long targetMac, int targetIp) {
        SkBuff skb = SkBuff.allocate(SkBuff.DEFAULT_HEADROOM, ArpHeader.LENGTH);
        int off = skb.put(ArpHeader.LENGTH);
        ArpHeader.write(skb.buf(), off, oper, dev.mac(), senderIp, targetMac, targetIp);
        int eth = skb.push(EthernetHeader.LENGTH);
        skb.macHeader = eth;
        EthernetHeader.write(skb.buf(), eth, dstMac, dev.mac(), EthernetHeader.TYPE_ARP);
        dev.xmit(skb);
    }

    /** {@code arp_rcv}: {@code skb.data()} at the ARP header. */
    void receiveArp(NetDevice dev, SkBuff skb) {
        byte[] b = skb.buf();
        int off = skb.data();
        if (skb.len() < ArpHeader.LENGTH || !ArpHeader.isEthernetIpv4(b, off)) {
            dev.dropRx(skb, DropReason.PKT_TOO_SMALL);
            return;
        }
        int oper = ArpHeader.oper(b, off);
        int sip = ArpHeader.senderIp(b, off);
        long sha = ArpHeader.senderMac(b, off);
        int tip = ArpHeader.targetIp(b, off);
        boolean forUs = ns.isLocalAddress(tip);
        Neighbour n = lookup(dev, sip);
        if (sip != 0 && (n != null || (forUs && oper == ArpHeader.OP_REQUEST))) {
            confirm(n != null ? n : getOrCreate(dev, sip), sha, oper == ArpHeader.OP_REPLY);
        }
        if (oper == ArpHeader.OP_REQUEST && forUs) {
            sendArp(dev, ArpHeader.OP_REPLY, sha, tip, sha, sip);
        }
    }

    private void confirm(Neighbour n, long mac, boolean reply) {
        if (n.state == Neighbour.State.PERMANENT || n.state == Neighbour.State.NOARP) {
            return;
        }
        boolean changed = n.mac != mac;
        n.mac = mac;
        if (reply || n.state == Neighbour.State.INCOMPLETE || n.state == Neighbour.State.FAILED) {
            n.state = reply ? Neighbour.State.REACHABLE : Neighbour.State.STALE;
            n.confirmed = ns.sim().now();
            if (n.timer != null) {
                n.timer.cancel();
                n.timer = null;
            }
            flushQueue(n);
        } else if (changed) {
            n.state = Neighbour.State.STALE;
        }
    }
}
