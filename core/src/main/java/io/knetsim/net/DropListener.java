package io.knetsim.net;

import io.knetsim.packet.SkBuff;

/** Told of every drop in a world, like a {@code kfree_skb} tracepoint. */
@FunctionalInterface
public interface DropListener {
    /**
     * @param ns     namespace the packet was in
     * @param dev    device it was on, or null for a drop in the stack with no device
     * @param skb    the packet as it was when dropped (do not keep it: copy what you need)
     * @param reason why
     */
    void dropped(NetNamespace ns, NetDevice dev, SkBuff skb, DropReason reason);
}
