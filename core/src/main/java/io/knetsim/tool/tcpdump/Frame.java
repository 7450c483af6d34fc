package io.knetsim.tool.tcpdump;

import io.knetsim.addr.MacAddress;
import io.knetsim.net.PacketTap;
import io.knetsim.packet.Bytes;
import io.knetsim.pcap.CapturedPacket;
import io.knetsim.pcap.LinkType;
import io.knetsim.pcap.PcapRecord;
import io.knetsim.pcap.Sll2Header;
import io.knetsim.pcap.SllHeader;

/**
 * One captured packet as tcpdump's filter and printer look at it: the bytes in their link
 * type, decoded just far enough to find the network header, with bounds-checked accessors
 * for the fields filters test. Nothing here throws on short or odd packets; accessors return
 * -1 when the bytes are not there.
 */
public final class Frame {
    private final LinkType linkType;
    private final byte[] data;
    private final int length;
    private final long timeNanos;
    private final int pktType;
    private final String ifname;
    private final int l3;
    private final int etherType;
    private final long srcMac;
    private final long dstMac;
    private final int ifindex;

    private Frame(LinkType linkType, byte[] data, int length, long timeNanos, int pktType, String ifname) {
        this.linkType = linkType;
        this.data = data;
        this.length = length;
        this.timeNanos = timeNanos;
        this.ifname = ifname;
        int l3v = -1;
        int type = -1;
        long src = -1;
        long dst = -1;
        int idx = 0;
        int pkt = pktType;
        switch (linkType) {
            case ETHERNET -> {
                if (data.length >= 14) {
                    dst = MacAddress.read(data, 0);
                    src = MacAddress.read(data, 6);
                    type = Bytes.u16(data, 12);
                    l3v = 14;
                }
            }
            case LINUX_SLL -> {
                if (data.length >= SllHeader.LENGTH) {
                    pkt = SllHeader.pktType(data, 0);
                    src = SllHeader.haLen(data, 0) == 6 ? MacAddress.read(data, SllHeader.ADDR) : -1;
                    type = SllHeader.protocol(data, 0);
                    l3v = SllHeader.LENGTH;
                }
            }
            case LINUX_SLL2 -> {
                if (data.length >= Sll2Header.LENGTH) {
                    pkt = Sll2Header.pktType(data, 0);
                    src = Sll2Header.haLen(data, 0) == 6 ? MacAddress.read(data, Sll2Header.ADDR) : -1;
                    type = Sll2Header.protocol(data, 0);
                    idx = Sll2Header.ifindex(data, 0);
                    l3v = Sll2Header.LENGTH;
                }
            }
            default -> throw new IllegalArgumentException("unhandled link type " + linkType);
        }
        this.pktType = pkt;
        this.l3 = l3v;
        this.etherType = type;
        this.srcMac = src;
        this.dstMac = dst;
        this.ifindex = idx;
    }

    /** A packet read from a file; direction unknown unless the link type carries it. */
    public static Frame of(LinkType linkType, PcapRecord r) {
        return new Frame(linkType, r.data(), r.originalLength(), r.timestampNanos(), -1, null);
    }

    /** Bytes in {@code linkType} framing, seen at {@code timeNanos}. */
    public static Frame of(LinkType linkType, byte[] data, long timeNanos) {
        return new Frame(linkType, data, data.length, timeNanos, -1, null);
    }

    /** A packet from a live capture, which knows the device and direction. */
    public static Frame of(CapturedPacket p) {
        return new Frame(p.linkType(), p.data(), p.originalLength(), p.timeNanos(), p.pktType(),
            p.device() == null ? null : p.device().name());
    }

    public LinkType linkType() {
        return linkType;
    }

    /** The captured bytes, link header first (not a copy: do not change them). */
    public byte[] data() {
        return data;
    }

    /** Bytes captured. */
    public int caplen() {
        return data.length;
    }

    /** Length on the wire, link header included. */
    public int length() {
        return length;
    }

    public long timeNanos() {
        return timeNanos;
    }

    /** {@link SllHeader} packet type if known (cooked link types, live captures), else -1. */
    public int pktType() {
        return pktType;
    }

    /** IN or OUT when known, else null. */
    public PacketTap.Direction direction() {
        if (pktType < 0) {
            return null;
        }
        return pktType == SllHeader.OUTGOING ? PacketTap.Direction.OUT : PacketTap.Direction.IN;
    }

    /** The device name of a live capture, else null. */
    public String ifname() {
        return ifname;
    }

    /** The SLL2 interface index, else 0. */
    public int ifindex() {
        return ifindex;
    }

    /** Offset of the network-layer header, or -1 if the link header is cut short. */
    public int l3() {
        return l3;
    }

    /** The EtherType (Ethernet type or cooked protocol field), or -1. */
    public int etherType() {
        return etherType;
    }

    /** Source MAC (the cooked address for SLL), or -1. */
    public long srcMac() {
        return srcMac;
    }

    /** Destination MAC (Ethernet only), or -1. */
    public long dstMac() {
        return dstMac;
    }

    // ---- IPv4 ------------------------------------------------------------------------------

    /** True for an IPv4 packet with at least its fixed header captured. */
    public boolean isIpv4() {
        return etherType == 0x0800 && l3 >= 0 && data.length >= l3 + 20 && (data[l3] & 0xf0) == 0x40;
    }

    public int ipHeaderLength() {
        return (data[l3] & 0x0f) * 4;
    }

    public int ipProtocol() {
        return isIpv4() ? data[l3 + 9] & 0xff : -1;
    }

    public int ipSrc() {
        return Bytes.i32(data, l3 + 12);
    }

    public int ipDst() {
        return Bytes.i32(data, l3 + 16);
    }

    /** Fragment offset in 8-byte units. */
    public int ipFragmentOffset() {
        return Bytes.u16(data, l3 + 6) & 0x1fff;
    }

    /** Offset of the transport header (IPv4 only). */
    public int l4() {
        return l3 + ipHeaderLength();
    }

    /** TCP/UDP/SCTP source port of an unfragmented or first-fragment IPv4 packet, else -1. */
    public int srcPort() {
        return isIpv4() && ipFragmentOffset() == 0 && data.length >= l4() + 2 ? Bytes.u16(data, l4()) : -1;
    }

    public int dstPort() {
        return isIpv4() && ipFragmentOffset() == 0 && data.length >= l4() + 4 ? Bytes.u16(data, l4() + 2) : -1;
    }

    // ---- ARP -------------------------------------------------------------------------------

    /** True for ARP or RARP about IPv4 over Ethernet with all 28 bytes captured. */
    public boolean isArpIpv4() {
        return (etherType == 0x0806 || etherType == 0x8035) && l3 >= 0 && data.length >= l3 + 28
            && Bytes.u16(data, l3 + 2) == 0x0800 && (data[l3 + 4] & 0xff) == 6 && (data[l3 + 5] & 0xff) == 4;
    }

    public int arpSenderIp() {
        return Bytes.i32(data, l3 + 14);
    }

    public int arpTargetIp() {
        return Bytes.i32(data, l3 + 24);
    }
}
