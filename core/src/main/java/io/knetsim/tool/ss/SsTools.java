package io.knetsim.tool.ss;

import io.knetsim.tool.ToolRegistry;

/** The socket statistics tool from iproute2: {@code ss}. */
public final class SsTools {
    private SsTools() {
    }

    /** Registers {@code ss} in {@code r}. */
    public static void registerAll(ToolRegistry r) {
        r.register(new SsCommand());
    }
}
