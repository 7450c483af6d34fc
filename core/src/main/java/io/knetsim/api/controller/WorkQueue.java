package io.knetsim.api.controller;

import io.knetsim.sim.Simulator;
import java.util.LinkedHashSet;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * A controller's work queue (client-go's {@code workqueue}): keys such as {@code default/web}
 * added by watch handlers, each pending at most once, synced in the order they were added by
 * one event-loop task. A key added again while pending is not synced twice.
 */
public final class WorkQueue {
    private final Simulator sim;
    private final Consumer<String> sync;
    private final LinkedHashSet<String> pending = new LinkedHashSet<>();
    private boolean scheduled;

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
            sync.accept(key);
        }
    }

    /** {@code namespace/name}, the key of a namespaced object. */
    public static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
