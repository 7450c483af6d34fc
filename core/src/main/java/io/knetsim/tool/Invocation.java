package io.knetsim.tool;

import io.knetsim.net.NetNamespace;
import io.knetsim.sim.Simulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One run of a command: where it runs, its arguments, its output streams and, once it has
 * finished, its exit status. Output is kept and also streamed to an optional sink, so an
 * interactive shell can show lines as simulated time produces them.
 */
public final class Invocation {
    private final NetNamespace ns;
    private final List<String> args;
    private final Path workingDirectory;
    private final Map<String, String> env;
    private ToolRunner runner;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private Consumer<String> outSink;
    /** Lengths of the writes made before {@link #streamTo}, in order: n for stdout, -n-1 for stderr. */
    private final List<Integer> early = new ArrayList<>(2);
    private Consumer<String> errSink;
    private Integer exitCode;
    private final List<Runnable> onInterrupt = new ArrayList<>(1);
    private final List<Runnable> onExit = new ArrayList<>(1);

    public Invocation(NetNamespace ns, List<String> args, Path workingDirectory) {
        this(ns, args, workingDirectory, Map.of());
    }

    /**
     * An invocation with environment variables, as {@code NAME=value cmd ...} gives them to the
     * command (there are no shell-wide variables: only these prefix assignments).
     */
    public Invocation(NetNamespace ns, List<String> args, Path workingDirectory, Map<String, String> env) {
        this.ns = ns;
        this.args = List.copyOf(args);
        this.workingDirectory = workingDirectory;
        this.env = Map.copyOf(env);
    }

    /** The value of environment variable {@code name}, or null when it is not set ({@code getenv}). */
    public String env(String name) {
        return env.get(name);
    }

    /** Every environment variable of this run. */
    public Map<String, String> env() {
        return env;
    }

    /** The runner that started this command (to start another, as {@code ip netns exec} does), or null. */
    public ToolRunner runner() {
        return runner;
    }

    void setRunner(ToolRunner runner) {
        this.runner = runner;
    }

    public NetNamespace ns() {
        return ns;
    }

    public Simulator sim() {
        return ns.sim();
    }

    /** Arguments after the command name. */
    public List<String> args() {
        return args;
    }

    /** A path as the user typed it, resolved against the working directory. */
    public Path resolve(String path) {
        return workingDirectory.resolve(path);
    }

    /** Writes to standard output. */
    public void print(String s) {
        out.append(s);
        if (outSink != null) {
            outSink.accept(s);
        } else {
            early.add(s.length());
        }
    }

    public void println(String s) {
        print(s + "\n");
    }

    /** Writes to standard error. */
    public void eprint(String s) {
        err.append(s);
        if (errSink != null) {
            errSink.accept(s);
        } else {
            early.add(-s.length() - 1);
        }
    }

    public void eprintln(String s) {
        eprint(s + "\n");
    }

    public String stdout() {
        return out.toString();
    }

    public String stderr() {
        return err.toString();
    }

    /**
     * Streams output as it is written (in addition to keeping it). What was written before is
     * handed over first, in the order it was written across the two streams, as a terminal
     * would have shown it ({@code nginx -T}'s stderr verdict before its stdout dump).
     */
    public void streamTo(Consumer<String> stdout, Consumer<String> stderr) {
        int o = 0;
        int e = 0;
        for (int n : early) {
            if (n >= 0) {
                stdout.accept(out.substring(o, o + n));
                o += n;
            } else {
                int len = -n - 1;
                stderr.accept(err.substring(e, e + len));
                e += len;
            }
        }
        early.clear();
        this.outSink = stdout;
        this.errSink = stderr;
    }

    /** Ends the command with a status; later calls are ignored. */
    public void exit(int code) {
        if (exitCode != null) {
            return;
        }
        exitCode = code;
        for (Runnable r : onExit) {
            r.run();
        }
    }

    public boolean finished() {
        return exitCode != null;
    }

    /** The exit status, or -1 while running. */
    public int exitCode() {
        return exitCode == null ? -1 : exitCode;
    }

    /** What to do on Ctrl-C or {@code kill %N} (e.g. print statistics, then exit). */
    public void onInterrupt(Runnable r) {
        onInterrupt.add(r);
    }

    /** Runs when the command exits, for cleanup (unbinding sockets, removing taps). */
    public void onExit(Runnable r) {
        onExit.add(r);
    }

    /** Interrupts the command; one that registered nothing exits with 130, as after SIGINT. */
    public void interrupt() {
        if (finished()) {
            return;
        }
        for (Runnable r : List.copyOf(onInterrupt)) {
            r.run();
        }
        exit(130);
    }
}
