/**
 * {@code conntrack} (conntrack-tools): lists, deletes, flushes and counts the flows in a
 * namespace's connection tracking table ({@link io.knetsim.netfilter.conntrack.Conntrack}).
 */
package io.knetsim.tool.conntrack;
