package io.knetsim.kv;

/** Options of an etcd v2 delete: {@code dir}, {@code recursive}, and a compare ({@code prevValue}, {@code prevIndex}). */
public record EtcdDeleteOptions(boolean dir, boolean recursive, String prevValue, long prevIndex) {
    /** Deletes a key. */
    public static final EtcdDeleteOptions NONE = new EtcdDeleteOptions(false, false, null, 0);

    public EtcdDeleteOptions withDir(boolean d) {
        return new EtcdDeleteOptions(d, recursive, prevValue, prevIndex);
    }

    public EtcdDeleteOptions withRecursive(boolean r) {
        return new EtcdDeleteOptions(dir, r, prevValue, prevIndex);
    }

    public EtcdDeleteOptions withPrevValue(String v) {
        return new EtcdDeleteOptions(dir, recursive, v, prevIndex);
    }

    public EtcdDeleteOptions withPrevIndex(long i) {
        return new EtcdDeleteOptions(dir, recursive, prevValue, i);
    }
}
