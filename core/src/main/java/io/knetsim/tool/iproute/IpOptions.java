package io.knetsim.tool.iproute;

import io.knetsim.net.NetNamespace;

/**
 * The global options of one {@code ip} run.
 *
 * @param ns      the namespace it acts on ({@code -n NAME} switches to another)
 * @param inet    {@code -4}: IPv4 only (for {@code ip addr}: no link lines, no address-less devices)
 * @param stats   how many {@code -s} were given
 * @param details {@code -d}
 * @param brief   {@code -br}
 */
record IpOptions(NetNamespace ns, boolean inet, int stats, boolean details, boolean brief) {
}
