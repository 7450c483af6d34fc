package io.knetsim.scenarios.shell;

import io.knetsim.scenarios.cli.WorldOption;
import io.knetsim.scenarios.cli.WorldSource;
import io.knetsim.scenarios.world.RunningWorld;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import io.knetsim.scenarios.cli.SeedOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code knetsim shell}: a {@code knetsim>} prompt on a running world. On a terminal it has
 * line editing, history and completion; otherwise it reads commands line by line, prints
 * their output, and exits 0 if every command succeeded, 1 if any failed:
 * {@code printf 'podA ping -c 1 11.10.2.2\n' | ./knetsim shell}. Given a scenario FILE, the
 * prompt opens on the scenario's world once it is built (pods started, manifests created); the
 * scenario's steps are not run, so the learner can type them one by one.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
    description = {"Open a knetsim> prompt on a running world, in the manner of Mininet's CLI.",
        "By default the original labs' two flannel clusters (nodes C0w1..C0w3, C0e1, C0e2, C1w1..C1w3, C1e1, C1e2, "
            + "switch s0); --world overlay for lab 0's hostA/hostB.",
        "Given a scenario FILE, opens on its world once built (its steps are not run).",
        "Type 'help' at the prompt. Without a terminal, commands are read from standard input."})
public final class ShellCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
        description = "A scenario (YAML) whose world to open. Without it, the built-in world named by --world.")
    Path file;

    @Spec
    CommandSpec spec;

    private RunningWorld opened;

    /**
     * Where commands' relative file names land ({@code C0w1 tcpdump -i eth0 -w cap.pcap &} writes
     * {@code ./cap.pcap}) and where the prompt's {@code kubectl -f FILE} reads: the directory
     * knetsim was started in; tests set another.
     */
    Path workingDirectory = Path.of(".");

    @Mixin
    SeedOption seedOption = new SeedOption();

    @Mixin
    WorldOption worldOption = new WorldOption();

    @Override
    public Integer call() throws IOException {
        try {
            opened = WorldSource.open("shell", file, worldOption, seedOption, spec, workingDirectory);
        } catch (WorldSource.Unusable e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().flush();
            return e.exitCode();
        }
        if (System.console() != null) {
            return interactive();
        }
        return script(System.in, System.out, System.err);
    }

    private Session newSession(PrintStream out, PrintStream err) {
        RunningWorld w = opened;
        if (w == null) {
            try {
                w = WorldSource.open("shell", file, worldOption, seedOption, spec, workingDirectory);
            } catch (WorldSource.Unusable e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return new Session(w, s -> {
            out.print(s);
            out.flush();
        }, s -> {
            err.print(s);
            err.flush();
        }).localDirectory(workingDirectory); // kubectl -f FILE at the prompt reads the same directory
    }

    /** Reads commands from {@code in} until end of input or {@code exit}; 0 if all succeeded. */
    int script(InputStream in, PrintStream out, PrintStream err) throws IOException {
        Session session = newSession(out, err);
        boolean ok = true;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while (!session.exited() && (line = r.readLine()) != null) {
            ok &= session.execute(line);
        }
        session.close(); // background jobs stop and close their files
        return ok ? 0 : 1;
    }

    private int interactive() throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            PrintStream out = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
            Session session = newSession(out, out);
            List<String> words = new ArrayList<>(session.nodeNames());
            words.addAll(session.commandNames());
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("knetsim")
                .completer(new StringsCompleter(words)).build();
            out.println("knetsim shell: nodes " + String.join(" ", session.nodeNames()) + ". Type 'help' for commands.");
            while (!session.exited()) {
                String line;
                try {
                    line = reader.readLine("knetsim> ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                session.execute(line);
            }
            session.close();
        }
        return 0;
    }
}
