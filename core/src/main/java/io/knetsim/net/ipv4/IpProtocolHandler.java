package io.knetsim.net.ipv4;

import io.knetsim.packet.SkBuff;

/** A transport protocol registered with the IPv4 stack ({@code struct net_protocol}). */
public interface IpProtocolHandler {
    /** A datagram for us; {@code skb.data()} and {@code skb.transportHeader} at the L4 header. */
    void receive(SkBuff skb);

    /**
     * An ICMP error about a datagram of this protocol that we sent ({@code err_handler}).
     *
     * @param quoted offset in {@code skb.buf()} of the quoted IP header
     */
    void icmpError(SkBuff skb, int type, int code, int info, int quoted);
}
