package io.knetsim.net.link;

import io.knetsim.sim.SimTime;
import java.time.Duration;

/**
 * A link's properties, the same both ways: one-way delay, bandwidth (0 = unlimited), the
 * drop-tail queue length in frames, and the loss probability.
 */
public record LinkConfig(long delayNanos, long bitsPerSecond, int queueFrames, double loss) {
    /** 1000 frames, the default txqueuelen of an Ethernet NIC. */
    public static final int DEFAULT_QUEUE = 1000;
    /** A 50 microsecond, unlimited, lossless link (a rack switch hop). */
    public static final LinkConfig DEFAULT = new LinkConfig(SimTime.us(50), 0, DEFAULT_QUEUE, 0);

    public LinkConfig {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("link delay must not be negative");
        }
        if (bitsPerSecond < 0) {
            throw new IllegalArgumentException("link bandwidth must not be negative");
        }
        if (queueFrames < 1) {
            throw new IllegalArgumentException("link queue must hold at least one frame");
        }
        if (loss < 0 || loss > 1) {
            throw new IllegalArgumentException("link loss must be between 0 and 1, got " + loss);
        }
    }

    public LinkConfig withDelay(Duration d) {
        return new LinkConfig(d.toNanos(), bitsPerSecond, queueFrames, loss);
    }

    public LinkConfig withRate(long bitsPerSecond) {
        return new LinkConfig(delayNanos, bitsPerSecond, queueFrames, loss);
    }

    public LinkConfig withQueue(int frames) {
        return new LinkConfig(delayNanos, bitsPerSecond, frames, loss);
    }

    public LinkConfig withLoss(double p) {
        return new LinkConfig(delayNanos, bitsPerSecond, queueFrames, p);
    }
}
