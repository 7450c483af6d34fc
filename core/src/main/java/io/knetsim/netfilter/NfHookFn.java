package io.knetsim.netfilter;

import io.knetsim.net.NetDevice;
import io.knetsim.packet.SkBuff;

/** A function registered at a hook; {@code skb.data()} is at the IPv4 header. */
@FunctionalInterface
public interface NfHookFn {
    /**
     * @param in  the device the packet came in on (null at output)
     * @param out the device it will leave by (null at prerouting and input)
     */
    Verdict hook(NfHook hook, SkBuff skb, NetDevice in, NetDevice out);
}
