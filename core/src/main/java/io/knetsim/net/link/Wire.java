package io.knetsim.net.link;

import io.knetsim.net.NetDevice;
import io.knetsim.packet.SkBuff;
import io.knetsim.sim.Simulator;

/**
 * Propagation: the frame arrives at the far NIC {@code delay} nanoseconds later, as a new
 * event. Crossing to another host clears all off-wire metadata.
 */
public final class Wire implements Channel {
    private final Simulator sim;
    private final long delay;
    private final NetDevice to;

    public Wire(Simulator sim, long delayNanos, NetDevice to) {
        this.sim = sim;
        this.delay = delayNanos;
        this.to = to;
    }

    @Override
    public void send(SkBuff skb) {
        skb.hops = 0;
        skb.mark = 0;
        skb.nfct = null;
        skb.nftrace = false;
        skb.traceId = 0;
        skb.bridgedNf = false;
        sim.after(delay, () -> to.receive(skb));
    }
}
