package io.knetsim.kv;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last {@code capacity} changes, as etcd v2 keeps them for watches that start from an
 * index ({@code waitIndex}). Asking for an index older than the oldest kept event is error
 * 401; an index beyond the newest means "wait".
 */
final class EventHistory {
    private final int capacity;
    private final Deque<KvEvent> events = new ArrayDeque<>();

    EventHistory(int capacity) {
        this.capacity = capacity;
    }

    void add(KvEvent e) {
        events.addLast(e);
        if (events.size() > capacity) {
            events.removeFirst();
        }
    }

    /** The index of the oldest kept event, or 0 when there is none. */
    long startIndex() {
        return events.isEmpty() ? 0 : events.peekFirst().index();
    }

    /**
     * The first kept event at or after {@code index} that a watch on {@code key} sees, or
     * null. Throws 401 when {@code index} is older than the history.
     */
    KvEvent scan(String key, boolean recursive, long index, long storeIndex) {
        if (!events.isEmpty() && index < startIndex()) {
            throw new KvError(KvErrorCode.EVENT_INDEX_CLEARED,
                "the requested history has been cleared [" + startIndex() + "/" + index + "]", storeIndex);
        }
        for (KvEvent e : events) {
            if (e.index() >= index && matches(e, key, recursive)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Whether a watch on {@code key} sees {@code e}: a change of the key itself, of a key below
     * it when recursive, or the deletion or expiry of a directory holding it.
     */
    static boolean matches(KvEvent e, String key, boolean recursive) {
        String k = e.node().key();
        if (k == null) {
            k = "/";
        }
        if (k.equals(key)) {
            return true;
        }
        if (recursive && k.startsWith(key.endsWith("/") ? key : key + "/")) {
            return true;
        }
        boolean removal = e.action().equals(KvEvent.DELETE) || e.action().equals(KvEvent.EXPIRE);
        return removal && e.prevNode() != null && e.prevNode().dir() && key.startsWith(k + "/");
    }
}
