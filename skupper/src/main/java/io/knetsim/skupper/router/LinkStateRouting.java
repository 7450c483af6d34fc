package io.knetsim.skupper.router;

import io.knetsim.sim.SimTime;
import io.knetsim.sim.Timer;
import io.knetsim.skupper.routing.MobileAddressTable;
import io.knetsim.skupper.routing.RouteTable;
import io.knetsim.skupper.routing.RouterGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A router's link-state routing, after skupper-router's:
 *
 * <pre>
 *   every helloIntervalSeconds: HELLO {id, seen} on each inter-router connection
 *   a peer whose HELLO lists us is a neighbour; none for helloMaxAgeSeconds, or the
 *   connection closes: neighbour lost
 *   own link state {neighbour: cost} changes -&gt; ls_seq+1, LSU flooded to every neighbour
 *   own consumer addresses change           -&gt; mobile_seq+1, MAU flooded
 *   an LSU/MAU newer than the one held      -&gt; kept, flooded on to the other neighbours
 *   a new neighbour                          -&gt; gets every LSU and MAU held
 *   any change -&gt; RouterGraph (links both ends report) -&gt; RouteTable, MobileAddressTable
 * </pre>
 *
 * Routers that can no longer be reached are forgotten, so they are learnt afresh when they
 * come back.
 */
final class LinkStateRouting {
    private record Neighbour(RouterConnection connection, long lastHello) {
    }

    private record State(long instance, long seq, SortedMap<String, Integer> peers, List<String> addresses) {
    }

    private final SkupperRouter router;
    private final String self;
    private final long instance;
    private final long helloInterval;
    private final long helloMaxAge;
    /** Peers heard from (HELLO) recently, with when; a subset are two-way neighbours. */
    private final Map<String, Long> heard = new TreeMap<>();
    private final Map<String, Neighbour> neighbours = new TreeMap<>();
    private final Map<String, State> linkStates = new TreeMap<>();
    private final Map<String, State> mobiles = new TreeMap<>();
    private final SortedSet<String> localAddresses = new TreeSet<>();
    private long lsSeq;
    private long mobileSeq;
    private RouteTable table;
    private MobileAddressTable addresses = new MobileAddressTable();
    private final Map<String, Long> roundRobin = new LinkedHashMap<>();
    private Timer helloTimer;
    private long recomputes;

    LinkStateRouting(SkupperRouter router, long helloIntervalSeconds, long helloMaxAgeSeconds) {
        this.router = router;
        this.self = router.id();
        this.instance = router.sim().now() / SimTime.MS + 1;
        this.helloInterval = SimTime.seconds(helloIntervalSeconds);
        this.helloMaxAge = SimTime.seconds(helloMaxAgeSeconds);
        this.table = new RouterGraph().addRouter(self).compute(self);
    }

    void start() {
        linkStates.put(self, new State(instance, lsSeq, new TreeMap<>(), null));
        mobiles.put(self, new State(instance, mobileSeq, null, List.copyOf(localAddresses)));
        recompute();
        helloTimer = router.sim().after(helloInterval, this::tick);
    }

    void stop() {
        if (helloTimer != null) {
            helloTimer.cancel();
        }
    }

    RouteTable table() {
        return table;
    }

    MobileAddressTable addresses() {
        return addresses;
    }

    long recomputes() {
        return recomputes;
    }

    /** Neighbour ids and their connections. */
    Map<String, RouterConnection> neighbours() {
        Map<String, RouterConnection> m = new TreeMap<>();
        neighbours.forEach((k, v) -> m.put(k, v.connection()));
        return m;
    }

    /** The routers known, with the link cost each advertised to its neighbours. */
    SortedMap<String, SortedMap<String, Integer>> linkState() {
        SortedMap<String, SortedMap<String, Integer>> m = new TreeMap<>();
        linkStates.forEach((k, v) -> m.put(k, v.peers()));
        return m;
    }

    /** Adds a local consumer address (a tcpConnector's); advertised to every router. */
    void addLocalAddress(String address) {
        if (localAddresses.add(address)) {
            mobileChanged();
        }
    }

    /** The router to deliver a new stream for {@code address} to: closest consumer, equal costs in turn. */
    Optional<String> pickConsumer(String address) {
        long n = roundRobin.merge(address, 1L, Long::sum) - 1;
        return addresses.pickRoundRobin(self, address, table, n);
    }

    /** The connection to the neighbour on the way to {@code router}, if it is reachable. */
    Optional<RouterConnection> nextHop(String destination) {
        return table.nextHop(destination).map(h -> neighbours.get(h)).map(Neighbour::connection);
    }

    // ---- events

    void connectionReady(RouterConnection c) {
        sendHello(c);
    }

    void connectionClosed(RouterConnection c) {
        String id = c.remoteId();
        if (id == null) {
            return;
        }
        Neighbour n = neighbours.get(id);
        if (n != null && n.connection() == c) {
            heard.remove(id);
            neighbours.remove(id);
            linkStateChanged();
        }
    }

    void onControl(RouterConnection from, ControlMessage m) {
        switch (m.opcode()) {
            case ControlMessage.HELLO -> onHello(from, m);
            case ControlMessage.LSU -> onLsu(from, m);
            case ControlMessage.MAU -> onMau(from, m);
            default -> {
            }
        }
    }

    private void onHello(RouterConnection from, ControlMessage m) {
        long now = router.sim().now();
        heard.put(m.id(), now);
        if (!m.seen().contains(self)) {
            sendHello(from); // let it see us at once
            return;
        }
        Neighbour old = neighbours.get(m.id());
        if (old != null && old.connection() != from && !old.connection().amqp.isClosed()) {
            neighbours.put(m.id(), new Neighbour(old.connection(), now));
            return;
        }
        neighbours.put(m.id(), new Neighbour(from, now));
        if (old == null || old.connection() != from) {
            sendHello(from);
            linkStateChanged();
            syncTo(from);
        }
    }

    private void onLsu(RouterConnection from, ControlMessage m) {
        if (m.id().equals(self)) {
            return;
        }
        State old = linkStates.get(m.id());
        if (old != null && old.instance() == m.instance() && old.seq() >= m.seq()) {
            return;
        }
        linkStates.put(m.id(), new State(m.instance(), m.seq(), m.peers(), null));
        flood(m, from);
        recompute();
    }

    private void onMau(RouterConnection from, ControlMessage m) {
        if (m.id().equals(self)) {
            return;
        }
        State old = mobiles.get(m.id());
        if (old != null && old.instance() == m.instance() && old.seq() >= m.seq()) {
            return;
        }
        mobiles.put(m.id(), new State(m.instance(), m.seq(), null, m.addresses()));
        flood(m, from);
        recompute();
    }

    private void tick() {
        long now = router.sim().now();
        boolean lost = false;
        for (String id : new ArrayList<>(neighbours.keySet())) {
            Neighbour n = neighbours.get(id);
            if (now - n.lastHello() >= helloMaxAge || n.connection().amqp.isClosed()) {
                neighbours.remove(id);
                heard.remove(id);
                lost = true;
            }
        }
        heard.values().removeIf(t -> now - t >= helloMaxAge);
        for (RouterConnection c : router.interRouterConnections()) {
            sendHello(c);
        }
        if (lost) {
            linkStateChanged();
        }
        helloTimer = router.sim().after(helloInterval, this::tick);
    }

    private void sendHello(RouterConnection c) {
        if (c.amqp.isReady()) {
            c.sendControl(ControlMessage.hello(self, instance, new ArrayList<>(heard.keySet())));
        }
    }

    private void linkStateChanged() {
        SortedMap<String, Integer> peers = new TreeMap<>();
        neighbours.forEach((id, n) -> peers.put(id, n.connection().cost()));
        lsSeq++;
        linkStates.put(self, new State(instance, lsSeq, peers, null));
        flood(ControlMessage.lsu(self, instance, lsSeq, peers), null);
        recompute();
    }

    private void mobileChanged() {
        mobileSeq++;
        mobiles.put(self, new State(instance, mobileSeq, null, List.copyOf(localAddresses)));
        flood(ControlMessage.mau(self, instance, mobileSeq, List.copyOf(localAddresses)), null);
        recompute();
    }

    /** Sends {@code m} to every neighbour but {@code except}. */
    private void flood(ControlMessage m, RouterConnection except) {
        for (Neighbour n : neighbours.values()) {
            if (n.connection() != except) {
                n.connection().sendControl(m);
            }
        }
    }

    /** Everything held, to a new neighbour. */
    private void syncTo(RouterConnection c) {
        linkStates.forEach((id, s) -> c.sendControl(ControlMessage.lsu(id, s.instance(), s.seq(), s.peers())));
        mobiles.forEach((id, s) -> c.sendControl(ControlMessage.mau(id, s.instance(), s.seq(), s.addresses())));
    }

    private void recompute() {
        recomputes++;
        RouterGraph g = new RouterGraph().addRouter(self);
        linkStates.forEach((id, s) -> s.peers().forEach((peer, cost) -> {
            State back = linkStates.get(peer);
            if (back != null && back.peers().containsKey(id)) {
                g.link(id, peer, Math.max(cost, back.peers().get(id)));
            }
        }));
        RouteTable t = g.compute(self);
        linkStates.keySet().removeIf(id -> !id.equals(self) && !t.reaches(id));
        mobiles.keySet().removeIf(id -> !id.equals(self) && !t.reaches(id));
        MobileAddressTable a = new MobileAddressTable();
        mobiles.forEach((id, s) -> s.addresses().forEach(addr -> a.add(addr, id)));
        table = t;
        addresses = a;
        router.addressesChanged();
    }
}
