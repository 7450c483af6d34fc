/**
 * Linux-like commands run inside a namespace ({@code ip}, {@code ping}, {@code tcpdump}, ...).
 * A {@link io.knetsim.tool.Command} is started with an {@link io.knetsim.tool.Invocation} and
 * finishes by calling {@link io.knetsim.tool.Invocation#exit(int)}: at once for a command that
 * only reads or changes state, later (from simulator events) for one that waits on the network.
 * {@link io.knetsim.tool.ToolRunner} runs the simulated clock while a command runs; wall time
 * does not pass.
 */
package io.knetsim.tool;
