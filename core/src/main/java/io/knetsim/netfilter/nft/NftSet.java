package io.knetsim.netfilter.nft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set or map, named ({@code set allowed { type ipv4_addr; }}) or anonymous (the
 * {@code { 22, 80 }} written in a rule). Exact elements live in a hash map, so a lookup costs
 * the same with ten elements or ten thousand; a set with {@code flags interval} keeps
 * non-overlapping ranges in a tree (a lookup is one floor search). Keys of concatenated types
 * ({@code ipv4_addr . inet_proto . inet_service}) are lists of the component values.
 */
public final class NftSet {
    /** A range element {@code lo-hi} (or a prefix, when {@code prefixLen >= 0}) with its data. */
    public record Interval(long lo, long hi, int prefixLen, Object data) {
    }

    private final String name;
    private final boolean anonymous;
    private final List<DataType> keyTypes;
    private final DataType dataType;
    private final boolean interval;
    private final boolean map;
    long handle;
    private final Map<Object, Object> exact = new LinkedHashMap<>();
    private final TreeMap<Long, Interval> ranges = new TreeMap<>();
    /**
     * The chains whose rules use this named set, with how many rules each: a verdict map's new
     * element is checked against these chains only, not against every rule of the table.
     */
    final Map<Chain, Integer> users = new java.util.IdentityHashMap<>();
    /** {@code flags dynamic}: rules may add elements ({@code update @set { ... }}). */
    private boolean dynamic;
    /** {@code flags timeout}: elements may expire. */
    private boolean timeouts;
    /** The set's {@code timeout} in nanoseconds: what an element added from the packet path lives; 0: none. */
    private long timeout;
    /** When each element with a timeout expires, on the simulator clock. */
    private final Map<Object, Long> expires = new java.util.HashMap<>();
    /** The namespace's clock, once the set belongs to a table. */
    java.util.function.LongSupplier clock = () -> 0;

    /**
     * @param dataType the type of a map's values ({@link DataType#VERDICT} for a verdict map), null for a set
     */
    public NftSet(String name, boolean anonymous, List<DataType> keyTypes, DataType dataType, boolean interval) {
        if (interval && keyTypes.size() > 1) {
            throw new NftException("interval sets with concatenated keys are not modelled by knetsim");
        }
        this.name = name;
        this.anonymous = anonymous;
        this.keyTypes = List.copyOf(keyTypes);
        this.dataType = dataType;
        this.interval = interval;
        this.map = dataType != null;
    }

    public String name() {
        return name;
    }

    /**
     * Sets {@code flags dynamic}, {@code flags timeout} and the set's {@code timeout} (nanoseconds,
     * 0 for none), before the set is added to a table.
     */
    public NftSet withTimeouts(boolean dynamicFlag, boolean timeoutFlag, long timeoutNanos) {
        if (interval && (dynamicFlag || timeoutFlag)) {
            throw new NftException("interval sets with timeouts are not modelled by knetsim");
        }
        this.dynamic = dynamicFlag;
        this.timeouts = timeoutFlag || timeoutNanos > 0;
        this.timeout = timeoutNanos;
        return this;
    }

    public boolean dynamic() {
        return dynamic;
    }

    /** {@code flags timeout}. */
    public boolean timeouts() {
        return timeouts;
    }

    /** The set's {@code timeout} in nanoseconds, 0 when none. */
    public long timeout() {
        return timeout;
    }

    /**
     * {@code update @set { KEY }} from the packet path ({@code nft_dynset}): adds the element,
     * or restarts its timeout if it is there.
     */
    void update(Object key) {
        exact.putIfAbsent(key, Boolean.TRUE);
        if (timeout > 0) {
            expires.put(key, clock.getAsLong() + timeout);
        }
    }

    public boolean anonymous() {
        return anonymous;
    }

    public long handle() {
        return handle;
    }

    public List<DataType> keyTypes() {
        return keyTypes;
    }

    /** The value type of a map, null for a set. */
    public DataType dataType() {
        return dataType;
    }

    public boolean isMap() {
        return map;
    }

    public boolean isVerdictMap() {
        return dataType == DataType.VERDICT;
    }

    public boolean interval() {
        return interval;
    }

    /** {@code ipv4_addr . inet_service}, as in the set's {@code type} line. */
    public String keyTypeText() {
        StringBuilder sb = new StringBuilder();
        for (DataType t : keyTypes) {
            sb.append(sb.length() == 0 ? "" : " . ").append(t.typeName());
        }
        return sb.toString();
    }

    public int size() {
        return exact.size() + ranges.size();
    }

    /** The largest scalar key (the top of the highest range), or -1 for an empty or non-scalar set. */
    public long maxScalarKey() {
        long max = -1;
        for (Object k : exact.keySet()) {
            if (k instanceof Long l) {
                max = Math.max(max, l);
            }
        }
        if (!ranges.isEmpty()) {
            max = Math.max(max, ranges.lastEntry().getValue().hi());
        }
        return max;
    }

    /**
     * Adds an exact element (data null for a set); an existing key is kept as it is, as
     * {@code nft add element}. Use it directly only to fill an anonymous set before its rule is
     * added; elements of a table's sets change through {@link Nftables#addElement}, which undoes.
     */
    public void add(Object key, Object data) {
        if (interval) {
            long v = (Long) key;
            addRange(v, v, -1, data);
            return;
        }
        if (exact.putIfAbsent(key, map ? data : Boolean.TRUE) == null && timeout > 0) {
            expires.put(key, clock.getAsLong() + timeout); // the set's timeout applies to added elements too
        }
    }

    /** Live elements of a set with timeouts and when each expires (for a program that rebuilds the set). */
    public Map<Object, Long> expiries() {
        Map<Object, Long> out = new LinkedHashMap<>();
        long now = clock.getAsLong();
        for (Map.Entry<Object, Long> e : expires.entrySet()) {
            if (e.getValue() > now && exact.containsKey(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /**
     * Puts back elements with the expiry they had (those already expired are left out), as
     * kube-proxy's affinity sets keep their clients across a sync that rewrites the table.
     */
    public void restoreExpiries(Map<Object, Long> elements) {
        long now = clock.getAsLong();
        for (Map.Entry<Object, Long> e : elements.entrySet()) {
            if (e.getValue() > now) {
                exact.putIfAbsent(e.getKey(), Boolean.TRUE);
                expires.put(e.getKey(), e.getValue());
            }
        }
    }

    /** Adds a range or prefix element; see {@link #add} for when to call it directly. */
    public void addRange(long lo, long hi, int prefixLen, Object data) {
        if (!interval) {
            throw new NftException("Set member cannot be range, missing interval flag on declaration");
        }
        Interval existing = ranges.get(lo);
        if (existing != null && existing.hi() == hi) {
            return;
        }
        Map.Entry<Long, Interval> below = ranges.floorEntry(hi);
        if (below != null && below.getValue().hi() >= lo) {
            throw new NftException("interval overlaps with an existing one");
        }
        ranges.put(lo, new Interval(lo, hi, prefixLen, data));
    }

    boolean remove(Object key) {
        if (key instanceof Interval iv) {
            Interval e = ranges.get(iv.lo());
            if (e != null && e.hi() == iv.hi()) {
                ranges.remove(iv.lo());
                return true;
            }
            return false;
        }
        if (interval) {
            long v = (Long) key;
            Interval e = ranges.get(v);
            if (e != null && e.hi() == v) {
                ranges.remove(v);
                return true;
            }
            return false;
        }
        expires.remove(key);
        return exact.remove(key) != null;
    }

    void clear() {
        exact.clear();
        ranges.clear();
        expires.clear();
    }

    /** True if {@code key} is in the set. */
    public boolean contains(Object key) {
        return find(key) != null;
    }

    /** A map's value for {@code key}, or null. */
    public Object lookup(Object key) {
        Object v = find(key);
        return v == Boolean.TRUE ? null : v;
    }

    private Object find(Object key) {
        if (!interval) {
            Object v = exact.get(key);
            if (v != null && !expires.isEmpty()) {
                Long at = expires.get(key);
                if (at != null && at <= clock.getAsLong()) {
                    return null; // expired: the kernel's lookup skips it until the gc removes it
                }
            }
            return v;
        }
        if (!(key instanceof Long v)) {
            return null;
        }
        Map.Entry<Long, Interval> e = ranges.floorEntry(v);
        if (e == null || e.getValue().hi() < v) {
            return null;
        }
        return map ? e.getValue().data() : Boolean.TRUE;
    }

    /** The elements as {@code nft list} writes them, each with {@code " : value"} for a map. */
    public List<String> formatElements() {
        List<String> out = new ArrayList<>();
        long now = clock.getAsLong();
        for (Map.Entry<Object, Object> e : exact.entrySet()) {
            Long at = expires.get(e.getKey());
            if (at != null && at <= now) {
                continue;
            }
            out.add(formatKey(e.getKey()) + (at != null ? " expires " + formatTime((at - now) / 1_000_000L) : "")
                + (map ? " : " + dataType.format(e.getValue()) : ""));
        }
        for (Interval iv : ranges.values()) {
            DataType t = keyTypes.get(0);
            String k = iv.prefixLen() >= 0 ? t.format(iv.lo()) + "/" + iv.prefixLen()
                : iv.lo() == iv.hi() ? t.format(iv.lo()) : t.format(iv.lo()) + "-" + t.format(iv.hi());
            out.add(k + (map ? " : " + dataType.format(iv.data()) : ""));
        }
        return out;
    }

    private String formatKey(Object key) {
        if (key instanceof List<?> parts) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < parts.size(); i++) {
                sb.append(i == 0 ? "" : " . ").append(keyTypes.get(i).format(parts.get(i)));
            }
            return sb.toString();
        }
        return keyTypes.get(0).format(key);
    }

    /** A time as nft writes one ({@code time_print}): {@code 3h}, {@code 2h59m58s996ms}, {@code 0s}. */
    public static String formatTime(long ms) {
        if (ms <= 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            long n = ms / units[i];
            ms %= units[i];
            if (n > 0) {
                sb.append(n).append(names[i]);
            }
        }
        return sb.toString();
    }

    /** Chains the verdicts of a verdict map jump or go to. */
    List<Chain> targetChains() {
        List<Chain> out = new ArrayList<>();
        if (!isVerdictMap()) {
            return out;
        }
        for (Object v : exact.values()) {
            if (v instanceof NftVerdict nv && nv.chain() != null) {
                out.add(nv.chain());
            }
        }
        for (Interval iv : ranges.values()) {
            if (iv.data() instanceof NftVerdict nv && nv.chain() != null) {
                out.add(nv.chain());
            }
        }
        return out;
    }

    /** Same type as {@code other}: key types, value type and interval flag. */
    boolean sameType(NftSet other) {
        return keyTypes.equals(other.keyTypes) && dataType == other.dataType && interval == other.interval;
    }

    /** The elements in the form the set holds them, for undo. */
    Object snapshot() {
        return new Object[] {new LinkedHashMap<>(exact), new TreeMap<>(ranges), new java.util.HashMap<>(expires)};
    }

    @SuppressWarnings("unchecked")
    void restore(Object snap) {
        Object[] s = (Object[]) snap;
        exact.clear();
        exact.putAll((Map<Object, Object>) s[0]);
        ranges.clear();
        ranges.putAll((Map<Long, Interval>) s[1]);
        expires.clear();
        expires.putAll((Map<Object, Long>) s[2]);
    }
}
