package io.knetsim.kv;

/**
 * Options of an etcd v2 set ({@code PUT}), as the Go client's {@code SetOptions}: a TTL in
 * seconds (null: permanent), {@code prevExist} (null: don't care), {@code prevValue} (null:
 * not compared), {@code prevIndex} (0: not compared) and {@code dir}.
 */
public record EtcdSetOptions(Long ttl, Boolean prevExist, String prevValue, long prevIndex, boolean dir) {
    /** A plain set. */
    public static final EtcdSetOptions NONE = new EtcdSetOptions(null, null, null, 0, false);

    public EtcdSetOptions withTtl(Long seconds) {
        return new EtcdSetOptions(seconds, prevExist, prevValue, prevIndex, dir);
    }

    public EtcdSetOptions withPrevExist(Boolean exists) {
        return new EtcdSetOptions(ttl, exists, prevValue, prevIndex, dir);
    }

    public EtcdSetOptions withPrevValue(String value) {
        return new EtcdSetOptions(ttl, prevExist, value, prevIndex, dir);
    }

    public EtcdSetOptions withPrevIndex(long index) {
        return new EtcdSetOptions(ttl, prevExist, prevValue, index, dir);
    }

    public EtcdSetOptions withDir(boolean d) {
        return new EtcdSetOptions(ttl, prevExist, prevValue, prevIndex, d);
    }
}
