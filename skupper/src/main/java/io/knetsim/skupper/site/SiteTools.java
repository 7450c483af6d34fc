package io.knetsim.skupper.site;

import io.knetsim.tool.ToolRegistry;

/** The site verbs' command, added to a world's registry on top of the core ones. */
public final class SiteTools {
    private SiteTools() {
    }

    /** Registers {@code skupper} ({@code init}, {@code token create}, {@code link}, {@code expose}, {@code status}). */
    public static void registerAll(ToolRegistry r) {
        r.register(new SkupperCli());
    }
}
