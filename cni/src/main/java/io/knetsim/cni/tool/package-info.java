/** The commands the CNI module adds to a node's prompt: {@code cnitool}. */
package io.knetsim.cni.tool;
