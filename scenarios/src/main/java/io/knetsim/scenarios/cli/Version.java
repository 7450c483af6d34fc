package io.knetsim.scenarios.cli;

import picocli.CommandLine;

/** The version string, from the jar's manifest when packaged. */
public final class Version implements CommandLine.IVersionProvider {
    public static String text() {
        String v = Version.class.getPackage().getImplementationVersion();
        return "knetsim " + (v == null ? "0.1.0-SNAPSHOT" : v);
    }

    @Override
    public String[] getVersion() {
        return new String[] {text(), "Java " + System.getProperty("java.version")};
    }
}
