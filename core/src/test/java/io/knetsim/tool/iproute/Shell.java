package io.knetsim.tool.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.net.NetNamespace;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;

/** A prompt with every core command, as the lab tests type them. */
public final class Shell {
    private final ToolRunner runner;

    public Shell() {
        runner = new ToolRunner(CoreTools.registry(), Path.of("."));
    }

    /** Runs {@code line} in {@code ns} and returns the finished invocation. */
    public Invocation run(NetNamespace ns, String line) {
        return runner.run(ns, line);
    }

    /** Runs a command that must succeed silently on stderr; returns its stdout. */
    public String out(NetNamespace ns, String line) {
        Invocation inv = run(ns, line);
        assertThat(inv.stderr()).as("stderr of '%s'", line).isEmpty();
        assertThat(inv.exitCode()).as("exit status of '%s'", line).isZero();
        return inv.stdout();
    }

    /**
     * Runs a command that must fail: checks its stderr and exit status, and that the world
     * looks the same to {@code ip addr}, {@code ip link}, {@code ip route}, {@code ip neigh}
     * and {@code bridge fdb} before and after.
     */
    public void fails(NetNamespace ns, String line, String stderr, int status) {
        String before = snapshot(ns);
        Invocation inv = run(ns, line);
        assertThat(inv.stderr()).as("stderr of '%s'", line).isEqualTo(stderr);
        assertThat(inv.exitCode()).as("exit status of '%s'", line).isEqualTo(status);
        assertThat(inv.stdout()).as("stdout of '%s'", line).isEmpty();
        assertThat(snapshot(ns)).as("the world after '%s'", line).isEqualTo(before);
    }

    /** What a person would look at to see the state of {@code ns}. */
    public String snapshot(NetNamespace ns) {
        StringBuilder sb = new StringBuilder();
        for (String c : new String[] {"ip -d addr", "ip -s link", "ip route show table all", "ip neigh show nud all",
            "bridge fdb", "bridge -d link", "sysctl -a", "hostname"}) {
            sb.append(c).append('\n').append(run(ns, c).stdout());
        }
        return sb.toString();
    }

    /** Runs a command that must succeed and print nothing. */
    public void ok(NetNamespace ns, String line) {
        assertThat(out(ns, line)).as("stdout of '%s'", line).isEmpty();
    }
}
