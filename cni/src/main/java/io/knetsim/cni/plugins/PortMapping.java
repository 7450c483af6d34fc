package io.knetsim.cni.plugins;

import io.knetsim.addr.Ipv4Address;

/**
 * One entry of the {@code portMappings} capability ({@code PortMapEntry}): traffic to
 * {@code hostPort} on the node (on {@code hostIP} only, if set) goes to {@code containerPort} of
 * the container.
 *
 * @param protocol {@code tcp} or {@code udp}
 * @param hostIp   null for every local address
 */
public record PortMapping(int hostPort, int containerPort, String protocol, Ipv4Address hostIp) {
}
