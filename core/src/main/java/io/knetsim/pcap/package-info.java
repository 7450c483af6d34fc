/**
 * Packet capture as files Wireshark opens: {@link io.knetsim.pcap.PcapWriter} and
 * {@link io.knetsim.pcap.PcapReader} for classic libpcap files, the Linux "cooked" pseudo-headers
 * ({@link io.knetsim.pcap.SllHeader}, {@link io.knetsim.pcap.Sll2Header}) that captures on
 * {@code any} use, and {@link io.knetsim.pcap.Capture}, a tap that decorates a device or a whole
 * namespace without any code inside the devices. Timestamps are virtual time, so the same
 * scenario with the same seed writes the same bytes.
 */
package io.knetsim.pcap;
