package io.knetsim.net.ipv4;

import io.knetsim.net.Errno;

import io.knetsim.net.DropReason;
import io.knetsim.net.IfAddress;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.route.Route;
import io.knetsim.net.route.RouteType;
import io.knetsim.netfilter.NfHook;
import io.knetsim.netfilter.NfHooks;
import io.knetsim.netfilter.Verdict;
import io.knetsim.packet.IcmpHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;
import io.knetsim.util.LongMap;

/**
 * The IPv4 layer of one namespace ({@code net/ipv4/ip_input.c}, {@code ip_forward.c},
 * {@code ip_output.c}).
 *
 * <pre>
 *  receive --PREROUTING--> route input --local--> [reassemble] --INPUT--> ICMP / UDP / TCP
 *                                      \--forward--> TTL, MTU --FORWARD--+
 *  sendL4 --route--> OUTPUT ----------------------------------------------+--> POSTROUTING
 *                                                          --> [fragment] --> neighbour --> device
 * </pre>
 */
public final class Ipv4Stack {
    private final NetNamespace ns;
    private final LongMap<IpProtocolHandler> protocols = new LongMap<>(4);
    private Reassembler reassembler;
    private int nextId = -1;

    public Ipv4Stack(NetNamespace ns) {
        this.ns = ns;
    }

    public void register(int protocol, IpProtocolHandler handler) {
        protocols.put(protocol, handler);
    }

    public IpProtocolHandler handler(int protocol) {
        return protocols.get(protocol);
    }

    private NfHooks hooks() {
        return ns.hooks();
    }

    /** The next IP identification value (a per-namespace counter with a seeded start). */
    public int nextId() {
        if (nextId < 0) {
            nextId = ns.sim().random("ipid/" + ns.name()).nextInt(65536);
        }
        int id = nextId;
        nextId = (nextId + 1) & 0xffff;
        return id;
    }

    // ---- receive --------------------------------------------------------------------------

    /** {@code ip_rcv}: {@code skb.data()} at the IPv4 header, arrived on {@code dev}. */
    public void receive(NetDevice dev, SkBuff skb) {
        byte[] b = skb.buf();
        int off = skb.data();
        int len = skb.len();
        if (len < Ipv4Header.MIN_LENGTH) {
            dev.dropRx(skb, DropReason.PKT_TOO_SMALL);
            return;
        }
        int ihl = Ipv4Header.headerLength(b, off);
        if (Ipv4Header.version(b, off) != 4 || ihl < Ipv4Header.MIN_LENGTH || ihl > len) {
            dev.dropRx(skb, DropReason.IP_INHDR);
            return;
        }
        if (!Ipv4Header.checksumValid(b, off)) {
            dev.dropRx(skb, DropReason.IP_CSUM);
            return;
        }
        int tot = Ipv4Header.totalLength(b, off);
        if (tot > len || tot < ihl) {
            dev.dropRx(skb, DropReason.IP_INHDR);
            return;
        }
        if (tot < len) {
            skb.trim(tot); // Ethernet padding
        }
        skb.networkHeader = off;
        if (!skb.bridgedNf && !hooks().isEmpty(NfHook.PREROUTING)) {
            // after br_netfilter ran PREROUTING for a bridged frame it is not run again (ip_sabotage_in)
            if (!hookOk(NfHook.PREROUTING, skb, dev, null)) {
                return;
            }
        }
        routeInput(dev, skb);
    }

    private void routeInput(NetDevice dev, SkBuff skb) {
        byte[] b = skb.buf();
        int off = skb.networkHeader;
        int dst = Ipv4Header.dst(b, off);
        int src = Ipv4Header.src(b, off);
        boolean fromLoopback = !dev.needsArp();
        if (!fromLoopback && (ns.isLocalAddress(src) || (src >>> 28) == 0xE || src == -1)) {
            drop(skb, dev, DropReason.IP_INVALID_SOURCE); // martian source
            return;
        }
        if (ns.isLocalAddress(dst) || dst == -1 || ns.isBroadcastAddress(dst)) {
            if (!fromLoopback && !rpFilterOk(dev, src)) {
                drop(skb, dev, DropReason.RP_FILTER);
                return;
            }
            localDeliver(dev, skb);
            return;
        }
        if ((dst >>> 28) == 0xE) {
            drop(skb, dev, DropReason.UNHANDLED_PROTO); // no multicast routing
            return;
        }
        if (ns.sysctl().ipForward == 0) {
            drop(skb, dev, DropReason.NOT_FORWARDING);
            return;
        }
        Route r = ns.routes().lookup(dst);
        if (r == null) {
            ns.icmp().sendError(skb, IcmpHeader.DEST_UNREACHABLE, IcmpHeader.NET_UNREACHABLE, 0);
            drop(skb, dev, DropReason.NO_ROUTE);
            return;
        }
        if (r.type() != RouteType.UNICAST) {
            dropForRouteType(skb, dev, r.type());
            return;
        }
        if (!rpFilterOk(dev, src)) {
            drop(skb, dev, DropReason.RP_FILTER);
            return;
        }
        forward(dev, skb, r);
    }

    private void dropForRouteType(SkBuff skb, NetDevice dev, RouteType type) {
        switch (type) {
            case BLACKHOLE -> drop(skb, dev, DropReason.BLACKHOLE);
            case PROHIBIT -> {
                ns.icmp().sendError(skb, IcmpHeader.DEST_UNREACHABLE, IcmpHeader.ADMIN_PROHIBITED, 0);
                drop(skb, dev, DropReason.ROUTE_UNREACHABLE);
            }
            default -> {
                ns.icmp().sendError(skb, IcmpHeader.DEST_UNREACHABLE, IcmpHeader.HOST_UNREACHABLE, 0);
                drop(skb, dev, DropReason.ROUTE_UNREACHABLE);
            }
        }
    }

    /**
     * Reverse-path filter (RFC 3704): strict (1) wants the route back to the source to leave
     * through the device the packet came in on; loose (2) wants any route back.
     */
    private boolean rpFilterOk(NetDevice dev, int src) {
        int mode = ns.sysctl().rpFilter(dev);
        if (mode == 0 || src == 0) {
            return true;
        }
        Route back = ns.routes().lookup(src);
        if (back == null || back.type() != RouteType.UNICAST) {
            return false;
        }
        return mode == 2 || back.dev() == dev;
    }

    private void localDeliver(NetDevice dev, SkBuff skb) {
        byte[] b = skb.buf();
        if (Ipv4Header.isFragment(b, skb.networkHeader)) {
            if (reassembler == null) {
                reassembler = new Reassembler(ns);
            }
            skb = reassembler.add(dev, skb);
            if (skb == null) {
                return; // waiting for more fragments (or dropped with a reason)
            }
            b = skb.buf();
        }
        if (!hooks().isEmpty(NfHook.INPUT) && !hookOk(NfHook.INPUT, skb, dev, null)) {
            return;
        }
        int off = skb.networkHeader;
        int proto = Ipv4Header.protocol(b, off);
        IpProtocolHandler h = protocols.get(proto);
        if (h == null) {
            ns.icmp().sendError(skb, IcmpHeader.DEST_UNREACHABLE, IcmpHeader.PROTOCOL_UNREACHABLE, 0);
            drop(skb, dev, DropReason.UNHANDLED_PROTO);
            return;
        }
        skb.pull(Ipv4Header.headerLength(b, off));
        skb.transportHeader = skb.data();
        h.receive(skb);
    }

    // ---- forward --------------------------------------------------------------------------

    private void forward(NetDevice in, SkBuff skb, Route r) {
        byte[] b = skb.buf();
        int off = skb.networkHeader;
        if (skb.pktType != SkBuff.PktType.HOST) {
            drop(skb, in, DropReason.OTHERHOST);
            return;
        }
        if (Ipv4Header.ttl(b, off) <= 1) {
            ns.icmp().sendError(skb, IcmpHeader.TIME_EXCEEDED, IcmpHeader.TTL_EXCEEDED, 0);
            drop(skb, in, DropReason.TTL_EXPIRED);
            return;
        }
        NetDevice out = r.dev();
        int tot = Ipv4Header.totalLength(b, off);
        if (tot > out.mtu() && Ipv4Header.dontFragment(b, off)) {
            ns.icmp().sendError(skb, IcmpHeader.DEST_UNREACHABLE, IcmpHeader.FRAG_NEEDED, out.mtu());
            drop(skb, in, DropReason.MTU_EXCEEDED);
            return;
        }
        Ipv4Header.decrementTtl(b, off);
        skb.nextHop = r.hasGateway() ? r.gateway().bits() : Ipv4Header.dst(b, off);
        if (!hooks().isEmpty(NfHook.FORWARD) && !hookOk(NfHook.FORWARD, skb, in, out)) {
            return;
        }
        postRouting(skb, in, out);
    }

    // ---- local output ---------------------------------------------------------------------

    /**
     * Routes a locally generated packet ({@code ip_route_output}).
     *
     * @param src the source the application bound to, or 0 to let the stack choose
     * @param oif an interface the application bound to ({@code SO_BINDTODEVICE}), or null;
     *            only routes through it may be used, and a broadcast goes out of it
     */
    public RouteResult route(int dst, int src, NetDevice oif) {
        if (ns.isLocalAddress(dst)) {
            NetDevice lo = ns.loopback();
            if (!lo.isUp()) {
                return RouteResult.failed(Errno.ENETUNREACH);
            }
            return new RouteResult(null, lo, dst, src != 0 ? src : dst, null);
        }
        if (dst == -1 && oif != null) {
            return new RouteResult(null, oif, dst, src != 0 ? src : selectSource(oif, dst), null);
        }
        Route r = ns.routes().lookup(dst);
        if (r != null && oif != null && r.dev() != oif) {
            r = null; // bound to another device: this route may not be used (SO_BINDTODEVICE)
        }
        if (r == null) {
            return RouteResult.failed(Errno.ENETUNREACH);
        }
        switch (r.type()) {
            case UNICAST -> {
            }
            case PROHIBIT -> {
                return RouteResult.failed(Errno.EACCES);
            }
            case BLACKHOLE -> {
                return RouteResult.failed(Errno.EINVAL);
            }
            default -> {
                return RouteResult.failed(Errno.EHOSTUNREACH);
            }
        }
        int nh = r.hasGateway() ? r.gateway().bits() : dst;
        int s = src != 0 ? src : (!r.prefsrc().isAny() ? r.prefsrc().bits() : selectSource(r.dev(), nh));
        return new RouteResult(r, r.dev(), nh, s, null);
    }

    /**
     * {@code inet_select_addr}: a primary address of {@code dev} in the same subnet as
     * {@code nearby}, else its first global address, else any global address in the namespace.
     */
    public int selectSource(NetDevice dev, int nearby) {
        IfAddress first = null;
        for (IfAddress a : dev.addresses()) {
            if (a.secondary() || a.scope() == IfAddress.Scope.HOST) {
                continue;
            }
            if (a.subnet().contains(nearby)) {
                return a.bits();
            }
            if (first == null) {
                first = a;
            }
        }
        if (first != null) {
            return first.bits();
        }
        for (NetDevice d : ns.devices()) {
            for (IfAddress a : d.addresses()) {
                if (!a.secondary() && a.scope() == IfAddress.Scope.GLOBAL) {
                    return a.bits();
                }
            }
        }
        return 0;
    }

    /**
     * Sends a locally generated datagram ({@code ip_queue_xmit}): {@code skb.data()} at the
     * transport header, already complete (checksum filled by the caller, who knows the source).
     */
    public void sendL4(SkBuff skb, RouteResult rt, int dst, int protocol, int ttl, int tos, boolean df) {
        int off = skb.push(Ipv4Header.MIN_LENGTH);
        skb.networkHeader = off;
        Ipv4Header.write(skb.buf(), off, tos, skb.len(), nextId(), df ? Ipv4Header.FLAG_DF : 0, ttl, protocol,
            rt.src(), dst);
        localOut(skb, rt);
    }

    /**
     * {@code ip_local_out} for a packet whose IPv4 header is already written (tunnels, ICMP
     * errors, raw sends): OUTPUT hook, re-route if a rule changed the destination, then
     * POSTROUTING and transmit.
     */
    public void localOut(SkBuff skb, RouteResult rt) {
        skb.iif = 0;
        skb.nextHop = rt.nextHop();
        NetDevice out = rt.dev();
        if (!hooks().isEmpty(NfHook.OUTPUT)) {
            int dstBefore = Ipv4Header.dst(skb.buf(), skb.networkHeader);
            if (!hookOk(NfHook.OUTPUT, skb, null, out)) {
                return;
            }
            int dstAfter = Ipv4Header.dst(skb.buf(), skb.networkHeader);
            if (dstAfter != dstBefore) {
                RouteResult again = route(dstAfter, Ipv4Header.src(skb.buf(), skb.networkHeader), null);
                if (!again.ok()) {
                    drop(skb, null, DropReason.NO_ROUTE);
                    return;
                }
                out = again.dev();
                skb.nextHop = again.nextHop();
            }
        }
        postRouting(skb, null, out);
    }

    /** Sends an IPv4 packet with a complete header (data at it): route, then {@link #localOut}. */
    public boolean sendRaw(SkBuff skb) {
        skb.networkHeader = skb.data();
        byte[] b = skb.buf();
        RouteResult rt = route(Ipv4Header.dst(b, skb.data()), Ipv4Header.src(b, skb.data()), null);
        if (!rt.ok()) {
            drop(skb, null, DropReason.NO_ROUTE);
            return false;
        }
        localOut(skb, rt);
        return true;
    }

    private void postRouting(SkBuff skb, NetDevice in, NetDevice out) {
        if (!hooks().isEmpty(NfHook.POSTROUTING) && !hookOk(NfHook.POSTROUTING, skb, in, out)) {
            return;
        }
        byte[] b = skb.buf();
        int off = skb.networkHeader;
        if (Ipv4Header.totalLength(b, off) > out.mtu()) {
            if (Ipv4Header.dontFragment(b, off)) {
                if (in == null) {
                    // ip_local_error(EMSGSIZE): the sender learns the MTU, nothing goes out
                    ns.icmp().localError(skb, IcmpHeader.DEST_UNREACHABLE, IcmpHeader.FRAG_NEEDED, out.mtu());
                } else {
                    ns.icmp().sendError(skb, IcmpHeader.DEST_UNREACHABLE, IcmpHeader.FRAG_NEEDED, out.mtu());
                }
                drop(skb, in, DropReason.MTU_EXCEEDED);
                return;
            }
            Fragmenter.fragment(skb, out.mtu(), frag -> ns.neighbours().output(frag, out, skb.nextHop));
            return;
        }
        ns.neighbours().output(skb, out, skb.nextHop);
    }

    private boolean hookOk(NfHook hook, SkBuff skb, NetDevice in, NetDevice out) {
        Verdict v = hooks().run(hook, skb, in, out);
        if (v == Verdict.DROP) {
            drop(skb, in != null ? in : out, DropReason.NF_DROP);
        }
        return v == Verdict.ACCEPT;
    }

    private void drop(SkBuff skb, NetDevice dev, DropReason reason) {
        ns.drop(skb, dev, reason);
    }
}
