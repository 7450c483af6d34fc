package io.knetsim.skupper;

import io.knetsim.skupper.tool.Skstat;
import io.knetsim.tool.ToolRegistry;

/** The commands of the skupper module, added to a world's registry on top of the core ones. */
public final class SkupperTools {
    private SkupperTools() {
    }

    /** Registers {@code skstat} ({@code -g}, {@code -c}, {@code -l}, {@code -n}, {@code -a}). */
    public static void registerAll(ToolRegistry r) {
        r.register(new Skstat());
    }
}
