package io.knetsim.tool;

import io.knetsim.net.NetNamespace;
import io.knetsim.sim.SimTime;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs commands in namespaces and drives the simulated clock while they run.
 *
 * <p>A foreground command runs until it exits. If the world falls idle first (nothing left
 * that could make it finish), or it runs longer than {@link #foregroundLimit()} of simulated
 * time, it is interrupted as if the user pressed Ctrl-C: {@code tcpdump} then prints its
 * counts, {@code ping} its statistics.
 */
public final class ToolRunner {
    /** Default simulated time a foreground command may run before it is interrupted. */
    public static final long DEFAULT_FOREGROUND_LIMIT = SimTime.seconds(600);

    private final ToolRegistry registry;
    private final Path workingDirectory;
    private long foregroundLimit = DEFAULT_FOREGROUND_LIMIT;

    public ToolRunner(ToolRegistry registry, Path workingDirectory) {
        this.registry = registry;
        this.workingDirectory = workingDirectory;
    }

    public ToolRegistry registry() {
        return registry;
    }

    public long foregroundLimit() {
        return foregroundLimit;
    }

    public void setForegroundLimit(long nanos) {
        this.foregroundLimit = nanos;
    }

    /** Runs {@code line} in {@code ns} to completion and returns the finished invocation. */
    public Invocation run(NetNamespace ns, String line) {
        Invocation inv = start(ns, line);
        finish(inv);
        return inv;
    }

    /** Starts {@code line} without waiting (a background job); the caller drives the clock. */
    public Invocation start(NetNamespace ns, String line) {
        CommandLine.Parsed parsed;
        try {
            parsed = CommandLine.parse(line);
        } catch (UsageException e) {
            Invocation inv = new Invocation(ns, List.of(), workingDirectory);
            inv.eprintln("knetsim: " + e.getMessage());
            inv.exit(e.exitCode());
            return inv;
        }
        return start(ns, parsed.words(), parsed.env(), null);
    }

    /**
     * Starts a command from its words and environment. With a {@code parent}, the command's
     * output goes to the parent's, it inherits the parent's environment under its own, and
     * interrupting the parent interrupts it ({@code ip netns exec NAME CMD}).
     */
    public Invocation start(NetNamespace ns, List<String> words, Map<String, String> env, Invocation parent) {
        Map<String, String> all = env;
        if (parent != null) {
            all = new LinkedHashMap<>(parent.env());
            all.putAll(env);
        }
        Invocation inv = new Invocation(ns, words.isEmpty() ? List.of() : words.subList(1, words.size()),
            workingDirectory, all);
        inv.setRunner(this);
        if (parent != null) {
            inv.streamTo(parent::print, parent::eprint);
            parent.onInterrupt(inv::interrupt);
        }
        if (words.isEmpty()) {
            inv.exit(0);
            return inv;
        }
        Command c = registry.get(words.get(0));
        if (c == null) {
            inv.eprintln("knetsim: " + words.get(0) + ": command not found");
            inv.exit(127);
            return inv;
        }
        try {
            c.start(inv);
        } catch (UsageException e) {
            inv.eprintln(e.getMessage());
            inv.exit(e.exitCode());
        }
        return inv;
    }

    /** Drives the clock until {@code inv} exits, interrupting it if the world idles or time runs out. */
    public void finish(Invocation inv) {
        var sim = inv.sim();
        long deadline = sim.now() + foregroundLimit;
        boolean progressed = sim.runWhile(() -> !inv.finished() && peekBefore(inv, deadline));
        if (!inv.finished()) {
            if (progressed) {
                sim.runUntil(deadline);
            }
            inv.interrupt();
        }
    }

    private static boolean peekBefore(Invocation inv, long deadline) {
        return inv.sim().nextEventTime() <= deadline;
    }
}
