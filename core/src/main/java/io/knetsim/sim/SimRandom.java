package io.knetsim.sim;

import java.nio.charset.StandardCharsets;

/**
 * A small, fully specified pseudo-random generator (SplitMix64), so that the same seed gives
 * the same numbers on every JDK. Components never share one: each asks its simulator for
 * {@code random("C0w1/eth0/loss")} and gets a stream derived from the simulator's seed and
 * that name alone, so results do not depend on the order components were created in.
 */
public final class SimRandom {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    public SimRandom(long seed) {
        this.state = seed;
    }

    /** A generator derived from {@code seed} and {@code name}, independent of any other. */
    public static SimRandom derive(long seed, String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64 over the UTF-8 name
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return new SimRandom(mix(seed ^ mix(h)));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        return mix(state += GOLDEN);
    }

    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /** Uniform in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long limit = (1L << 32) - ((1L << 32) % bound);
        long r;
        do {
            r = nextLong() >>> 32;
        } while (r >= limit);
        return (int) (r % bound);
    }

    /** Uniform in [0, 1) with 53 bits of precision. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** True with probability {@code p}. */
    public boolean chance(double p) {
        return p > 0 && nextDouble() < p;
    }
}
