package io.knetsim.tool.tcpdump;

import io.knetsim.tool.ToolRegistry;

/** The packet-capture commands, for a world's {@link ToolRegistry}. */
public final class TcpdumpTools {
    private TcpdumpTools() {
    }

    /** Registers {@code tcpdump}. */
    public static void registerAll(ToolRegistry r) {
        r.register(new TcpdumpCommand());
    }
}
