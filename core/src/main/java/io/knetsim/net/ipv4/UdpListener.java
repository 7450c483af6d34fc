package io.knetsim.net.ipv4;

import io.knetsim.packet.SkBuff;

/** A bound UDP port: receives datagrams and the ICMP errors about datagrams it sent. */
public interface UdpListener {
    /** {@code skb.data()} at the payload; {@code skb.networkHeader} at the IP header. */
    void receive(SkBuff skb, int src, int srcPort, int dst, int dstPort);

    /** An ICMP error about a datagram we sent from this port to {@code dst:dstPort}. */
    default void icmpError(int from, int type, int code, int info, int dst, int dstPort) {
    }
}
