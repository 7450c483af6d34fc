package io.knetsim.net.ipv4;

import io.knetsim.net.Errno;

import io.knetsim.net.DropReason;
import io.knetsim.net.NetNamespace;
import io.knetsim.packet.Bytes;
import io.knetsim.packet.Checksum;
import io.knetsim.packet.IcmpHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;
import io.knetsim.packet.UdpHeader;
import io.knetsim.sim.SimRandom;
import io.knetsim.util.LongMap;

/**
 * UDP ({@code net/ipv4/udp.c}): demultiplexes datagrams to bound ports, answers ICMP port
 * unreachable when nothing listens, and sends datagrams with the pseudo-header checksum.
 * The socket API of the transport layer builds on this.
 */
public final class Udp implements IpProtocolHandler {
    private final NetNamespace ns;
    private final LongMap<UdpListener> ports = new LongMap<>(4);
    private SimRandom random;

    public Udp(NetNamespace ns) {
        this.ns = ns;
    }

    /** Binds {@code port}; throws "Address already in use" if taken. */
    public void bind(int port, UdpListener l) {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("invalid UDP port " + port);
        }
        if (ports.containsKey(port)) {
            throw new IllegalStateException("Address already in use");
        }
        ports.put(port, l);
    }

    /** Binds a free port from {@code net.ipv4.ip_local_port_range}, chosen as the kernel does: random start, then upward. */
    public int bindEphemeral(UdpListener l) {
        int lo = ns.sysctl().localPortLow;
        int hi = ns.sysctl().localPortHigh;
        int n = hi - lo + 1;
        if (random == null) {
            random = ns.sim().random("udp-ports/" + ns.name());
        }
        int start = random.nextInt(n);
        for (int i = 0; i < n; i++) {
            int p = lo + (start + i) % n;
            if (!ports.containsKey(p)) {
                ports.put(p, l);
                return p;
            }
        }
        throw new IllegalStateException("Address already in use: no free port in " + lo + "-" + hi);
    }

    public void unbind(int port) {
        ports.remove(port);
    }

    public boolean isBound(int port) {
        return ports.containsKey(port);
    }

    /** Bound ports, ascending (for {@code ss -u}). */
    public java.util.List<Integer> boundPorts() {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        ports.forEach((k, l) -> out.add((int) (long) k));
        out.sort(null);
        return out;
    }

    /** The listener bound to {@code port}, or null. */
    public UdpListener listener(int port) {
        return ports.get(port);
    }

    /**
     * Sends a datagram whose payload is already in {@code skb} (data at the payload).
     *
     * @param checksum false to send a zero checksum
     * @return null on success, else why it could not be routed
     */
    public Errno send(SkBuff skb, int src, int srcPort, int dst, int dstPort, int ttl, int tos,
                                  boolean df, boolean checksum) {
        return send(skb, src, srcPort, dst, dstPort, ttl, tos, df, UdpChecksum.of(checksum));
    }

    /** As above, with the checksum filled as {@code checksum} says. */
    public Errno send(SkBuff skb, int src, int srcPort, int dst, int dstPort, int ttl, int tos,
                                  boolean df, UdpChecksum checksum) {
        RouteResult rt = ns.ip().route(dst, src, null);
        if (!rt.ok()) {
            return rt.error();
        }
        sendRouted(skb, rt, srcPort, dst, dstPort, ttl, tos, df, checksum);
        return null;
    }

    /** As {@link #send}, for a caller that routed already. */
    public void sendRouted(SkBuff skb, RouteResult rt, int srcPort, int dst, int dstPort, int ttl, int tos,
                           boolean df, UdpChecksum checksum) {
        int off = skb.push(UdpHeader.LENGTH);
        int len = skb.len();
        byte[] b = skb.buf();
        UdpHeader.write(b, off, srcPort, dstPort, len);
        if (checksum.knowsPayloadSum()) {
            long s = Checksum.pseudoHeaderSum(rt.src(), dst, Ipv4Header.PROTO_UDP, len)
                + Checksum.sum(b, off, UdpHeader.LENGTH) + checksum.payloadSum();
            int c = ~Checksum.fold(s) & 0xffff;
            Bytes.put16(b, off + UdpHeader.CHECKSUM, c == 0 ? 0xffff : c);
        } else if (checksum.enabled()) {
            UdpHeader.fillChecksum(b, off, len, rt.src(), dst);
        }
        skb.transportHeader = off;
        ns.ip().sendL4(skb, rt, dst, Ipv4Header.PROTO_UDP, ttl, tos, df);
    }

    /** Convenience: a datagram with {@code payload}, default TTL, checksum on. */
    public Errno send(int src, int srcPort, int dst, int dstPort, byte[] payload) {
        SkBuff skb = SkBuff.allocate(SkBuff.DEFAULT_HEADROOM, payload.length);
        skb.putBytes(payload, 0, payload.length);
        return send(skb, src, srcPort, dst, dstPort, ns.sysctl().defaultTtl, 0, false, true);
    }

    @Override
    public void receive(SkBuff skb) {
        byte[] b = skb.buf();
        int off = skb.data();
        int ip = skb.networkHeader;
        int src = Ipv4Header.src(b, ip);
        int dst = Ipv4Header.dst(b, ip);
        int len = skb.len() >= UdpHeader.LENGTH ? UdpHeader.length(b, off) : -1;
        if (len < UdpHeader.LENGTH || len > skb.len()) {
            ns.drop(skb, ns.device(skb.iif), DropReason.UDP_CSUM);
            return;
        }
        int dport = UdpHeader.dstPort(b, off);
        UdpListener l = ports.get(dport);
        if (!checksumOk(b, off, len, src, dst, l)) {
            ns.drop(skb, ns.device(skb.iif), DropReason.UDP_CSUM);
            return;
        }
        skb.trim(len);
        if (l == null) {
            if (ns.isLocalAddress(dst)) {
                ns.icmp().sendError(skb, IcmpHeader.DEST_UNREACHABLE, IcmpHeader.PORT_UNREACHABLE, 0);
            }
            ns.drop(skb, ns.device(skb.iif), DropReason.NO_SOCKET);
            return;
        }
        skb.pull(UdpHeader.LENGTH);
        l.receive(skb, src, UdpHeader.srcPort(b, off), dst, dport);
    }

    /** A zero checksum means none; else the listener's view of the payload sum, or a full pass. */
    private static boolean checksumOk(byte[] b, int off, int len, int src, int dst, UdpListener l) {
        if (UdpHeader.checksum(b, off) == 0) {
            return true;
        }
        long payload = l == null ? -1 : l.payloadSum(b, off + UdpHeader.LENGTH, len - UdpHeader.LENGTH);
        if (payload < 0) {
            return UdpHeader.checksumValid(b, off, len, src, dst);
        }
        long s = Checksum.pseudoHeaderSum(src, dst, Ipv4Header.PROTO_UDP, len) + Checksum.sum(b, off, UdpHeader.LENGTH)
            + payload;
        return Checksum.fold(s) == 0xffff;
    }

    @Override
    public void icmpError(SkBuff skb, int type, int code, int info, int quoted) {
        byte[] b = skb.buf();
        int q = quoted + Ipv4Header.headerLength(b, quoted);
        UdpListener l = ports.get(UdpHeader.srcPort(b, q));
        if (l == null) {
            ns.drop(skb, ns.device(skb.iif), DropReason.ICMP_UNHANDLED);
            return;
        }
        l.icmpError(Ipv4Header.src(b, skb.networkHeader), type, code, info, Ipv4Header.dst(b, quoted),
            UdpHeader.dstPort(b, q));
    }
}
