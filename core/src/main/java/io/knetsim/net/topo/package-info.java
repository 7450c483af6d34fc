/**
 * Ready-made topologies built from the kernel model: {@link io.knetsim.net.topo.Topo}'s
 * one-line helpers in the words of {@code ip}, and worlds such as
 * {@link io.knetsim.net.topo.TwoWorkerOverlay} that tests, demos and benchmarks share.
 */
package io.knetsim.net.topo;
