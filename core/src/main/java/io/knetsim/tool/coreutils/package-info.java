/** GNU coreutils-like commands over a host's {@link io.knetsim.fs.FileTree}: {@code cat}, {@code ls}. */
package io.knetsim.tool.coreutils;
