package io.knetsim.netfilter.nft;

import io.knetsim.packet.Ipv4Header;
import java.util.List;

/**
 * {@code fib daddr type} and {@code fib saddr type} ({@code nft_fib} with
 * {@code NFTA_FIB_F_DADDR} or {@code _SADDR}, result {@code NFT_FIB_RESULT_ADDRTYPE}): the kind of
 * address the packet is going to (or coming from), as the namespace's addresses say:
 * {@code local} for one of its own (iptables' {@code -m addrtype --dst-type LOCAL}, which
 * iptables-nft writes as {@code fib daddr type local}; kube-proxy's {@code fib saddr type local}
 * for traffic the node itself sends), {@code broadcast}, {@code multicast}, else {@code unicast}.
 *
 * @param saddr true for {@code fib saddr type}
 */
public record FibExpr(boolean saddr) implements Expr {
    /** {@code fib daddr type}. */
    public FibExpr() {
        this(false);
    }

    /** {@code RTN_UNICAST}, {@code RTN_LOCAL}, {@code RTN_BROADCAST}, {@code RTN_MULTICAST}. */
    static final long UNICAST = 1;
    static final long LOCAL = 2;
    static final long BROADCAST = 3;
    static final long MULTICAST = 5;

    @Override
    public Object eval(NftPacket p) {
        int dst = saddr ? Ipv4Header.src(p.skb.buf(), p.skb.networkHeader)
            : Ipv4Header.dst(p.skb.buf(), p.skb.networkHeader);
        if (p.nft.ns().isLocalAddress(dst)) {
            return LOCAL;
        }
        if (dst == -1 || p.nft.ns().isBroadcastAddress(dst)) {
            return BROADCAST;
        }
        return (dst >>> 28) == 0xE ? MULTICAST : UNICAST;
    }

    @Override
    public List<DataType> types() {
        return List.of(DataType.FIB_ADDRTYPE);
    }

    @Override
    public String format() {
        return saddr ? "fib saddr type" : "fib daddr type";
    }
}
