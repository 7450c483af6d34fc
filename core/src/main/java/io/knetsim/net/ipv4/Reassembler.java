package io.knetsim.net.ipv4;

import io.knetsim.net.DropReason;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.packet.IcmpHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;
import io.knetsim.sim.SimTime;
import io.knetsim.sim.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * IPv4 reassembly ({@code net/ipv4/ip_fragment.c}): fragments are queued by
 * (source, destination, protocol, identification) until every byte from 0 to the last
 * fragment's end is present. A queue not complete after {@code net.ipv4.ipfrag_time}
 * seconds is dropped ({@code frag_reasm_timeout}) with ICMP time exceeded (code 1) if the
 * first fragment had arrived. Overlapping fragments discard the whole datagram, as Linux does.
 */
final class Reassembler {
    private static final int MAX_DATAGRAM = 65535;

    private record Key(int src, int dst, int proto, int id) {
    }

    private static final class Queue {
        final List<SkBuff> frags = new ArrayList<>();
        final NetDevice dev;
        int end = -1;
        int received;
        SkBuff first;
        Timer timer;

        Queue(NetDevice dev) {
            this.dev = dev;
        }
    }

    private final NetNamespace ns;
    private final Map<Key, Queue> queues = new HashMap<>();

    Reassembler(NetNamespace ns) {
        this.ns = ns;
    }

    /** Adds a fragment; returns the whole datagram once complete, else null. */
    SkBuff add(NetDevice dev, SkBuff skb) {
        byte[] b = skb.buf();
        int off = skb.networkHeader;
        Key key = new Key(Ipv4Header.src(b, off), Ipv4Header.dst(b, off), Ipv4Header.protocol(b, off),
            Ipv4Header.id(b, off));
        int ihl = Ipv4Header.headerLength(b, off);
        int start = Ipv4Header.fragmentOffset(b, off);
        int len = Ipv4Header.totalLength(b, off) - ihl;
        int stop = start + len;
        boolean last = !Ipv4Header.moreFragments(b, off);
        Queue q = queues.get(key);
        if (q == null) {
            q = new Queue(dev);
            queues.put(key, q);
            Queue qq = q;
            q.timer = ns.sim().after(SimTime.seconds(ns.sysctl().ipfragTime), () -> expire(key, qq));
        }
        if (stop > MAX_DATAGRAM || (last && q.end >= 0 && q.end != stop) || (q.end >= 0 && stop > q.end)
            || (!last && (len & 7) != 0) || overlaps(q, start, stop)) {
            discard(key, q, skb, dev);
            return null;
        }
        if (last) {
            q.end = stop;
        }
        if (start == 0) {
            q.first = skb;
        }
        q.frags.add(skb);
        q.received += len;
        if (q.end < 0 || q.received != q.end) {
            return null;
        }
        q.timer.cancel();
        queues.remove(key);
        return assemble(q);
    }

    private static boolean overlaps(Queue q, int start, int stop) {
        for (SkBuff f : q.frags) {
            int fo = f.networkHeader;
            int s = Ipv4Header.fragmentOffset(f.buf(), fo);
            int e = s + Ipv4Header.totalLength(f.buf(), fo) - Ipv4Header.headerLength(f.buf(), fo);
            if (start < e && s < stop) {
                return true;
            }
        }
        return false;
    }

    private SkBuff assemble(Queue q) {
        byte[] fb = q.first.buf();
        int foff = q.first.networkHeader;
        int ihl = Ipv4Header.headerLength(fb, foff);
        SkBuff whole = SkBuff.allocate(SkBuff.DEFAULT_HEADROOM, ihl + q.end);
        int at = whole.put(ihl + q.end);
        System.arraycopy(fb, foff, whole.buf(), at, ihl);
        for (SkBuff f : q.frags) {
            int o = f.networkHeader;
            int fihl = Ipv4Header.headerLength(f.buf(), o);
            int s = Ipv4Header.fragmentOffset(f.buf(), o);
            int n = Ipv4Header.totalLength(f.buf(), o) - fihl;
            System.arraycopy(f.buf(), o + fihl, whole.buf(), at + ihl + s, n);
        }
        Ipv4Header.setTotalLength(whole.buf(), at, ihl + q.end);
        Ipv4Header.setFlagsFrag(whole.buf(), at, Ipv4Header.flagsFrag(fb, foff) & Ipv4Header.FLAG_DF);
        Ipv4Header.fillChecksum(whole.buf(), at);
        whole.networkHeader = at;
        whole.iif = q.first.iif;
        whole.mark = q.first.mark;
        whole.nfct = q.first.nfct;
        whole.pktType = q.first.pktType;
        return whole;
    }

    private void discard(Key key, Queue q, SkBuff skb, NetDevice dev) {
        q.timer.cancel();
        queues.remove(key);
        for (SkBuff f : q.frags) {
            ns.drop(f, q.dev, DropReason.FRAG_INVALID);
        }
        ns.drop(skb, dev, DropReason.FRAG_INVALID);
    }

    private void expire(Key key, Queue q) {
        queues.remove(key);
        if (q.first != null) {
            ns.icmp().sendError(q.first, IcmpHeader.TIME_EXCEEDED, IcmpHeader.REASSEMBLY_EXCEEDED, 0);
        }
        for (SkBuff f : q.frags) {
            ns.drop(f, q.dev, DropReason.FRAG_REASM_TIMEOUT);
        }
    }
}
