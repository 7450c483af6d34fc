/** The skupper module's commands: {@link io.knetsim.skupper.tool.Skstat} ({@code skstat}). */
package io.knetsim.skupper.tool;
