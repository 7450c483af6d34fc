package io.knetsim.net.link;

import io.knetsim.packet.SkBuff;

/** One direction of a link: takes a frame ({@code skb.data()} at the Ethernet header). */
@FunctionalInterface
public interface Channel {
    void send(SkBuff skb);
}
