package io.knetsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The indexed heap against java.util.PriorityQueue as a model: random adds (with many equal
 * times), polls and cancels of arbitrary pending timers must give the same sequence.
 */
class EventQueuePropertyTest {
    private static final Comparator<Timer> ORDER =
        Comparator.<Timer>comparingLong(t -> t.time).thenComparingLong(t -> t.seq);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234, 99991})
    void behavesLikeAPriorityQueueWithRemove(long seed) {
        SimRandom rnd = new SimRandom(seed);
        EventQueue queue = new EventQueue();
        PriorityQueue<Timer> model = new PriorityQueue<>(ORDER);
        List<Timer> pending = new ArrayList<>();
        long seq = 0;

        for (int op = 0; op < 20_000; op++) {
            int kind = rnd.nextInt(10);
            if (kind < 5 || model.isEmpty()) {
                Timer t = new Timer(queue, rnd.nextInt(50), seq++, () -> { });
                queue.add(t);
                model.add(t);
                pending.add(t);
            } else if (kind < 8) {
                Timer expected = model.poll();
                Timer actual = queue.poll();
                assertThat(actual).isSameAs(expected);
                assertThat(actual.isPending()).isFalse();
                pending.remove(actual);
            } else {
                Timer victim = pending.remove(rnd.nextInt(pending.size()));
                victim.cancel();
                model.remove(victim);
                assertThat(victim.isPending()).isFalse();
            }
            assertThat(queue.size()).isEqualTo(model.size());
            assertThat(queue.peek()).isSameAs(model.peek());
        }
        while (!model.isEmpty()) {
            assertThat(queue.poll()).isSameAs(model.poll());
        }
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.peek()).isNull();
    }
}
