package io.knetsim.skupper.router;

import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The routers running in a world, by namespace: the process table {@code skstat} looks in to
 * find the router on the host it runs on. One per world ({@link World#service}).
 */
public final class SkupperRouters {
    private final Map<NetNamespace, SkupperRouter> byNamespace = new LinkedHashMap<>();

    /** The registry of {@code world}. */
    public static SkupperRouters of(World world) {
        return world.service(SkupperRouters.class, SkupperRouters::new);
    }

    /** The router running on {@code ns}, if any. */
    public Optional<SkupperRouter> on(NetNamespace ns) {
        return Optional.ofNullable(byNamespace.get(ns));
    }

    void add(SkupperRouter r) {
        if (byNamespace.containsKey(r.namespace())) {
            throw new IllegalStateException("a router already runs on " + r.namespace().name() + ": "
                + byNamespace.get(r.namespace()).id());
        }
        byNamespace.put(r.namespace(), r);
    }

    void remove(SkupperRouter r) {
        byNamespace.remove(r.namespace(), r);
    }
}
