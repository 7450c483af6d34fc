/**
 * The iproute2 commands, {@code ip} and {@code bridge}, with output laid out as iproute2 6.x
 * prints it and its error messages and exit statuses.
 *
 * <pre>
 *   IpCommand --options--> IpAddr | IpLink (IpLinkSet, IpLinkAdd) | IpRoute (RouteSpec) | IpNeigh
 *   BridgeCommand -------> BridgeFdb | BridgeLink
 *   shared: DeviceFacts (what the kernel reports: qdisc, qlen, flags, state, netnsid),
 *           LinkFormat, RouteFormat, LinkFilter, IpParse, Args
 * </pre>
 *
 * Every command reads and checks all its arguments, and everything the kernel would refuse,
 * before it changes the world; a refused command leaves it as it was. IPv6 is not modelled,
 * so no {@code inet6} lines or IPv6 multicast FDB entries appear.
 */
package io.knetsim.tool.iproute;
