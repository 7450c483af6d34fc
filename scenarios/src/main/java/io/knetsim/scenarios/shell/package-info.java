/**
 * The {@code knetsim>} prompt: a {@link io.knetsim.scenarios.shell.Session} interprets lines
 * like Mininet's CLI ({@code NODE COMMAND}, {@code NODE COMMAND &}, {@code nodes}, {@code net},
 * {@code jobs}, {@code kill %N}, {@code time}, {@code run DURATION}); {@link
 * io.knetsim.scenarios.shell.ShellCommand} reads lines from a terminal (JLine: editing, history,
 * completion) or from standard input for scripts.
 */
package io.knetsim.scenarios.shell;
