package io.knetsim.tool.iproute;

import io.knetsim.tool.Args;
import io.knetsim.tool.Invocation;

/** One object of {@code ip} ({@code address}, {@code link}, {@code route}, {@code neigh}). */
interface IpObject {
    /**
     * Runs the object's command on the words after the object name; returns the exit status.
     * Errors are thrown as {@link io.knetsim.tool.UsageException} before anything changed.
     */
    int run(Invocation inv, IpOptions opts, Args args);
}
