package io.knetsim.net.route;

import io.knetsim.addr.Cidr;
import io.knetsim.net.NetDevice;
import io.knetsim.net.NetlinkException;
import io.knetsim.util.LongMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The main routing table with longest-prefix match.
 *
 * <p>Routes are kept in one hash map per prefix length; a bit mask says which lengths are
 * in use, so a lookup probes only those, longest first: the cost does not grow with the
 * number of routes. Among routes for the same prefix the lowest metric wins.
 */
public final class RouteTable {
    @SuppressWarnings("unchecked")
    private final LongMap<List<Route>>[] byLength = new LongMap[33];
    /** Bit n set when some route has prefix length n. */
    private long lengthsInUse;
    private int size;

    /** Adds a route; {@code NetlinkException("File exists")} if an equal key is present. */
    public void add(Route r) {
        Cidr dst = r.dst().network();
        int len = dst.prefixLength();
        LongMap<List<Route>> m = byLength[len];
        if (m == null) {
            m = byLength[len] = new LongMap<>(4);
        }
        long key = dst.address().bits() & 0xFFFF_FFFFL;
        List<Route> l = m.get(key);
        if (l == null) {
            l = new ArrayList<>(1);
            m.put(key, l);
        }
        for (Route o : l) {
            if (o.sameKey(r)) {
                throw new NetlinkException("File exists");
            }
        }
        l.add(r);
        l.sort(Comparator.comparingInt(Route::metric));
        lengthsInUse |= 1L << len;
        size++;
    }

    /** Adds or replaces the route with the same key ({@code ip route replace}). */
    public void replace(Route r) {
        removeIf(o -> o.sameKey(r));
        add(r);
    }

    /** Removes routes matching the filter; returns how many. */
    public int removeIf(java.util.function.Predicate<Route> filter) {
        int removed = 0;
        for (int len = 0; len <= 32; len++) {
            LongMap<List<Route>> m = byLength[len];
            if (m == null) {
                continue;
            }
            List<Long> emptied = new ArrayList<>();
            int[] count = {0};
            m.forEach((k, l) -> {
                int before = l.size();
                l.removeIf(filter);
                count[0] += before - l.size();
                if (l.isEmpty()) {
                    emptied.add(k);
                }
            });
            for (Long k : emptied) {
                m.remove(k);
            }
            if (m.isEmpty()) {
                lengthsInUse &= ~(1L << len);
            }
            removed += count[0];
        }
        size -= removed;
        return removed;
    }

    /** Removes every route through {@code dev} (the device went down or away). */
    public int removeDevice(NetDevice dev) {
        return removeIf(r -> r.dev() == dev);
    }

    /**
     * Longest-prefix match for {@code dst}; routes through a device that is down are skipped.
     *
     * @return the best route, or null
     */
    public Route lookup(int dst) {
        long mask = lengthsInUse;
        while (mask != 0) {
            int len = 63 - Long.numberOfLeadingZeros(mask);
            mask &= ~(1L << len);
            List<Route> l = byLength[len].get((dst & Cidr.maskBits(len)) & 0xFFFF_FFFFL);
            if (l != null) {
                for (int i = 0, n = l.size(); i < n; i++) {
                    Route r = l.get(i);
                    if (r.dev() == null || r.dev().isUp()) {
                        return r;
                    }
                }
            }
        }
        return null;
    }

    /** Every route, most specific prefix first within equal addresses, as ip route lists them. */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>(size);
        for (int len = 0; len <= 32; len++) {
            if (byLength[len] != null) {
                byLength[len].forEach((k, l) -> all.addAll(l));
            }
        }
        all.sort(Comparator.<Route>comparingInt(r -> r.dst().prefixLength() == 0 ? 0 : 1)
            .thenComparing((a, b) -> Integer.compareUnsigned(a.dst().address().bits(), b.dst().address().bits()))
            .thenComparing(Comparator.comparingInt((Route r) -> r.dst().prefixLength()).reversed())
            .thenComparingInt(Route::metric));
        return all;
    }

    public int size() {
        return size;
    }
}
