package io.knetsim.net;

import io.knetsim.packet.SkBuff;

/**
 * Sees every frame a device receives or transmits, like a packet socket bound to it
 * ({@code ETH_P_ALL}). Captures and tcpdump attach one; the tap must not change the skb.
 */
@FunctionalInterface
public interface PacketTap {
    enum Direction { IN, OUT }

    /** {@code skb.data()} points at the Ethernet header. */
    void tap(NetDevice dev, SkBuff skb, Direction direction);
}
