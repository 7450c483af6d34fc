package io.knetsim.skupper.routing;

import io.knetsim.sim.SimRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where each mobile address has consumers: for an address (a tcpConnector's {@code address},
 * say {@code svc1}), the routers that have a consumer for it attached. Routers learn this
 * from each other's mobile-address advertisements; every router keeps its own table.
 *
 * <pre>
 *   svc1 → {C0, C2}        closest("C1", "svc1", table of C1) → the one(s) at least cost
 * </pre>
 *
 * Closest-consumer (anycast) delivery picks among the routers with a consumer the ones at
 * least path cost from this router: a local consumer (cost 0) wins alone; otherwise every
 * reachable consumer router at the minimum cost is a candidate, and {@link #pick} or
 * {@link #pickRoundRobin} chooses one deterministically. (skupper-router's {@code balanced}
 * distribution also weighs outstanding deliveries per link; knetsim balances equal-cost
 * choices by a seeded random draw or a counter instead.) Mutable, not thread-safe.
 */
public final class MobileAddressTable {
    private final SortedMap<String, SortedSet<String>> consumers = new TreeMap<>();

    /** Records that {@code router} has a consumer for {@code address}; false if already known. */
    public boolean add(String address, String router) {
        return consumers.computeIfAbsent(address, a -> new TreeSet<>()).add(router);
    }

    /** Forgets one router's consumer of an address; false if it was not known. */
    public boolean remove(String address, String router) {
        SortedSet<String> set = consumers.get(address);
        if (set == null || !set.remove(router)) {
            return false;
        }
        if (set.isEmpty()) {
            consumers.remove(address);
        }
        return true;
    }

    /** Forgets every consumer at a router (it was lost or withdrew all its addresses). */
    public void removeRouter(String router) {
        consumers.values().forEach(s -> s.remove(router));
        consumers.values().removeIf(SortedSet::isEmpty);
    }

    /** The addresses with at least one consumer, sorted. */
    public SortedSet<String> addresses() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(consumers.keySet()));
    }

    /** The routers with a consumer for an address, sorted (empty if none). */
    public SortedSet<String> consumers(String address) {
        SortedSet<String> set = consumers.get(address);
        return set == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(set));
    }

    /**
     * The routers with a consumer for {@code address} at the least cost from {@code self},
     * sorted by id: just {@code self} when it has a consumer (cost 0), else every reachable
     * consumer router at the minimum cost; empty when none is reachable.
     *
     * @throws IllegalArgumentException when {@code table} is not {@code self}'s
     */
    public List<String> closest(String self, String address, RouteTable table) {
        if (!table.self().equals(self)) {
            throw new IllegalArgumentException("route table of " + table.self() + " used for " + self);
        }
        List<String> best = new ArrayList<>();
        long min = Long.MAX_VALUE;
        for (String router : consumers(address)) {
            OptionalLong c = table.cost(router);
            if (c.isEmpty()) {
                continue;
            }
            if (c.getAsLong() < min) {
                min = c.getAsLong();
                best.clear();
            }
            if (c.getAsLong() == min) {
                best.add(router);
            }
        }
        return List.copyOf(best);
    }

    /**
     * One of the {@link #closest} routers: the only one, or with several at equal cost one
     * drawn with {@code random.nextInt(n)} over the sorted candidates (the generator is used
     * only when there is a choice).
     */
    public Optional<String> pick(String self, String address, RouteTable table, SimRandom random) {
        List<String> c = closest(self, address, table);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(c.size() == 1 ? c.get(0) : c.get(random.nextInt(c.size())));
    }

    /** One of the {@link #closest} routers: candidate number {@code counter} modulo their number. */
    public Optional<String> pickRoundRobin(String self, String address, RouteTable table, long counter) {
        List<String> c = closest(self, address, table);
        return c.isEmpty() ? Optional.empty() : Optional.of(c.get((int) Math.floorMod(counter, (long) c.size())));
    }
}
