package io.knetsim.scenarios.topology;

import io.knetsim.scenarios.cli.SeedOption;
import io.knetsim.scenarios.cli.WorldOption;
import io.knetsim.scenarios.world.BuiltInWorld;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code knetsim topology [--format dot|text]}: draws the built-in world. */
@Command(name = "topology", mixinStandardHelpOptions = true,
    description = {"Draw the built-in world: hosts, pods, bridges, tunnels and links.",
        "DOT output renders with Graphviz: knetsim topology --format dot | dot -Tpng -o world.png"})
public final class TopologyCommand implements Callable<Integer> {
    /** Output formats. */
    public enum Format { text, dot }

    @Mixin
    SeedOption seedOption = new SeedOption();

    @Mixin
    WorldOption worldOption = new WorldOption();

    @Option(names = "--format", defaultValue = "text", description = "text or dot (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Override
    public Integer call() {
        Topology t = Topology.of(BuiltInWorld.named(worldOption.world, seedOption.seed, Path.of(".")).world());
        System.out.print(format == Format.dot ? t.dot() : t.text());
        return 0;
    }
}
