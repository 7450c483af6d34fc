package io.knetsim.scenarios.scenario;

import io.knetsim.addr.Ipv4Address;

/**
 * A host of a cluster: its short name ({@code w1}, {@code e1}; the world calls it
 * {@code C0w1}) and its address on the underlay.
 */
public record Host(String name, Ipv4Address address) {
}
