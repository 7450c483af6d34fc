package io.knetsim.cni;

import io.knetsim.cni.tool.Cnitool;
import io.knetsim.tool.ToolRegistry;

/** The commands of the CNI module, added to a world's registry on top of the core ones. */
public final class CniTools {
    private CniTools() {
    }

    /** Registers {@code cnitool} with the built-in plugins. */
    public static void registerAll(ToolRegistry r) {
        r.register(new Cnitool(PluginRegistry.defaults()));
    }
}
