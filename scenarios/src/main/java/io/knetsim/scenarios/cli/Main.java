package io.knetsim.scenarios.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code knetsim}: the command line. Subcommands do the work; this only dispatches. */
@Command(name = "knetsim", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "A deterministic simulator of Kubernetes networking.",
    subcommands = {RunCommand.class, io.knetsim.scenarios.shell.ShellCommand.class,
        io.knetsim.scenarios.topology.TopologyCommand.class, VersionCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit status (tests call this). */
    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
    }
}
