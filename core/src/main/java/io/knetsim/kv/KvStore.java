package io.knetsim.kv;

import io.knetsim.sim.SimTime;
import io.knetsim.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The etcd v2 data model (etcd's {@code store}): a tree of keys and directories under
 * {@code /}, every change numbered by a global etcd index that also becomes the changed
 * node's {@code modifiedIndex} (and {@code createdIndex} when it is new).
 *
 * <pre>
 *   /                        (root, read only)
 *   +-- coreos.com/          dir   createdIndex 3
 *   |   +-- network/         dir   createdIndex 3
 *   |       +-- config       "{...}"  created 3 modified 3
 *   |       +-- subnets/     dir
 *   |           +-- 11.10.16.0-20   "{...}"  ttl 86400
 *   +-- foo                  "bar"    created 7 modified 9
 * </pre>
 *
 * <p>Operations follow etcd v2's store: {@link #set} (replaces a key, never a directory),
 * {@link #create} ({@code prevExist=false}), {@link #update} ({@code prevExist=true}),
 * {@link #compareAndSwap} ({@code prevValue}/{@code prevIndex}), {@link #delete} (with
 * {@code dir}/{@code recursive}), {@link #compareAndDelete}, {@link #createInOrder}
 * ({@code POST}: a key named after the next index, zero-padded to 20 digits) and
 * {@link #get} (sorted or not, recursive or not; keys starting with {@code _} are hidden from
 * listings). Missing parent directories are created. A failed operation throws a
 * {@link KvError} with etcd's code, cause and the current index, and changes nothing.
 *
 * <p>TTLs run on the simulator clock: a key or directory expires exactly at its expiration
 * time (etcd's leader sweeps every 500 ms; here it is at once), vanishes with its children,
 * takes an index and leaves an {@code expire} event. The last {@link #HISTORY_SIZE} changes
 * are kept so that a {@link #watch} may start from an older index, as etcd v2 does.
 */
public final class KvStore {
    /** etcd v2's event history length. */
    public static final int HISTORY_SIZE = 1000;

    private final Simulator sim;
    private final StoreNode root;
    private final EventHistory history;
    private final List<KvWatch> watches = new ArrayList<>();
    private long index;

    public KvStore(Simulator sim) {
        this(sim, HISTORY_SIZE);
    }

    /** A store with a shorter or longer event history (for tests). */
    public KvStore(Simulator sim, int historySize) {
        this.sim = sim;
        this.root = new StoreNode("/", null, true, null, 0);
        this.history = new EventHistory(historySize);
    }

    public Simulator sim() {
        return sim;
    }

    /** The etcd index: the number of the last change. */
    public long index() {
        return index;
    }

    /** The index of the oldest change a watch may still start from (0 before the first change). */
    public long historyStartIndex() {
        return history.startIndex();
    }

    /** etcd's {@code path.Clean(path.Join("/", key))}: {@code foo//bar/} is {@code /foo/bar}. */
    public static String clean(String key) {
        return io.knetsim.util.CleanPath.of(key.startsWith("/") ? key : "/" + key);
    }

    // ---- reads

    /** The node at {@code key}; a directory lists its children, and theirs when {@code recursive}. */
    public KvEvent get(String key, boolean recursive, boolean sorted) {
        StoreNode n = lookup(clean(key));
        return new KvEvent(KvEvent.GET, n.load(recursive, sorted, sim.now()), null, index);
    }

    // ---- writes

    /** Sets a key (or makes a directory when {@code dir}); replaces a key, fails on a directory (102). */
    public KvEvent set(String key, boolean dir, String value, Long ttlSeconds) {
        return internalCreate(clean(key), dir, value, ttlSeconds, true, KvEvent.SET);
    }

    /** Creates a key or directory that must not exist ({@code prevExist=false}; else 105). */
    public KvEvent create(String key, boolean dir, String value, Long ttlSeconds) {
        return internalCreate(clean(key), dir, value, ttlSeconds, false, KvEvent.CREATE);
    }

    /**
     * {@code POST} to a directory: creates {@code DIR/NNNNNNNNNNNNNNNNNNNN}, named after the
     * next index padded to 20 digits, so the keys of a directory sort in creation order.
     */
    public KvEvent createInOrder(String dirKey, String value, Long ttlSeconds) {
        String dir = clean(dirKey);
        String name = String.format("%020d", index + 1);
        return internalCreate(clean(dir + "/" + name), false, value, ttlSeconds, false, KvEvent.CREATE);
    }

    /**
     * Changes an existing key's value, or a directory's TTL ({@code prevExist=true}; 100 when
     * missing, 102 for a value on a directory). A null TTL makes the node permanent.
     */
    public KvEvent update(String key, String value, Long ttlSeconds) {
        String path = clean(key);
        readOnly(path);
        StoreNode n = lookup(path);
        String v = value == null ? "" : value;
        if (n.isDir() && !v.isEmpty()) {
            throw new KvError(KvErrorCode.NOT_FILE, path, index);
        }
        checkTtl(ttlSeconds);
        long next = index + 1;
        KvNode prev = n.repr(false, false, sim.now());
        if (!n.isDir()) {
            n.value = v;
        }
        n.modifiedIndex = next;
        setTtl(n, ttlSeconds);
        index = next;
        return commit(new KvEvent(KvEvent.UPDATE, n.repr(false, false, sim.now()), prev, index));
    }

    /**
     * Sets a key only if its value is {@code prevValue} and its modifiedIndex is
     * {@code prevIndex} (an empty/null value or index 0 is not compared): 101 with
     * {@code [expected != actual]} otherwise, 102 on a directory.
     */
    public KvEvent compareAndSwap(String key, String prevValue, long prevIndex, String value, Long ttlSeconds) {
        String path = clean(key);
        readOnly(path);
        StoreNode n = lookup(path);
        if (n.isDir()) {
            throw new KvError(KvErrorCode.NOT_FILE, path, index);
        }
        compare(n, prevValue, prevIndex);
        checkTtl(ttlSeconds);
        index++;
        KvNode prev = n.repr(false, false, sim.now());
        n.value = value == null ? "" : value;
        n.modifiedIndex = index;
        setTtl(n, ttlSeconds);
        return commit(new KvEvent(KvEvent.COMPARE_AND_SWAP, n.repr(false, false, sim.now()), prev, index));
    }

    /**
     * Deletes a key, an empty directory ({@code dir}) or a directory with everything in it
     * ({@code recursive}): 102 for a directory without {@code dir}, 108 for a non-empty one
     * without {@code recursive}.
     */
    public KvEvent delete(String key, boolean dir, boolean recursive) {
        String path = clean(key);
        readOnly(path);
        if (recursive) {
            dir = true;
        }
        StoreNode n = lookup(path);
        if (n.isDir()) {
            if (!dir) {
                throw new KvError(KvErrorCode.NOT_FILE, path, index);
            }
            if (!n.children.isEmpty() && !recursive) {
                throw new KvError(KvErrorCode.DIR_NOT_EMPTY, path, index);
            }
        }
        return remove(n, KvEvent.DELETE);
    }

    /** Deletes a key only if it matches {@code prevValue}/{@code prevIndex} (101 otherwise, 102 on a directory). */
    public KvEvent compareAndDelete(String key, String prevValue, long prevIndex) {
        String path = clean(key);
        readOnly(path);
        StoreNode n = lookup(path);
        if (n.isDir()) {
            throw new KvError(KvErrorCode.NOT_FILE, path, index);
        }
        compare(n, prevValue, prevIndex);
        return remove(n, KvEvent.COMPARE_AND_DELETE);
    }

    // ---- watches

    /**
     * Watches {@code key} (and the keys below it when {@code recursive}) for the first change
     * at or after {@code waitIndex} (0: the next change). A change still in the history is
     * delivered from it; an index older than the history is error 401. The callback runs on
     * the simulator clock, never inside this call.
     */
    public KvWatch watch(String key, boolean recursive, long waitIndex, Consumer<KvEvent> callback) {
        String path = clean(key);
        long since = waitIndex <= 0 ? index + 1 : waitIndex;
        KvEvent past = history.scan(path, recursive, since, index);
        KvWatch w = new KvWatch(this, path, recursive, since, callback);
        if (past != null) {
            sim.after(0, () -> w.fire(past));
        } else {
            watches.add(w);
        }
        return w;
    }

    /** Watches waiting for a change. */
    public int watchCount() {
        return watches.size();
    }

    void removeWatch(KvWatch w) {
        watches.remove(w);
    }

    // ---- internals

    private KvEvent internalCreate(String path, boolean dir, String value, Long ttl, boolean replace, String action) {
        readOnly(path);
        checkTtl(ttl);
        String parentPath = path.substring(0, path.lastIndexOf('/'));
        String name = path.substring(path.lastIndexOf('/') + 1);
        // Check the parents before changing anything: a key on the way is error 104.
        StoreNode d = root;
        List<String> missing = new ArrayList<>();
        for (String seg : parentPath.isEmpty() ? new String[0] : parentPath.substring(1).split("/")) {
            if (!missing.isEmpty()) {
                missing.add(seg);
                continue;
            }
            StoreNode c = d.children.get(seg);
            if (c == null) {
                missing.add(seg);
            } else if (!c.isDir()) {
                throw new KvError(KvErrorCode.NOT_DIR, c.path, index);
            } else {
                d = c;
            }
        }
        StoreNode existing = missing.isEmpty() ? d.children.get(name) : null;
        KvNode prev = null;
        if (existing != null) {
            if (!replace) {
                throw new KvError(KvErrorCode.NODE_EXIST, path, index);
            }
            if (existing.isDir()) {
                throw new KvError(KvErrorCode.NOT_FILE, path, index);
            }
            prev = existing.repr(false, false, sim.now());
        }
        long next = index + 1;
        for (String seg : missing) {
            StoreNode c = new StoreNode(child(d.path, seg), d, true, null, next);
            d.children.put(seg, c);
            d = c;
        }
        if (existing != null) {
            unlink(existing);
        }
        StoreNode n = new StoreNode(path, d, dir, value == null ? "" : value, next);
        d.children.put(name, n);
        setTtl(n, ttl);
        index = next;
        return commit(new KvEvent(action, n.repr(false, false, sim.now()), prev, index));
    }

    private static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    private void readOnly(String path) {
        if (path.equals("/")) {
            throw new KvError(KvErrorCode.ROOT_READ_ONLY, "/", index);
        }
    }

    private static void checkTtl(Long ttl) {
        if (ttl != null && ttl < 0) {
            throw new KvError(KvErrorCode.TTL_NAN, "invalid value for \"ttl\"", 0);
        }
    }

    /** etcd's walk: 100 with the first missing path, 104 when a key is on the way. */
    private StoreNode lookup(String path) {
        StoreNode n = root;
        if (path.equals("/")) {
            return n;
        }
        for (String seg : path.substring(1).split("/")) {
            if (!n.isDir()) {
                throw new KvError(KvErrorCode.NOT_DIR, n.path, index);
            }
            StoreNode c = n.children.get(seg);
            if (c == null) {
                throw new KvError(KvErrorCode.KEY_NOT_FOUND, child(n.path, seg), index);
            }
            n = c;
        }
        return n;
    }

    private void compare(StoreNode n, String prevValue, long prevIndex) {
        boolean indexMatch = prevIndex == 0 || n.modifiedIndex == prevIndex;
        boolean valueMatch = prevValue == null || prevValue.isEmpty() || n.value.equals(prevValue);
        if (indexMatch && valueMatch) {
            return;
        }
        String cause;
        if (indexMatch) {
            cause = "[" + prevValue + " != " + n.value + "]";
        } else if (valueMatch) {
            cause = "[" + prevIndex + " != " + n.modifiedIndex + "]";
        } else {
            cause = "[" + prevValue + " != " + n.value + "] [" + prevIndex + " != " + n.modifiedIndex + "]";
        }
        throw new KvError(KvErrorCode.TEST_FAILED, cause, index);
    }

    private void setTtl(StoreNode n, Long ttl) {
        if (n.expiry != null) {
            n.expiry.cancel();
            n.expiry = null;
        }
        if (ttl == null) {
            n.expireAt = -1;
            return;
        }
        n.expireAt = sim.now() + SimTime.seconds(ttl);
        n.expiry = sim.at(n.expireAt, () -> expire(n));
    }

    private void expire(StoreNode n) {
        n.expiry = null;
        if (n.parent == null || n.parent.children.get(n.name()) != n) {
            return;
        }
        remove(n, KvEvent.EXPIRE);
    }

    private KvEvent remove(StoreNode n, String action) {
        index++;
        KvNode prev = n.repr(false, false, sim.now());
        KvNode node = new KvNode(n.path, null, n.isDir(), -1, 0, null, index, n.createdIndex);
        unlink(n);
        return commit(new KvEvent(action, node, prev, index));
    }

    /** Takes {@code n} and everything under it out of the tree, cancelling their TTL timers. */
    private void unlink(StoreNode n) {
        n.parent.children.remove(n.name());
        cancelTimers(n);
    }

    private static void cancelTimers(StoreNode n) {
        if (n.expiry != null) {
            n.expiry.cancel();
            n.expiry = null;
        }
        if (n.isDir()) {
            for (StoreNode c : n.children.values()) {
                cancelTimers(c);
            }
        }
    }

    /** Records a change and wakes the watches that see it. */
    private KvEvent commit(KvEvent e) {
        history.add(e);
        for (KvWatch w : List.copyOf(watches)) {
            if (EventHistory.matches(e, w.key, w.recursive) && e.index() >= w.sinceIndex) {
                watches.remove(w);
                w.fire(e);
            }
        }
        return e;
    }
}
