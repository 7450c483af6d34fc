package io.knetsim.kv;

import java.util.List;

/**
 * A node as etcd v2 shows it ({@code NodeExtern}): a key with a value, or a directory with
 * (for listings) its children. {@code expiration} is simulated nanoseconds since the run
 * started, read as time since the Unix epoch, or -1 for a permanent node; {@code ttl} is the
 * seconds left, rounded up, or 0. {@code nodes} is null when etcd would leave it out.
 */
public record KvNode(String key, String value, boolean dir, long expiration, long ttl, List<KvNode> nodes,
                     long modifiedIndex, long createdIndex) {
    /** Whether a TTL is set. */
    public boolean hasTtl() {
        return expiration >= 0;
    }
}
