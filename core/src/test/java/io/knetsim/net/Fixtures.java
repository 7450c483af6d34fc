package io.knetsim.net;

import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;

/** Test helpers: run commands with the core tools. Worlds are built with {@link io.knetsim.net.topo.Topo}. */
public final class Fixtures {
    private Fixtures() {
    }

    /** Runs a command line in {@code ns} with the core tools. */
    public static Invocation run(NetNamespace ns, String line) {
        return new ToolRunner(CoreTools.registry(), Path.of(".")).run(ns, line);
    }
}
