package io.knetsim.kv;

/**
 * What a store operation did, as etcd v2 answers it: {@code action} (get, set, create,
 * update, compareAndSwap, delete, compareAndDelete, expire), the node after it and, for a
 * change to an existing node, the node before it ({@code prevNode}, else null).
 * {@code etcdIndex} is the store's index after the operation (the {@code X-Etcd-Index}
 * header); it is not part of the JSON body.
 */
public record KvEvent(String action, KvNode node, KvNode prevNode, long etcdIndex) {
    public static final String GET = "get";
    public static final String SET = "set";
    public static final String CREATE = "create";
    public static final String UPDATE = "update";
    public static final String COMPARE_AND_SWAP = "compareAndSwap";
    public static final String DELETE = "delete";
    public static final String COMPARE_AND_DELETE = "compareAndDelete";
    public static final String EXPIRE = "expire";

    /** The index of the change: the node's modifiedIndex (for a get, the node's). */
    public long index() {
        return node.modifiedIndex();
    }

    /** Whether etcd answers it with {@code 201 Created}: a create, or a set of a new key. */
    public boolean isCreated() {
        return action.equals(CREATE) || action.equals(SET) && prevNode == null;
    }
}
