package io.knetsim.net.ipv4;

import io.knetsim.packet.SkBuff;

/** A ping socket: receives echo replies and ICMP errors for one echo identifier. */
public interface IcmpEchoListener {
    /**
     * An echo reply; {@code skb.data()} at the ICMP header, {@code skb.networkHeader} at the IP
     * header (for its TTL and source).
     */
    void echoReply(SkBuff skb, int from, int id, int seq);

    /**
     * An ICMP error about one of our echo requests (or a local error such as EMSGSIZE).
     *
     * @param from   who sent the error (ourselves for a local error)
     * @param seq    sequence number of the request it is about
     * @param info   next-hop MTU for fragmentation needed, else 0
     * @param local  true for an error raised by our own stack before sending
     */
    void error(int from, int type, int code, int info, int seq, boolean local);
}
