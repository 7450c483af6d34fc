package io.knetsim.scenarios.cli;

import picocli.CommandLine.Option;

/** {@code --seed N}, shared by every command that builds a world. */
public final class SeedOption {
    @Option(names = "--seed", defaultValue = "1",
        description = "Random seed (default: ${DEFAULT-VALUE}). The same seed gives the same run, byte for byte.")
    public long seed = 1;
}
