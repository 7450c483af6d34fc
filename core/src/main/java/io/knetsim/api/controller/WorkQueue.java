package io.knetsim.api.controller;

import io.knetsim.api.ApiException;
import io.knetsim.sim.Simulator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A controller's work queue (client-go's {@code workqueue}): keys such as {@code default/web}
 * added by watch handlers, each pending at most once, synced in the order they were added by
 * one event-loop task. A key added again while pending is not synced twice.
 * <p>A sync that fails with an {@link ApiException} (say, its namespace was deleted meanwhile) is
 * retried after 5 ms, 10 ms, 20 ms, ... as client-go's rate limiter does, and given up after
 * {@link #MAX_RETRIES} failures in a row, so that one bad object never stops the simulation.
 */
public final class WorkQueue {
    private final Simulator sim;
    private final Consumer<String> sync;
    private final LinkedHashSet<String> pending = new LinkedHashSet<>();
    private boolean scheduled;
    private final Map<String, Integer> retries = new HashMap<>();
    private long givenUp;

    /** Failed syncs of one key in a row after which it is dropped. */
    public static final int MAX_RETRIES = 10;
    /** The first retry delay; it doubles with each failure. */
    public static final long BASE_DELAY_NANOS = 5_000_000L;

    public WorkQueue(Simulator sim, Consumer<String> sync) {
        this.sim = sim;
        this.sync = sync;
    }

    public void add(String key) {
        pending.add(key);
        if (!scheduled) {
            scheduled = true;
            sim.after(0, this::drain);
        }
    }

    private void drain() {
        scheduled = false;
        while (!pending.isEmpty()) {
            Iterator<String> it = pending.iterator();
            String key = it.next();
            it.remove();
            try {
                sync.accept(key);
                retries.remove(key);
            } catch (ApiException e) {
                int n = retries.merge(key, 1, Integer::sum);
                if (n > MAX_RETRIES) {
                    retries.remove(key);
                    givenUp++;
                } else {
                    sim.after(BASE_DELAY_NANOS << (n - 1), () -> add(key));
                }
            }
        }
    }

    /** Keys dropped after {@link #MAX_RETRIES} failed syncs. */
    public long givenUp() {
        return givenUp;
    }

    /** {@code namespace/name}, the key of a namespaced object. */
    public static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
