package io.knetsim.net;

import io.knetsim.net.link.Link;
import io.knetsim.packet.SkBuff;
import io.knetsim.sim.SimRandom;
import io.knetsim.sim.Simulator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything simulated together: one {@link Simulator} (clock and seed), the namespaces by
 * name, the links between their NICs, and the listeners told of every drop.
 */
public final class World {
    private final Simulator sim;
    private final Map<String, NetNamespace> namespaces = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    private DropListener[] dropListeners = new DropListener[0];
    /** World-scoped services of packages above {@code net}, by their class (see {@link #service}). */
    private final Map<Class<?>, Object> services = new java.util.HashMap<>();

    public World(Simulator sim) {
        this.sim = sim;
    }

    public World(long seed) {
        this(new Simulator(seed));
    }

    public Simulator sim() {
        return sim;
    }

    /**
     * The world's one instance of {@code type}, made by {@code create} on first use: a slot for
     * registries that belong to a whole world but to packages above {@code net} (e.g. the
     * {@code io.knetsim.api.ClusterDirectory} that {@code kubectl} reads).
     */
    public <T> T service(Class<T> type, java.util.function.Supplier<T> create) {
        return type.cast(services.computeIfAbsent(type, k -> create.get()));
    }

    /** Creates a namespace ({@code ip netns add NAME}); names are unique. */
    public NetNamespace createNamespace(String name) {
        if (namespaces.containsKey(name)) {
            throw new NetlinkException("Cannot create namespace file \"/var/run/netns/" + name + "\": File exists");
        }
        NetNamespace ns = new NetNamespace(this, name);
        namespaces.put(name, ns);
        return ns;
    }

    /** Namespace by name, or null. */
    public NetNamespace namespace(String name) {
        return namespaces.get(name);
    }

    public List<NetNamespace> namespaces() {
        return List.copyOf(namespaces.values());
    }

    /** Removes a namespace and all its devices ({@code ip netns del}). */
    public void deleteNamespace(NetNamespace ns) {
        for (NetDevice d : new ArrayList<>(ns.devices())) {
            if (d.namespace() == ns && !(d instanceof io.knetsim.net.dev.Loopback)) {
                ns.deleteDevice(d);
            }
        }
        namespaces.remove(ns.name());
    }

    /**
     * A MAC for a new device: random-looking but derived from the seed and the names alone,
     * locally administered and unicast, as the kernel's {@code eth_random_addr} produces.
     */
    public long macFor(String nsName, String devName) {
        SimRandom r = sim.random("mac/" + nsName + "/" + devName);
        long mac = r.nextLong() & 0xFFFF_FFFF_FFFFL;
        return (mac & ~0x0100_0000_0000L) | 0x0200_0000_0000L;
    }

    /** Records a link; {@link Link#connect} registers each one it makes. */
    public void addLink(Link link) {
        links.add(link);
    }

    /** Every link, in the order they were made. */
    public List<Link> links() {
        return Collections.unmodifiableList(links);
    }

    public void addDropListener(DropListener l) {
        DropListener[] n = java.util.Arrays.copyOf(dropListeners, dropListeners.length + 1);
        n[dropListeners.length] = l;
        dropListeners = n;
    }

    public void removeDropListener(DropListener l) {
        dropListeners = java.util.Arrays.stream(dropListeners).filter(x -> x != l).toArray(DropListener[]::new);
    }

    void fireDrop(NetNamespace ns, NetDevice dev, SkBuff skb, DropReason reason) {
        for (DropListener l : dropListeners) {
            l.dropped(ns, dev, skb, reason);
        }
    }

    /** Total drops by reason over every namespace. */
    public DropCounters totalDrops() {
        DropCounters t = new DropCounters();
        for (NetNamespace ns : namespaces.values()) {
            ns.drops().asMap().forEach(t::add);
        }
        return t;
    }
}
