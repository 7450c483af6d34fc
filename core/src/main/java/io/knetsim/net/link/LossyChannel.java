package io.knetsim.net.link;

import io.knetsim.net.DropReason;
import io.knetsim.net.NetDevice;
import io.knetsim.packet.SkBuff;
import io.knetsim.sim.SimRandom;

/** Loses each frame with a fixed probability, from a seeded stream ({@code link_loss}). */
public final class LossyChannel implements Channel {
    private final SimRandom random;
    private final double loss;
    private final Channel next;
    private final NetDevice from;

    public LossyChannel(SimRandom random, double loss, Channel next, NetDevice from) {
        if (loss < 0 || loss > 1) {
            throw new IllegalArgumentException("loss must be between 0 and 1: " + loss);
        }
        this.random = random;
        this.loss = loss;
        this.next = next;
        this.from = from;
    }

    @Override
    public void send(SkBuff skb) {
        if (random.chance(loss)) {
            from.dropTx(skb, DropReason.LINK_LOSS);
            return;
        }
        next.send(skb);
    }
}
