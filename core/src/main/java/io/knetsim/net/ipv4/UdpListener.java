package io.knetsim.net.ipv4;

import io.knetsim.packet.SkBuff;

/** A bound UDP port: receives datagrams and the ICMP errors about datagrams it sent. */
public interface UdpListener {
    /** {@code skb.data()} at the payload; {@code skb.networkHeader} at the IP header. */
    void receive(SkBuff skb, int src, int srcPort, int dst, int dstPort);

    /**
     * The word sum of a received payload, if this socket can tell it without reading every
     * byte (a tunnel whose inner packet carries its own checksums, as a NIC's checksum
     * offload would spare the kernel); -1 to have the UDP layer sum it in full.
     */
    default long payloadSum(byte[] b, int off, int len) {
        return -1;
    }

    /** An ICMP error about a datagram we sent from this port to {@code dst:dstPort}. */
    default void icmpError(int from, int type, int code, int info, int dst, int dstPort) {
    }
}
