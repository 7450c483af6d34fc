package io.knetsim.net.ipv4;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.Errno;
import io.knetsim.net.NetNamespace;
import io.knetsim.packet.IcmpHeader;
import io.knetsim.packet.SkBuff;
import java.util.function.Consumer;

/**
 * A UDP socket as an application sees it ({@code socket(AF_INET, SOCK_DGRAM)}): bind to a port
 * (0 picks an ephemeral one from {@code ip_local_port_range}), optionally connect to one peer,
 * send and receive datagrams; callbacks run on the simulator's clock.
 *
 * <p>A connected socket behaves as Linux's does: it only accepts datagrams from its peer, and
 * an ICMP error about a datagram it sent is reported as the socket error (port unreachable
 * becomes {@link Errno#ECONNREFUSED}, which the next send returns too). An unconnected socket
 * ignores ICMP errors, as Linux does without {@code IP_RECVERR}.
 */
public final class UdpSocket implements UdpListener {
    /** One received datagram. */
    public record Datagram(Ipv4Address src, int srcPort, Ipv4Address dst, int dstPort, byte[] payload) {
    }

    private final NetNamespace ns;
    private Ipv4Address localAddr = Ipv4Address.ANY;
    private int localPort;
    private Ipv4Address peer;
    private int peerPort;
    private Consumer<Datagram> onReceive = d -> { };
    private Consumer<Errno> onError = e -> { };
    private Errno pendingError;
    private boolean closed;

    private UdpSocket(NetNamespace ns) {
        this.ns = ns;
    }

    /** A new unbound socket in {@code ns}. */
    public static UdpSocket open(NetNamespace ns) {
        return new UdpSocket(ns);
    }

    /** Where received datagrams go. */
    public UdpSocket onReceive(Consumer<Datagram> handler) {
        this.onReceive = handler;
        return this;
    }

    /** Where asynchronous errors (ICMP on a connected socket) go. */
    public UdpSocket onError(Consumer<Errno> handler) {
        this.onError = handler;
        return this;
    }

    /**
     * {@code bind(addr, port)}: {@code addr} must be a local address or ANY; port 0 picks an
     * ephemeral port. Throws {@link UdpSocketException} with EADDRINUSE or EINVAL.
     */
    public UdpSocket bind(Ipv4Address addr, int port) {
        if (localPort != 0 || closed) {
            throw new UdpSocketException(Errno.EINVAL);
        }
        if (!addr.isAny() && !ns.isLocalAddress(addr.bits())) {
            throw new UdpSocketException(Errno.EADDRNOTAVAIL);
        }
        if (port == 0) {
            try {
                localPort = ns.udp().bindEphemeral(this);
            } catch (IllegalStateException e) {
                throw new UdpSocketException(Errno.EADDRINUSE);
            }
        } else {
            if (ns.udp().isBound(port)) {
                throw new UdpSocketException(Errno.EADDRINUSE);
            }
            ns.udp().bind(port, this);
            localPort = port;
        }
        localAddr = addr;
        return this;
    }

    /**
     * {@code connect(dst, port)}: fixes the peer, binds an ephemeral port if unbound and chooses
     * the source address by routing. Throws {@link UdpSocketException} with ENETUNREACH etc.
     */
    public UdpSocket connect(Ipv4Address dst, int port) {
        RouteResult rt = ns.ip().route(dst.bits(), localAddr.bits(), null);
        if (!rt.ok()) {
            throw new UdpSocketException(rt.error());
        }
        if (localPort == 0) {
            bind(Ipv4Address.ANY, 0);
        }
        if (localAddr.isAny()) {
            localAddr = new Ipv4Address(rt.src());
        }
        peer = dst;
        peerPort = port;
        pendingError = null;
        return this;
    }

    /** {@code send()} on a connected socket; a pending ICMP error is returned (and cleared) first. */
    public void send(byte[] payload) {
        if (peer == null) {
            throw new UdpSocketException(Errno.EDESTADDRREQ);
        }
        if (pendingError != null) {
            Errno e = pendingError;
            pendingError = null;
            throw new UdpSocketException(e);
        }
        transmit(payload, peer, peerPort);
    }

    /** {@code sendto()}: binds an ephemeral port first if needed. */
    public void sendTo(byte[] payload, Ipv4Address dst, int port) {
        if (localPort == 0) {
            bind(Ipv4Address.ANY, 0);
        }
        transmit(payload, dst, port);
    }

    private void transmit(byte[] payload, Ipv4Address dst, int port) {
        if (closed) {
            throw new UdpSocketException(Errno.EBADF);
        }
        SkBuff skb = SkBuff.allocate(SkBuff.DEFAULT_HEADROOM, payload.length);
        skb.putBytes(payload, 0, payload.length);
        Errno e = ns.udp().send(skb, localAddr.bits(), localPort, dst.bits(), port, ns.sysctl().defaultTtl, 0,
            false, true);
        if (e != null) {
            throw new UdpSocketException(e);
        }
    }

    /** Unbinds; later datagrams to the port get ICMP port unreachable. */
    public void close() {
        if (!closed && localPort != 0) {
            ns.udp().unbind(localPort);
        }
        closed = true;
    }

    public int localPort() {
        return localPort;
    }

    public Ipv4Address localAddress() {
        return localAddr;
    }

    /** The connected peer, or null. */
    public Ipv4Address peer() {
        return peer;
    }

    public int peerPort() {
        return peerPort;
    }

    @Override
    public void receive(SkBuff skb, int src, int srcPort, int dst, int dstPort) {
        if (peer != null && (src != peer.bits() || srcPort != peerPort)) {
            ns.drop(skb, ns.device(skb.iif), io.knetsim.net.DropReason.NO_SOCKET);
            return;
        }
        byte[] data = new byte[skb.len()];
        System.arraycopy(skb.buf(), skb.data(), data, 0, data.length);
        onReceive.accept(new Datagram(new Ipv4Address(src), srcPort, new Ipv4Address(dst), dstPort, data));
    }

    @Override
    public void icmpError(int from, int type, int code, int info, int dst, int dstPort) {
        if (peer == null || dst != peer.bits() || dstPort != peerPort || type != IcmpHeader.DEST_UNREACHABLE) {
            return;
        }
        Errno e = switch (code) {
            case IcmpHeader.PORT_UNREACHABLE -> Errno.ECONNREFUSED;
            case IcmpHeader.FRAG_NEEDED -> Errno.EMSGSIZE;
            case IcmpHeader.NET_UNREACHABLE -> Errno.ENETUNREACH;
            default -> Errno.EHOSTUNREACH;
        };
        pendingError = e;
        onError.accept(e);
    }
}
