package io.knetsim.tool.iproute;

import io.knetsim.tool.ToolRegistry;

/** The iproute2 commands: {@code ip} and {@code bridge}. */
public final class IprouteTools {
    private IprouteTools() {
    }

    /** Registers {@code ip} and {@code bridge} in {@code r}. */
    public static void registerAll(ToolRegistry r) {
        r.register(new IpCommand());
        r.register(new BridgeCommand());
    }
}
