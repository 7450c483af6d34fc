package io.knetsim.scenarios.cli;

import picocli.CommandLine.Command;

/** {@code knetsim version}. */
@Command(name = "version", description = "Print the version and exit.", mixinStandardHelpOptions = true)
public final class VersionCommand implements Runnable {
    @Override
    public void run() {
        System.out.println(Version.text());
    }
}
