package io.knetsim.scenarios.world;

import io.knetsim.net.World;
import io.knetsim.scenarios.shell.PyForms;
import io.knetsim.tool.ToolRunner;

/**
 * A world the command line can open: a built-in one ({@link BuiltInWorld}) or one built from a
 * scenario file ({@link io.knetsim.scenarios.scenario.ScenarioWorld}). {@code knetsim shell}
 * and {@code knetsim topology} need no more than this.
 */
public interface RunningWorld {
    /** One line for a header. */
    String description();

    World world();

    ToolRunner runner();

    /** The {@code py} forms this world offers, or null. */
    PyForms py();

    /** Its Kubernetes clusters, or null for a world without any. */
    default io.knetsim.scenarios.cluster.ClusterWorld clusters() {
        return null;
    }
}
