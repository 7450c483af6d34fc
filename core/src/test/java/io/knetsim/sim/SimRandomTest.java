package io.knetsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimRandomTest {
    @Test
    void pinnedFirstValuesSoThatAnAlgorithmChangeIsNoticed() {
        SimRandom r = new SimRandom(42);
        assertThat(r.nextLong()).isEqualTo(0xBDD732262FEB6E95L);
        assertThat(r.nextLong()).isEqualTo(0x28EFE333B266F103L);
        assertThat(r.nextLong()).isEqualTo(0x47526757130F9F52L);
    }

    @Test
    void matchesTheSplitMix64ReferenceOutputForSeedZero() {
        SimRandom r = new SimRandom(0);
        assertThat(r.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(r.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
        assertThat(r.nextLong()).isEqualTo(0x06C45D188009454FL);
    }

    @Test
    void sameSeedSameSequence() {
        SimRandom a = new SimRandom(2024);
        SimRandom b = new SimRandom(2024);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
    }

    @Test
    void derivedStreamsDependOnSeedAndNameOnlyNotOnCreationOrder() {
        SimRandom loss1 = SimRandom.derive(9, "C0w1/eth0/loss");
        SimRandom delay1 = SimRandom.derive(9, "C0w2/eth0/delay");
        long l1 = loss1.nextLong();
        loss1.nextLong();
        long d1 = delay1.nextLong();

        SimRandom delay2 = SimRandom.derive(9, "C0w2/eth0/delay");
        SimRandom loss2 = SimRandom.derive(9, "C0w1/eth0/loss");
        assertThat(delay2.nextLong()).isEqualTo(d1);
        assertThat(loss2.nextLong()).isEqualTo(l1);

        assertThat(l1).isNotEqualTo(d1);
        assertThat(SimRandom.derive(10, "C0w1/eth0/loss").nextLong()).isNotEqualTo(l1);
    }

    @Test
    void nextIntStaysInRangeAndIsRoughlyUniform() {
        SimRandom r = new SimRandom(7);
        int buckets = 10;
        int n = 100_000;
        int[] counts = new int[buckets];
        for (int i = 0; i < n; i++) {
            int v = r.nextInt(buckets);
            assertThat(v).isBetween(0, buckets - 1);
            counts[v]++;
        }
        double expected = (double) n / buckets;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // 9 degrees of freedom: the 99.9th percentile is 27.9.
        assertThat(chi2).isLessThan(27.9);
    }

    @Test
    void nextIntWithAnAwkwardBoundHasNoModuloBias() {
        SimRandom r = new SimRandom(11);
        // 2^32 / 2.5: plain (r % bound) would put 60% of the draws in the lower half.
        int bound = 1_717_986_918;
        int low = 0;
        int n = 30_000;
        for (int i = 0; i < n; i++) {
            int v = r.nextInt(bound);
            assertThat(v).isBetween(0, bound - 1);
            if (v < bound / 2) {
                low++;
            }
        }
        assertThat((double) low / n).isBetween(0.48, 0.52);
    }

    @Test
    void nextIntRejectsNonPositiveBounds() {
        assertThatThrownBy(() -> new SimRandom(1).nextInt(0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    @Test
    void nextDoubleAndChanceBehave() {
        SimRandom r = new SimRandom(5);
        int hits = 0;
        for (int i = 0; i < 10_000; i++) {
            double d = r.nextDouble();
            assertThat(d).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
            if (r.chance(0.25)) {
                hits++;
            }
        }
        assertThat(hits).isBetween(2300, 2700);
        assertThat(r.chance(0)).isFalse();
        assertThat(r.chance(1)).isTrue();
    }
}
