package io.knetsim.scenarios.topology;

import io.knetsim.scenarios.cli.SeedOption;
import io.knetsim.scenarios.cli.WorldOption;
import io.knetsim.scenarios.cli.WorldSource;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code knetsim topology [FILE] [--format dot|text]}: draws a scenario's world or a built-in one. */
@Command(name = "topology", mixinStandardHelpOptions = true,
    description = {"Draw a scenario's world (FILE, built with its pods and manifests) or a built-in world: hosts, "
        + "pods, bridges, tunnels and links.",
        "DOT output renders with Graphviz: knetsim topology --format dot | dot -Tpng -o world.png"})
public final class TopologyCommand implements Callable<Integer> {
    /** Output formats. */
    public enum Format { text, dot }

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
        description = "A scenario (YAML). Without it, the built-in world named by --world.")
    Path file;

    @Spec
    CommandSpec spec;

    @Mixin
    SeedOption seedOption = new SeedOption();

    @Mixin
    WorldOption worldOption = new WorldOption();

    @Option(names = "--format", defaultValue = "text", description = "text or dot (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Override
    public Integer call() {
        Topology t;
        try {
            t = Topology.of(WorldSource.open("topology", file, worldOption, seedOption, spec).world());
        } catch (WorldSource.Unusable e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().flush();
            return e.exitCode();
        }
        spec.commandLine().getOut().print(format == Format.dot ? t.dot() : t.text());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
