package io.knetsim.scenarios.shell;

import io.knetsim.tool.Invocation;

/** A command running in the background: {@code podA tcpdump -i eth0 &}. */
record Job(int number, String node, String command, Invocation invocation) {
    String state() {
        return invocation.finished() ? "Done" : "Running";
    }

    /**
     * As bash's {@code jobs} prints it: {@code [1]+  Running                 podA tcpdump &}, with
     * {@code marker} {@code +} for the current (latest) job, {@code -} for the one before, else a space.
     */
    String line(char marker) {
        return String.format("[%d]%c  %-24s%s %s &", number, marker, state(), node, command);
    }
}
