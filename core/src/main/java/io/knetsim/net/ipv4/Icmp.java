package io.knetsim.net.ipv4;

import io.knetsim.net.DropReason;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.packet.Checksum;
import io.knetsim.packet.IcmpHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;
import io.knetsim.util.LongMap;

/**
 * ICMP ({@code net/ipv4/icmp.c}): answers echo requests, hands echo replies to ping sockets by
 * identifier, passes errors to the protocol of the datagram they quote, and sends errors
 * under the kernel's rules (never about an ICMP error, a non-first fragment, or a broadcast).
 */
public final class Icmp implements IpProtocolHandler {
    /** Bytes of the offending datagram quoted in an error: all that fits in 576 (RFC 1812). */
    public static final int MAX_QUOTE = 576 - Ipv4Header.MIN_LENGTH - IcmpHeader.LENGTH;
    /** TOS of errors: the original's TOS bits with precedence "internetwork control". */
    private static final int PREC_INTERNETCONTROL = 0xc0;

    private final NetNamespace ns;
    private LongMap<IcmpEchoListener> echo;

    public Icmp(NetNamespace ns) {
        this.ns = ns;
    }

    /** Binds a ping socket to an echo identifier. */
    public void bindEcho(int id, IcmpEchoListener l) {
        if (echo == null) {
            echo = new LongMap<>(4);
        }
        if (echo.containsKey(id)) {
            throw new IllegalStateException("Address already in use");
        }
        echo.put(id, l);
    }

    public void unbindEcho(int id) {
        if (echo != null) {
            echo.remove(id);
        }
    }

    /** Sends an echo request with {@code payload}; the caller routed it already. */
    public void sendEcho(RouteResult rt, int dst, int id, int seq, byte[] payload, int ttl, int tos, boolean df) {
        SkBuff skb = SkBuff.allocate(SkBuff.DEFAULT_HEADROOM, IcmpHeader.LENGTH + payload.length);
        int off = skb.put(IcmpHeader.LENGTH + payload.length);
        IcmpHeader.write(skb.buf(), off, IcmpHeader.ECHO_REQUEST, 0, (id << 16) | (seq & 0xffff));
        System.arraycopy(payload, 0, skb.buf(), off + IcmpHeader.LENGTH, payload.length);
        IcmpHeader.fillChecksum(skb.buf(), off, skb.len());
        skb.transportHeader = off;
        ns.ip().sendL4(skb, rt, dst, Ipv4Header.PROTO_ICMP, ttl, tos, df);
    }

    @Override
    public void receive(SkBuff skb) {
        byte[] b = skb.buf();
        int off = skb.data();
        int len = skb.len();
        NetDevice in = ns.device(skb.iif);
        if (len < IcmpHeader.LENGTH || !Checksum.verify(b, off, len)) {
            ns.drop(skb, in, DropReason.ICMP_CSUM);
            return;
        }
        int type = IcmpHeader.type(b, off);
        switch (type) {
            case IcmpHeader.ECHO_REQUEST -> echoRequest(skb, in);
            case IcmpHeader.ECHO_REPLY -> {
                int id = IcmpHeader.id(b, off);
                IcmpEchoListener l = echo == null ? null : echo.get(id);
                if (l == null) {
                    ns.drop(skb, in, DropReason.ICMP_UNHANDLED);
                    return;
                }
                l.echoReply(skb, Ipv4Header.src(b, skb.networkHeader), id, IcmpHeader.seq(b, off));
            }
            case IcmpHeader.DEST_UNREACHABLE, IcmpHeader.TIME_EXCEEDED -> {
                int quoted = off + IcmpHeader.LENGTH;
                if (len < IcmpHeader.LENGTH + Ipv4Header.MIN_LENGTH + 8
                    || Ipv4Header.version(b, quoted) != 4) {
                    ns.drop(skb, in, DropReason.ICMP_UNHANDLED);
                    return;
                }
                IpProtocolHandler h = ns.ip().handler(Ipv4Header.protocol(b, quoted));
                if (h == null) {
                    ns.drop(skb, in, DropReason.ICMP_UNHANDLED);
                    return;
                }
                int info = type == IcmpHeader.DEST_UNREACHABLE && IcmpHeader.code(b, off) == IcmpHeader.FRAG_NEEDED
                    ? IcmpHeader.nextHopMtu(b, off) : 0;
                h.icmpError(skb, type, IcmpHeader.code(b, off), info, quoted);
            }
            default -> ns.drop(skb, in, DropReason.ICMP_UNHANDLED);
        }
    }

    private void echoRequest(SkBuff skb, NetDevice in) {
        if (ns.sysctl().icmpEchoIgnoreAll != 0) {
            ns.drop(skb, in, DropReason.ICMP_ECHO_IGNORED);
            return;
        }
        byte[] b = skb.buf();
        int ip = skb.networkHeader;
        int reqDst = Ipv4Header.dst(b, ip);
        int dst = Ipv4Header.src(b, ip);
        int src = ns.isLocalAddress(reqDst) ? reqDst : 0;
        RouteResult rt = ns.ip().route(dst, src, null);
        if (!rt.ok()) {
            ns.drop(skb, in, DropReason.NO_ROUTE);
            return;
        }
        int len = skb.len();
        SkBuff reply = SkBuff.allocate(SkBuff.DEFAULT_HEADROOM, len);
        int off = reply.put(len);
        System.arraycopy(b, skb.data(), reply.buf(), off, len);
        reply.buf()[off + IcmpHeader.TYPE] = IcmpHeader.ECHO_REPLY;
        IcmpHeader.fillChecksum(reply.buf(), off, len);
        reply.transportHeader = off;
        ns.ip().sendL4(reply, rt, dst, Ipv4Header.PROTO_ICMP, ns.sysctl().defaultTtl, Ipv4Header.tos(b, ip), false);
    }

    /** Delivers an error about one of our echo requests to its ping socket. */
    @Override
    public void icmpError(SkBuff skb, int type, int code, int info, int quoted) {
        byte[] b = skb.buf();
        int qihl = Ipv4Header.headerLength(b, quoted);
        int q = quoted + qihl;
        IcmpEchoListener l = null;
        if (IcmpHeader.type(b, q) == IcmpHeader.ECHO_REQUEST && echo != null) {
            l = echo.get(IcmpHeader.id(b, q));
        }
        if (l == null) {
            ns.drop(skb, ns.device(skb.iif), DropReason.ICMP_UNHANDLED);
            return;
        }
        l.error(Ipv4Header.src(b, skb.networkHeader), type, code, info, IcmpHeader.seq(b, q), false);
    }

    /**
     * {@code icmp_send}: reports a problem with {@code offending} ({@code networkHeader} at its
     * IP header) to its sender. Silently declines where the kernel does.
     */
    public void sendError(SkBuff offending, int type, int code, int info) {
        SkBuff err = buildError(offending, type, code, info);
        if (err == null) {
            return;
        }
        byte[] ob = offending.buf();
        int oip = offending.networkHeader;
        int dst = Ipv4Header.src(ob, oip);
        int origDst = Ipv4Header.dst(ob, oip);
        int src = ns.isLocalAddress(origDst) ? origDst : 0;
        RouteResult rt = ns.ip().route(dst, src, null);
        if (!rt.ok()) {
            return; // no way back: the kernel gives up quietly too
        }
        int tos = (Ipv4Header.tos(ob, oip) & 0x1e) | PREC_INTERNETCONTROL;
        ns.ip().sendL4(err, rt, dst, Ipv4Header.PROTO_ICMP, ns.sysctl().defaultTtl, tos, false);
    }

    /** {@code ip_local_error}: an error raised by our own stack, handed straight to the sender. */
    public void localError(SkBuff offending, int type, int code, int info) {
        byte[] ob = offending.buf();
        int oip = offending.networkHeader;
        int proto = Ipv4Header.protocol(ob, oip);
        int q = oip + Ipv4Header.headerLength(ob, oip);
        if (proto == Ipv4Header.PROTO_ICMP && echo != null
            && IcmpHeader.type(ob, q) == IcmpHeader.ECHO_REQUEST) {
            IcmpEchoListener l = echo.get(IcmpHeader.id(ob, q));
            if (l != null) {
                l.error(Ipv4Header.src(ob, oip), type, code, info, IcmpHeader.seq(ob, q), true);
            }
            return;
        }
        IpProtocolHandler h = ns.ip().handler(proto);
        SkBuff err = buildError(offending, type, code, info);
        if (h != null && err != null) {
            // present it as if received: an IP header in front, from our own address
            int at = err.push(Ipv4Header.MIN_LENGTH);
            Ipv4Header.write(err.buf(), at, 0, err.len(), 0, 0, 64, Ipv4Header.PROTO_ICMP,
                Ipv4Header.src(ob, oip), Ipv4Header.src(ob, oip));
            err.networkHeader = at;
            err.pull(Ipv4Header.MIN_LENGTH);
            h.icmpError(err, type, code, info, err.data() + IcmpHeader.LENGTH);
        }
    }

    /** The ICMP message (header and quote) for an error, or null where none may be sent. */
    private SkBuff buildError(SkBuff offending, int type, int code, int info) {
        byte[] ob = offending.buf();
        int oip = offending.networkHeader;
        int src = Ipv4Header.src(ob, oip);
        int dst = Ipv4Header.dst(ob, oip);
        if (src == 0 || src == -1 || (src >>> 28) == 0xE || dst == -1 || (dst >>> 28) == 0xE
            || ns.isBroadcastAddress(dst) || Ipv4Header.fragmentOffset(ob, oip) != 0) {
            return null;
        }
        int ihl = Ipv4Header.headerLength(ob, oip);
        if (Ipv4Header.protocol(ob, oip) == Ipv4Header.PROTO_ICMP) {
            int qt = ob[oip + ihl] & 0xff;
            if (offending.tail() - oip < ihl + 1 || IcmpHeader.isError(qt)) {
                return null;
            }
        }
        int avail = Math.min(Ipv4Header.totalLength(ob, oip), offending.tail() - oip);
        int quote = Math.min(avail, MAX_QUOTE);
        SkBuff err = SkBuff.allocate(SkBuff.DEFAULT_HEADROOM, IcmpHeader.LENGTH + quote);
        int off = err.put(IcmpHeader.LENGTH + quote);
        IcmpHeader.write(err.buf(), off, type, code, info & 0xffff);
        System.arraycopy(ob, oip, err.buf(), off + IcmpHeader.LENGTH, quote);
        IcmpHeader.fillChecksum(err.buf(), off, err.len());
        err.transportHeader = off;
        return err;
    }
}
