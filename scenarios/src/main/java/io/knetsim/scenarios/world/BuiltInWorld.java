package io.knetsim.scenarios.world;

import io.knetsim.net.World;
import io.knetsim.scenarios.shell.PyForms;
import io.knetsim.tool.ToolRunner;
import java.util.List;

/**
 * A world {@code knetsim run} and {@code knetsim shell} can open: the simulation, the prompt's
 * commands, the original labs' Python forms where the world has workers, and a short
 * demonstration (shell lines, each with what it must show) for {@code knetsim run}.
 */
public interface BuiltInWorld extends RunningWorld {
    /** One demonstration line and a text its output must contain. */
    record Check(int line, String expected) {
    }

    /** Its name for {@code --world}. */
    String name();

    /** One line for {@code knetsim run}'s header. */
    String description();

    World world();

    ToolRunner runner();

    /** The {@code py} forms this world offers, or null. */
    PyForms py();

    /** The shell lines {@code knetsim run} executes. */
    List<String> demo();

    /** What the demonstration must show. */
    List<Check> checks();

    /** The names {@link #named} knows. */
    List<String> NAMES = List.of("default", "overlay");

    /**
     * Builds a world by name ({@code default}, {@code overlay}), commands writing files under
     * {@code workingDirectory}; throws {@link IllegalArgumentException} for an unknown name.
     */
    static BuiltInWorld named(String name, long seed, java.nio.file.Path workingDirectory) {
        return switch (name) {
            case "default" -> DefaultWorld.build(seed, workingDirectory);
            case "overlay" -> new io.knetsim.scenarios.demo.OverlayDemo(seed, workingDirectory);
            default -> throw new IllegalArgumentException("unknown world '" + name + "': expected default or overlay");
        };
    }
}
