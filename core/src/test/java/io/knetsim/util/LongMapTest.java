package io.knetsim.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.sim.SimRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** LongMap against java.util.HashMap as the model, with keys that collide on purpose. */
class LongMapTest {
    @Test
    void behavesLikeAHashMapUnderRandomPutsGetsAndRemoves() {
        for (long seed = 1; seed <= 4; seed++) {
            SimRandom r = new SimRandom(seed);
            LongMap<String> m = new LongMap<>(2);
            Map<Long, String> model = new HashMap<>();
            for (int step = 0; step < 20_000; step++) {
                // a small key space (including 0 and -1) so removes hit clusters often
                long key = r.nextInt(64) - 8L;
                switch (r.nextInt(3)) {
                    case 0 -> assertThat(m.put(key, "v" + step)).isEqualTo(model.put(key, "v" + step));
                    case 1 -> assertThat(m.remove(key)).isEqualTo(model.remove(key));
                    default -> assertThat(m.get(key)).isEqualTo(model.get(key));
                }
                assertThat(m.size()).isEqualTo(model.size());
                assertThat(m.containsKey(key)).isEqualTo(model.containsKey(key));
            }
            Map<Long, String> seen = new TreeMap<>();
            m.forEach(seen::put);
            assertThat(seen).isEqualTo(new TreeMap<>(model));
        }
    }

    @Test
    void zeroIsAnOrdinaryKeyAndNullValuesAreRefused() {
        LongMap<Integer> m = new LongMap<>();
        assertThat(m.get(0)).isNull();
        m.put(0, 7);
        assertThat(m.get(0)).isEqualTo(7);
        assertThat(m.containsKey(0)).isTrue();
        assertThatThrownBy(() -> m.put(1, null)).isInstanceOf(IllegalArgumentException.class);
        m.clear();
        assertThat(m.isEmpty()).isTrue();
        assertThat(m.get(0)).isNull();
    }

    @Test
    void growsPastItsInitialCapacity() {
        LongMap<Long> m = new LongMap<>(1);
        for (long k = 0; k < 10_000; k++) {
            m.put(k * 0x1_0000_0001L, k);
        }
        assertThat(m.size()).isEqualTo(10_000);
        for (long k = 0; k < 10_000; k++) {
            assertThat(m.get(k * 0x1_0000_0001L)).isEqualTo(k);
        }
    }
}
