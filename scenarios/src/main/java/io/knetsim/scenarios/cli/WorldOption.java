package io.knetsim.scenarios.cli;

import picocli.CommandLine.Option;

/** {@code --world NAME}, shared by {@code run} and {@code shell}. */
public final class WorldOption {
    @Option(names = "--world", defaultValue = "default", paramLabel = "NAME",
        completionCandidates = WorldNames.class,
        description = "Which built-in world: default (two flannel clusters, the original labs' world) or overlay "
            + "(lab 0's two hand-wired workers). Default: ${DEFAULT-VALUE}.")
    public String world = "default";

    /** The names picocli offers and checks. */
    static final class WorldNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return io.knetsim.scenarios.world.BuiltInWorld.NAMES.iterator();
        }
    }
}
