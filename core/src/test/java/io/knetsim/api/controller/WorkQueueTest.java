package io.knetsim.api.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.ApiException;
import io.knetsim.api.Status;
import io.knetsim.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys are synced once per drain, in order, off the caller's stack; failures back off 5 ms, 10 ms, ... then give up. */
class WorkQueueTest {
    private final Simulator sim = new Simulator(1);
    private final List<String> synced = new ArrayList<>();

    @Test
    void keysAreDedupedAndSyncedInOrderOnTheClock() {
        WorkQueue q = new WorkQueue(sim, synced::add);
        q.add("default/b");
        q.add("default/a");
        q.add("default/b");
        assertThat(synced).isEmpty();
        sim.runUntilIdle();
        assertThat(synced).containsExactly("default/b", "default/a");
    }

    @Test
    void aFailingSyncIsRetriedWithBackoffThenGivenUp() {
        List<Long> times = new ArrayList<>();
        WorkQueue q = new WorkQueue(sim, k -> {
            times.add(sim.now() / 1_000_000);
            throw new ApiException(Status.failure(404, "NotFound", "namespaces \"gone\" not found", null));
        });
        q.add("gone/x");
        sim.runUntilIdle();
        assertThat(times).containsExactly(0L, 5L, 15L, 35L, 75L, 155L, 315L, 635L, 1275L, 2555L, 5115L);
        assertThat(q.givenUp()).isEqualTo(1);
    }
}
