package io.knetsim.ingress;

import io.knetsim.ingress.tool.Nginx;
import io.knetsim.tool.ToolRegistry;

/** The commands of the ingress module, added to a world's registry on top of the core ones. */
public final class IngressTools {
    private IngressTools() {
    }

    /** Registers {@code nginx} ({@code -T}, {@code -t}, {@code -v}). */
    public static void registerAll(ToolRegistry r) {
        r.register(new Nginx());
    }
}
