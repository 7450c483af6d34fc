package io.knetsim.netfilter.conntrack;

import io.knetsim.net.NetDevice;
import io.knetsim.netfilter.NfHook;
import io.knetsim.netfilter.Verdict;
import io.knetsim.packet.SkBuff;

/** The nat-type chains at a hook, run by conntrack's NAT hook on a flow's first packet only. */
@FunctionalInterface
public interface NatChains {
    Verdict run(NfHook hook, SkBuff skb, NetDevice in, NetDevice out);
}
