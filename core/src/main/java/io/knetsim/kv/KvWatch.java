package io.knetsim.kv;

import java.util.function.Consumer;

/**
 * A one-shot watch, as etcd v2's: it fires once, with the first matching change at or after
 * its index, and is then gone. {@link #cancel()} drops it before that (a client went away).
 */
public final class KvWatch {
    final String key;
    final boolean recursive;
    final long sinceIndex;
    private final Consumer<KvEvent> callback;
    private final KvStore store;
    private boolean done;

    KvWatch(KvStore store, String key, boolean recursive, long sinceIndex, Consumer<KvEvent> callback) {
        this.store = store;
        this.key = key;
        this.recursive = recursive;
        this.sinceIndex = sinceIndex;
        this.callback = callback;
    }

    /** The key watched. */
    public String key() {
        return key;
    }

    /** The first index this watch can fire for. */
    public long sinceIndex() {
        return sinceIndex;
    }

    /** Whether it fired or was cancelled. */
    public boolean isDone() {
        return done;
    }

    public void cancel() {
        if (!done) {
            done = true;
            store.removeWatch(this);
        }
    }

    /** Fires with {@code e}; returns false if it was already done. */
    boolean fire(KvEvent e) {
        if (done) {
            return false;
        }
        done = true;
        callback.accept(e);
        return true;
    }
}
