package io.knetsim.net.tcp;

import io.knetsim.net.DropReason;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.ipv4.IpProtocolHandler;
import io.knetsim.net.ipv4.RouteResult;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;
import io.knetsim.packet.TcpHeader;
import io.knetsim.sim.SimRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TCP of one namespace ({@code net/ipv4/tcp_ipv4.c}): checks the checksum, demultiplexes
 * segments to connections by their 4-tuple and to listeners by port, and answers a segment
 * for which no socket exists with a RST as RFC 9293 section 3.10.7.1 describes, so that a
 * client connecting to a closed port hears ECONNREFUSED.
 *
 * <pre>
 *   IPv4 --proto 6--> Tcp.receive --(laddr,lport,raddr,rport)--> TcpSocket
 *                                  \--lport--> TcpListener --SYN--> new TcpSocket (SYN-RECEIVED)
 *                                   \--none--> RST, drop NO_SOCKET
 * </pre>
 */
public final class Tcp implements IpProtocolHandler {
    private final NetNamespace ns;
    private final Map<ConnKey, TcpSocket> connections = new HashMap<>();
    private final Map<Integer, TcpListener> listeners = new HashMap<>();
    private final Map<Integer, Integer> localPortUse = new HashMap<>();
    private final ArrayDeque<SkBuff> backlog = new ArrayDeque<>();
    private int lockDepth;
    private SimRandom portRandom;
    private SimRandom isnRandom;

    record ConnKey(int localAddr, int localPort, int remoteAddr, int remotePort) {
    }

    public Tcp(NetNamespace ns) {
        this.ns = ns;
    }

    /** The TCP of {@code ns}, as registered with its IPv4 stack. */
    public static Tcp of(NetNamespace ns) {
        return (Tcp) ns.ip().handler(Ipv4Header.PROTO_TCP);
    }

    /** {@code socket(); bind(port); listen(backlog)}: throws "Address already in use" if taken. */
    public static TcpListener listen(NetNamespace ns, int port, int backlog, Acceptor acceptor) {
        return of(ns).listen(port, backlog, acceptor);
    }

    /** {@code socket(); connect(dst, dstPort)}, non-blocking: the handler hears how it ends. */
    public static TcpSocket connect(NetNamespace ns, int dst, int dstPort, TcpHandler handler) {
        return of(ns).connect(dst, dstPort, handler);
    }

    public TcpListener listen(int port, int backlog, Acceptor acceptor) {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("invalid TCP port " + port);
        }
        if (listeners.containsKey(port)) {
            throw new IllegalStateException("Address already in use");
        }
        TcpListener l = new TcpListener(this, port, backlog, acceptor);
        listeners.put(port, l);
        localPortUse.merge(port, 1, Integer::sum);
        return l;
    }

    public TcpSocket connect(int dst, int dstPort, TcpHandler handler) {
        java.util.Objects.requireNonNull(handler, "handler");
        if (dstPort <= 0 || dstPort > 65535) {
            throw new IllegalArgumentException("invalid TCP port " + dstPort);
        }
        RouteResult rt = ns.ip().route(dst, 0, null);
        if (!rt.ok()) {
            throw new IllegalStateException("connect: " + rt.error().message());
        }
        int port = ephemeralPort();
        TcpSocket s = new TcpSocket(this, rt, rt.src(), port, dst, dstPort, handler);
        connections.put(new ConnKey(rt.src(), port, dst, dstPort), s);
        localPortUse.merge(port, 1, Integer::sum);
        locked(() -> s.startConnect(isn()));
        return s;
    }

    /** Connections of this namespace, in no particular order (for {@code ss}). */
    public List<TcpSocket> connections() {
        return new ArrayList<>(connections.values());
    }

    /** Listening sockets, in no particular order. */
    public List<TcpListener> listeners() {
        return new ArrayList<>(listeners.values());
    }

    NetNamespace ns() {
        return ns;
    }

    /** A free port from {@code net.ipv4.ip_local_port_range}: random start, then upward. */
    private int ephemeralPort() {
        int lo = ns.sysctl().localPortLow;
        int hi = ns.sysctl().localPortHigh;
        int n = hi - lo + 1;
        if (portRandom == null) {
            portRandom = ns.sim().random("tcp-ports/" + ns.name());
        }
        int start = portRandom.nextInt(n);
        for (int i = 0; i < n; i++) {
            int p = lo + (start + i) % n;
            if (!localPortUse.containsKey(p)) {
                return p;
            }
        }
        throw new IllegalStateException("connect: Cannot assign requested address (no free port in "
            + lo + "-" + hi + ")");
    }

    /** An initial sequence number from the seeded random source (never from wall time). */
    private int isn() {
        if (isnRandom == null) {
            isnRandom = ns.sim().random("tcp-isn/" + ns.name());
        }
        return isnRandom.nextInt();
    }

    void unlisten(TcpListener l) {
        if (listeners.remove(l.port(), l)) {
            release(l.port());
        }
    }

    /** Forgets a connection that reached CLOSED. */
    void remove(TcpSocket s) {
        if (connections.remove(new ConnKey(s.localAddress(), s.localPort(), s.remoteAddress(), s.remotePort()), s)) {
            release(s.localPort());
        }
    }

    private void release(int port) {
        localPortUse.computeIfPresent(port, (k, v) -> v == 1 ? null : v - 1);
    }

    /**
     * Runs {@code action} holding this namespace's TCP "socket lock". Segments that arrive
     * meanwhile, handed over synchronously by a veth or bridge while this stack is itself
     * sending, wait in a backlog and are processed when the outermost holder lets go, as Linux
     * queues them on {@code sk_backlog} until {@code release_sock()}. So no connection is ever
     * re-entered halfway through a state change, and the call depth stays bounded.
     */
    void locked(Runnable action) {
        lockDepth++;
        try {
            action.run();
        } finally {
            lockDepth--;
        }
        if (lockDepth == 0 && !backlog.isEmpty()) {
            lockDepth++;
            try {
                SkBuff skb;
                while ((skb = backlog.poll()) != null) {
                    process(skb);
                }
            } finally {
                lockDepth--;
            }
        }
    }

    @Override
    public void receive(SkBuff skb) {
        if (lockDepth > 0) {
            backlog.add(skb);
            return;
        }
        locked(() -> process(skb));
    }

    private void process(SkBuff skb) {
        byte[] b = skb.buf();
        int off = skb.data();
        int len = skb.len();
        int ip = skb.networkHeader;
        int src = Ipv4Header.src(b, ip);
        int dst = Ipv4Header.dst(b, ip);
        if (TcpHeader.validate(b, off, len) != null || !TcpHeader.checksumValid(b, off, len, src, dst)) {
            ns.drop(skb, ns.device(skb.iif), DropReason.TCP_CSUM);
            return;
        }
        int sport = TcpHeader.srcPort(b, off);
        int dport = TcpHeader.dstPort(b, off);
        TcpSocket s = connections.get(new ConnKey(dst, dport, src, sport));
        if (s != null) {
            s.receive(skb);
            return;
        }
        TcpListener l = listeners.get(dport);
        int flags = TcpHeader.flags(b, off);
        if (l != null && (flags & (TcpHeader.SYN | TcpHeader.ACK | TcpHeader.RST)) == TcpHeader.SYN) {
            if (l.synQueueFull()) {
                ns.drop(skb, ns.device(skb.iif), DropReason.TCP_SYN_QUEUE_FULL);
                return;
            }
            RouteResult rt = ns.ip().route(src, dst, null);
            if (!rt.ok()) {
                ns.drop(skb, ns.device(skb.iif), DropReason.NO_ROUTE);
                return;
            }
            TcpSocket child = new TcpSocket(this, rt, dst, dport, src, sport, null);
            connections.put(new ConnKey(dst, dport, src, sport), child);
            localPortUse.merge(dport, 1, Integer::sum);
            child.startPassive(l, isn(), skb);
            return;
        }
        if ((flags & TcpHeader.RST) == 0 && ns.isLocalAddress(dst)) {
            sendReset(skb, src, dst);
        }
        ns.drop(skb, ns.device(skb.iif), DropReason.NO_SOCKET);
    }

    /**
     * The reset of RFC 9293 section 3.10.7.1: {@code <SEQ=SEG.ACK><CTL=RST>} if the offending
     * segment had ACK, else {@code <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>}.
     */
    void sendReset(SkBuff in, int src, int dst) {
        byte[] b = in.buf();
        int off = in.data();
        int flags = TcpHeader.flags(b, off);
        int segLen = in.len() - TcpHeader.headerLength(b, off)
            + ((flags & TcpHeader.SYN) != 0 ? 1 : 0) + ((flags & TcpHeader.FIN) != 0 ? 1 : 0);
        RouteResult rt = ns.ip().route(src, dst, null);
        if (!rt.ok()) {
            return;
        }
        SkBuff out = SkBuff.allocate(SkBuff.DEFAULT_HEADROOM, TcpHeader.MIN_LENGTH);
        int o = out.put(TcpHeader.MIN_LENGTH);
        if ((flags & TcpHeader.ACK) != 0) {
            TcpHeader.write(out.buf(), o, TcpHeader.dstPort(b, off), TcpHeader.srcPort(b, off),
                TcpHeader.ack(b, off), 0, TcpHeader.MIN_LENGTH, TcpHeader.RST, 0, 0);
        } else {
            TcpHeader.write(out.buf(), o, TcpHeader.dstPort(b, off), TcpHeader.srcPort(b, off),
                0, TcpHeader.seq(b, off) + segLen, TcpHeader.MIN_LENGTH, TcpHeader.RST | TcpHeader.ACK, 0, 0);
        }
        TcpHeader.fillChecksum(out.buf(), o, TcpHeader.MIN_LENGTH, rt.src(), src);
        out.transportHeader = o;
        ns.ip().sendL4(out, rt, src, Ipv4Header.PROTO_TCP, ns.sysctl().defaultTtl, 0, true);
    }

    /**
     * An ICMP error quoting one of our segments. For a connection that exists it is a soft
     * error (RFC 1122 section 4.2.3.9): the connection keeps retransmitting until its own
     * timer gives up, so the message is taken and nothing changes; except that, as Linux's
     * {@code tcp_v4_err} does, a port unreachable answering a SYN (SYN_SENT; e.g. an nft
     * {@code reject}) ends the connect at once with ECONNREFUSED. One about no connection of
     * ours is dropped as unhandled.
     */
    @Override
    public void icmpError(SkBuff skb, int type, int code, int info, int quoted) {
        byte[] b = skb.buf();
        int q = quoted + Ipv4Header.headerLength(b, quoted);
        if (q + 4 > skb.tail()) {
            ns.drop(skb, ns.device(skb.iif), DropReason.ICMP_UNHANDLED);
            return;
        }
        ConnKey key = new ConnKey(Ipv4Header.src(b, quoted), TcpHeader.srcPort(b, q), Ipv4Header.dst(b, quoted),
            TcpHeader.dstPort(b, q));
        TcpSocket s = connections.get(key);
        if (s == null) {
            ns.drop(skb, ns.device(skb.iif), DropReason.ICMP_UNHANDLED);
        } else if (type == io.knetsim.packet.IcmpHeader.DEST_UNREACHABLE) {
            s.unreachable(code);
        }
    }
}
