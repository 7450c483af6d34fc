package io.knetsim.util;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * An open-addressing hash map from {@code long} keys to objects, with no boxing on lookup.
 * Used on the packet path: neighbours and local addresses by IPv4 address, FDB entries by
 * MAC, routes by prefix, sockets by port.
 */
public final class LongMap<V> {
    /** An empty slot; values are never null, so a null value marks a free slot. */
    private static final Object FREE = null;
    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    public LongMap() {
        this(4);
    }

    public LongMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new Object[cap];
        mask = cap - 1;
    }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32) ^ (h >>> 17));
    }

    @SuppressWarnings("unchecked")
    public V get(long key) {
        Object[] vs = values;
        long[] ks = keys;
        int m = mask;
        int i = hash(key) & m;
        Object v;
        while ((v = vs[i]) != FREE) {
            if (ks[i] == key) {
                return (V) v;
            }
            i = (i + 1) & m;
        }
        return null;
    }

    public boolean containsKey(long key) {
        return get(key) != null;
    }

    /** Puts a non-null value; returns the previous one or null. */
    @SuppressWarnings("unchecked")
    public V put(long key, V value) {
        if (value == null) {
            throw new IllegalArgumentException("null value");
        }
        int i = hash(key) & mask;
        while (values[i] != FREE) {
            if (keys[i] == key) {
                V old = (V) values[i];
                values[i] = value;
                return old;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        if (++size * 4 > keys.length * 3) {
            rehash(keys.length * 2);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    public V remove(long key) {
        int i = hash(key) & mask;
        while (values[i] != FREE) {
            if (keys[i] == key) {
                V old = (V) values[i];
                values[i] = FREE;
                keys[i] = 0;
                size--;
                // re-insert the rest of the cluster so lookups stay correct
                int j = (i + 1) & mask;
                while (values[j] != FREE) {
                    long k = keys[j];
                    Object v = values[j];
                    values[j] = FREE;
                    keys[j] = 0;
                    size--;
                    put(k, (V) v);
                    j = (j + 1) & mask;
                }
                return old;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void clear() {
        Arrays.fill(keys, 0);
        Arrays.fill(values, FREE);
        size = 0;
    }

    /** Visits entries in table order (callers that print sort first). */
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<Long, V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != FREE) {
                action.accept(keys[i], (V) values[i]);
            }
        }
    }

    private void rehash(int cap) {
        long[] ok = keys;
        Object[] ov = values;
        keys = new long[cap];
        values = new Object[cap];
        mask = cap - 1;
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ov[i] != FREE) {
                @SuppressWarnings("unchecked") V v = (V) ov[i];
                put(ok[i], v);
            }
        }
    }
}
