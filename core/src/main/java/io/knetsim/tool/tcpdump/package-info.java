/**
 * {@code tcpdump}, as version 4.99 (with libpcap 1.10) prints on Linux: the capture filter
 * language of pcap-filter(7) ({@link io.knetsim.tool.tcpdump.Filter}), the one-line packet
 * summaries ({@link io.knetsim.tool.tcpdump.PacketPrinter}) and the command itself
 * ({@link io.knetsim.tool.tcpdump.TcpdumpCommand}), which captures through
 * {@link io.knetsim.pcap.Capture} and reads and writes files with the {@code pcap} package.
 */
package io.knetsim.tool.tcpdump;
