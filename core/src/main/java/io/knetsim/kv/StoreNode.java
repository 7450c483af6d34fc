package io.knetsim.kv;

import io.knetsim.sim.SimTime;
import io.knetsim.sim.Timer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of the store's tree (etcd v2's internal {@code node}): a key with a value, or a
 * directory whose children are kept in insertion order (etcd's are in Go map order; a
 * {@code sorted} listing sorts by key either way).
 */
final class StoreNode {
    final String path;
    final StoreNode parent;
    String value;
    final Map<String, StoreNode> children;
    final long createdIndex;
    long modifiedIndex;
    /** Simulated time of expiry in nanoseconds, or -1 for a permanent node. */
    long expireAt = -1;
    Timer expiry;

    StoreNode(String path, StoreNode parent, boolean dir, String value, long index) {
        this.path = path;
        this.parent = parent;
        this.children = dir ? new LinkedHashMap<>() : null;
        this.value = dir ? null : value;
        this.createdIndex = index;
        this.modifiedIndex = index;
    }

    boolean isDir() {
        return children != null;
    }

    String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** etcd hides keys whose last segment starts with {@code _} from listings. */
    boolean isHidden() {
        return name().startsWith("_");
    }

    long ttl(long now) {
        if (expireAt < 0) {
            return 0;
        }
        long left = expireAt - now;
        long s = left / SimTime.SECOND;
        return left % SimTime.SECOND > 0 ? s + 1 : s;
    }

    /** The node as etcd shows it: a directory's children only when {@code recursive}. */
    KvNode repr(boolean recursive, boolean sorted, long now) {
        List<KvNode> nodes = recursive && isDir() ? list(true, sorted, now) : null;
        return new KvNode(path.equals("/") ? null : path, value, isDir(), expireAt, ttl(now), nodes, modifiedIndex,
            createdIndex);
    }

    /** A get's answer: a directory lists its children (and theirs only when {@code recursive}). */
    KvNode load(boolean recursive, boolean sorted, long now) {
        List<KvNode> nodes = isDir() ? list(recursive, sorted, now) : null;
        return new KvNode(path.equals("/") ? null : path, value, isDir(), expireAt, ttl(now),
            nodes == null || nodes.isEmpty() ? null : nodes, path.equals("/") ? 0 : modifiedIndex,
            path.equals("/") ? 0 : createdIndex);
    }

    private List<KvNode> list(boolean recursive, boolean sorted, long now) {
        List<KvNode> out = new ArrayList<>();
        for (StoreNode c : children.values()) {
            if (!c.isHidden()) {
                KvNode n = c.repr(recursive, sorted, now);
                if (n.nodes() != null && n.nodes().isEmpty()) {
                    n = new KvNode(n.key(), n.value(), n.dir(), n.expiration(), n.ttl(), null, n.modifiedIndex(),
                        n.createdIndex());
                }
                out.add(n);
            }
        }
        if (sorted) {
            out.sort(Comparator.comparing(KvNode::key));
        }
        return out;
    }
}
