package io.knetsim.scenarios.cli;

import io.knetsim.scenarios.scenario.Scenario;
import io.knetsim.scenarios.scenario.ScenarioException;
import io.knetsim.scenarios.scenario.ScenarioWorld;
import io.knetsim.scenarios.scenario.ScenarioYaml;
import io.knetsim.scenarios.world.BuiltInWorld;
import io.knetsim.scenarios.world.RunningWorld;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where {@code knetsim shell} and {@code knetsim topology} get their world: a scenario FILE
 * (built, pods and manifests in place; its steps are not run) or the built-in world of
 * {@code --world}. {@code --seed}, when given, overrides the scenario's seed.
 */
public final class WorldSource {
    /** Why no world could be opened, with the command's exit status (2: bad input, 1: the world did not come up). */
    public static final class Unusable extends Exception {
        private final int exitCode;

        Unusable(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private WorldSource() {
    }

    /**
     * Opens the world; {@code command} ({@code shell}) prefixes messages, {@code spec} (may be
     * null) tells whether {@code --seed} and {@code --world} were given.
     */
    public static RunningWorld open(String command, Path file, WorldOption world, SeedOption seed, CommandSpec spec)
        throws Unusable {
        return open(command, file, world, seed, spec, Path.of("."));
    }

    /**
     * As above, with the directory that commands' relative file names ({@code tcpdump -w cap.pcap})
     * are resolved against: the directory the user started knetsim in, {@code .}, unless a test
     * gives another.
     */
    public static RunningWorld open(String command, Path file, WorldOption world, SeedOption seed, CommandSpec spec,
        Path workingDirectory) throws Unusable {
        boolean seedGiven = spec != null && spec.commandLine().getParseResult().hasMatchedOption("--seed");
        boolean worldGiven = spec != null && spec.commandLine().getParseResult().hasMatchedOption("--world");
        if (file == null) {
            if (!BuiltInWorld.NAMES.contains(world.world)) {
                throw new Unusable(2, "knetsim " + command + ": unknown world '" + world.world + "': expected one of "
                    + String.join(", ", BuiltInWorld.NAMES));
            }
            return BuiltInWorld.named(world.world, seed.seed, workingDirectory);
        }
        if (worldGiven) {
            throw new Unusable(2, "knetsim " + command + ": give a scenario FILE or --world NAME, not both");
        }
        Scenario s;
        try {
            s = ScenarioYaml.read(file);
            if (seedGiven) {
                s = s.withSeed(seed.seed);
            }
        } catch (ScenarioException e) {
            throw new Unusable(2, "knetsim " + command + ": " + e.getMessage());
        }
        try {
            return ScenarioWorld.build(s, workingDirectory);
        } catch (IllegalStateException e) {
            throw new Unusable(1, "knetsim " + command + ": " + file + ": the world did not come up: "
                + e.getMessage());
        }
    }
}
