package io.knetsim.pcap;

import io.knetsim.net.NetDevice;
import io.knetsim.net.PacketTap;

/**
 * One packet as a capture saw it: a copy of its bytes in the capture's link type, when and
 * where it was seen, and which way it went.
 *
 * @param timeNanos      virtual time of the tap
 * @param device         the device it crossed
 * @param direction      IN (received) or OUT (transmitted); loopback packets read as IN, as
 *                       libpcap shows them
 * @param pktType        who it was for, as {@link SllHeader} numbers it ({@code HOST} 0 ...
 *                       {@code OUTGOING} 4), whatever the link type
 * @param linkType       the layout of {@code data}
 * @param data           the bytes from the link-layer header on (a private copy)
 * @param originalLength length on the wire in this link type
 */
public record CapturedPacket(long timeNanos, NetDevice device, PacketTap.Direction direction, int pktType,
                             LinkType linkType, byte[] data, int originalLength) {
}
