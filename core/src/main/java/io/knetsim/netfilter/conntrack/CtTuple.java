package io.knetsim.netfilter.conntrack;

import io.knetsim.packet.Bytes;
import io.knetsim.packet.IcmpHeader;
import io.knetsim.packet.Ipv4Header;

/**
 * One direction of a flow ({@code struct nf_conntrack_tuple}): protocol, addresses and
 * ports. ICMP echo flows are keyed by their identifier, kept in both port slots so that a
 * reply's tuple is the inverse of its request's.
 */
public record CtTuple(int proto, int src, int dst, int sport, int dport) {
    /** The tuple the other direction's packets have. */
    public CtTuple invert() {
        return new CtTuple(proto, dst, src, dport, sport);
    }

    /**
     * The tuple of the IPv4 packet at {@code nh}, or null when it cannot be tracked (a
     * non-first fragment, a truncated header, an ICMP type that is not echo).
     */
    public static CtTuple of(byte[] b, int nh, int tail) {
        int proto = Ipv4Header.protocol(b, nh);
        int src = Ipv4Header.src(b, nh);
        int dst = Ipv4Header.dst(b, nh);
        if (Ipv4Header.fragmentOffset(b, nh) != 0) {
            return null;
        }
        int th = nh + Ipv4Header.headerLength(b, nh);
        switch (proto) {
            case Ipv4Header.PROTO_TCP, Ipv4Header.PROTO_UDP -> {
                if (th + 4 > tail) {
                    return null;
                }
                return new CtTuple(proto, src, dst, Bytes.u16(b, th), Bytes.u16(b, th + 2));
            }
            case Ipv4Header.PROTO_ICMP -> {
                if (th + IcmpHeader.LENGTH > tail) {
                    return null;
                }
                int type = IcmpHeader.type(b, th);
                if (type != IcmpHeader.ECHO_REQUEST && type != IcmpHeader.ECHO_REPLY) {
                    return null;
                }
                int id = IcmpHeader.id(b, th);
                return new CtTuple(proto, src, dst, id, id);
            }
            default -> {
                return new CtTuple(proto, src, dst, 0, 0);
            }
        }
    }
}
