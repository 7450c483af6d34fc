package io.knetsim.cni;

import io.knetsim.cni.plugins.BridgePlugin;
import io.knetsim.cni.plugins.FlannelPlugin;
import io.knetsim.cni.plugins.HostLocalIpam;
import io.knetsim.cni.plugins.LoopbackPlugin;
import io.knetsim.cni.plugins.PortmapPlugin;
import io.knetsim.cni.plugins.PtpPlugin;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plugins installed on a node, by {@code type}: what {@code /opt/cni/bin} holds on a real one.
 * Each world (or test) builds its own; nothing is global.
 */
public final class PluginRegistry {
    private final Map<String, CniPlugin> plugins = new TreeMap<>();

    /** Adds a plugin; one with the same type replaces the earlier one. */
    public PluginRegistry register(CniPlugin p) {
        plugins.put(p.type(), p);
        return this;
    }

    /** The plugin for {@code type}, or null. */
    public CniPlugin get(String type) {
        return plugins.get(type);
    }

    public Map<String, CniPlugin> plugins() {
        return java.util.Collections.unmodifiableMap(plugins);
    }

    /** A registry of the built-in plugins: loopback, bridge, host-local, ptp, flannel, portmap. */
    public static PluginRegistry defaults() {
        return new PluginRegistry()
            .register(new LoopbackPlugin())
            .register(new BridgePlugin())
            .register(new HostLocalIpam())
            .register(new PtpPlugin())
            .register(new FlannelPlugin())
            .register(new PortmapPlugin());
    }
}
