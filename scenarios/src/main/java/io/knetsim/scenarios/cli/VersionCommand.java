package io.knetsim.scenarios.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code knetsim version}: one line, {@code knetsim 0.1.0-SNAPSHOT}, as {@code knetsim --version} begins. */
@Command(name = "version", description = "Print the version and exit.", mixinStandardHelpOptions = true,
    versionProvider = Version.class)
public final class VersionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(Version.text());
        spec.commandLine().getOut().flush();
    }
}
