package io.knetsim.skupper.site;

import io.knetsim.net.NetNamespace;
import io.knetsim.skupper.config.RouterConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** A router that records the configurations it is given; tests say which routers it reaches. */
final class FakeRouter implements RouterProcess {
    final NetNamespace host;
    final List<RouterConfig> applied = new ArrayList<>();
    final SortedSet<String> reachable = new TreeSet<>();
    final SortedSet<String> neighbours = new TreeSet<>();
    boolean stopped;
    /** A port the host has in use: a configuration listening on it is refused. */
    int busyPort = -1;

    FakeRouter(NetNamespace host, RouterConfig first) {
        this.host = host;
        applied.add(first);
    }

    RouterConfig current() {
        return applied.get(applied.size() - 1);
    }

    @Override
    public void apply(RouterConfig config) {
        if (config.tcpListeners().stream().anyMatch(l -> l.port() == busyPort)) {
            throw new IllegalArgumentException(config.source() + ": tcpListener: port " + busyPort
                + ": Address already in use");
        }
        applied.add(config);
    }

    @Override
    public SortedSet<String> reachableRouters() {
        return new TreeSet<>(reachable);
    }

    @Override
    public SortedSet<String> neighbourRouters() {
        return new TreeSet<>(neighbours);
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
