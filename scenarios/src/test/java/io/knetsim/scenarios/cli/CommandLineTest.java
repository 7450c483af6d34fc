package io.knetsim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line's frame, as a user meets it: {@code --help} on every command, the version,
 * and exit status 2 with picocli's message for what it cannot parse.
 *
 * <pre>
 *   knetsim [--help|--version] (run | shell | topology | version | help) ...
 * </pre>
 */
class CommandLineTest {
    private record Result(int exit, String out, String err) {
    }

    private static Result knetsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "shell", "topology", "version"})
    void everyCommandHasHelp(String command) {
        Result r = knetsim(command, "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: knetsim " + command + " ").contains("-h, --help", "-V, --version");
        assertThat(r.err()).isEmpty();
        assertThat(knetsim("help", command).out()).isEqualTo(r.out());
    }

    @Test
    void theTopLevelHelpListsTheCommands() {
        Result r = knetsim("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: knetsim [-hV] [COMMAND]\n")
            .contains("  run ", "  shell ", "  topology ", "  version ", "  help ");
        assertThat(knetsim().out()).isEqualTo(r.out()); // no command: the same usage
    }

    @Test
    void theHelpOfRunNamesItsOptionsAndExitStatuses() {
        assertThat(knetsim("run", "--help").out()).contains("[FILE]", "--pcap=DIR", "NODE-IFACE.pcap", "--json",
            "--seed=<seed>", "--world=NAME", "Exit status 0: all hold; 1: one failed; 2: unusable input.");
        assertThat(knetsim("topology", "--help").out()).contains("--format=<format>", "text or dot");
    }

    @Test
    void versionPrintsOneLine() {
        assertThat(knetsim("version").out()).isEqualTo(Version.text() + "\n");
        assertThat(Version.text()).matches("knetsim \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(knetsim("--version").out()).startsWith(Version.text() + "\nJava ");
    }

    @Test
    void whatCannotBeParsedExitsTwoWithAMessage() {
        Result unknown = knetsim("nope");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("Unmatched argument at index 0: 'nope'\n");
        Result format = knetsim("topology", "--world", "overlay", "--format", "png");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).startsWith("Invalid value for option '--format': expected one of [text, dot] "
            + "(case-sensitive) but was 'png'\n");
        assertThat(knetsim("run", "--seed", "x").exit()).isEqualTo(2);
        assertThat(knetsim("shell", "--world", "nope").exit()).isEqualTo(2);
    }

    @Test
    void topologyDrawsTheWorldAsTextOrDot() {
        Result text = knetsim("topology", "--world", "overlay");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("hostA", "podA", "flannel.100");
        Result dot = knetsim("topology", "--world", "overlay", "--format", "dot");
        assertThat(dot.exit()).isZero();
        assertThat(dot.out()).startsWith("graph ").contains("\"hostA\"").endsWith("}\n");
    }
}
