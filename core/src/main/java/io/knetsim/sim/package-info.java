/**
 * The discrete-event engine: a {@link io.knetsim.sim.Simulator} instance owns virtual time
 * (a {@code long} of nanoseconds), an event queue ordered by (time, sequence number) so that
 * ties run in the order they were scheduled, and a seeded random source split per component.
 * There is no static state: two simulators in one JVM never see each other.
 */
package io.knetsim.sim;
