package io.knetsim.tool.tcpdump;

import io.knetsim.addr.MacAddress;
import io.knetsim.net.PacketTap;
import java.util.function.Predicate;

/**
 * The tests pcap-filter primitives compile to, each on the outer headers only (a packet inside
 * a VXLAN tunnel is UDP to the filter, as to BPF). Without a protocol qualifier, {@code host}
 * and {@code net} mean {@code ip or arp or rarp}, and {@code port} means {@code tcp or udp or
 * sctp}, where only unfragmented packets and first fragments have ports.
 */
final class FilterPrimitives {
    /** Direction qualifiers. */
    enum Dir { SRC, DST, SRC_OR_DST, SRC_AND_DST }

    static final int TYPE_IPV4 = 0x0800;
    static final int TYPE_ARP = 0x0806;
    static final int TYPE_RARP = 0x8035;
    static final int TYPE_IPV6 = 0x86dd;

    private FilterPrimitives() {
    }

    private static boolean dir(Dir d, boolean src, boolean dst) {
        return switch (d) {
            case SRC -> src;
            case DST -> dst;
            case SRC_OR_DST -> src || dst;
            case SRC_AND_DST -> src && dst;
        };
    }

    static Predicate<Frame> etherType(int type) {
        return f -> f.etherType() == type;
    }

    /** {@code ip proto N}, and the {@code tcp}, {@code udp}, {@code icmp} abbreviations. */
    static Predicate<Frame> ipProto(int proto) {
        return f -> f.isIpv4() && f.ipProtocol() == proto;
    }

    /** {@code [ip|arp|rarp] [src|dst] host|net}: an address under a mask. */
    static Predicate<Frame> host(int addr, int mask, Dir d, String proto) {
        Predicate<Frame> ip = f -> f.isIpv4() && dir(d, (f.ipSrc() & mask) == addr, (f.ipDst() & mask) == addr);
        Predicate<Frame> arp = f -> f.etherType() == TYPE_ARP && f.isArpIpv4()
            && dir(d, (f.arpSenderIp() & mask) == addr, (f.arpTargetIp() & mask) == addr);
        Predicate<Frame> rarp = f -> f.etherType() == TYPE_RARP && f.isArpIpv4()
            && dir(d, (f.arpSenderIp() & mask) == addr, (f.arpTargetIp() & mask) == addr);
        if (proto == null) {
            return ip.or(arp).or(rarp);
        }
        return switch (proto) {
            case "ip" -> ip;
            case "arp" -> arp;
            case "rarp" -> rarp;
            default -> throw new IllegalArgumentException(proto);
        };
    }

    /** {@code [tcp|udp|sctp] [src|dst] port|portrange}. */
    static Predicate<Frame> port(int lo, int hi, Dir d, String proto) {
        Predicate<Frame> ports = f -> {
            int s = f.srcPort();
            int t = f.dstPort();
            return dir(d, s >= lo && s <= hi, t >= lo && t <= hi);
        };
        Predicate<Frame> protos = proto == null
            ? ipProto(6).or(ipProto(17)).or(ipProto(132))
            : ipProto(switch (proto) {
                case "tcp" -> 6;
                case "udp" -> 17;
                case "sctp" -> 132;
                default -> throw new IllegalArgumentException(proto);
            });
        return protos.and(ports);
    }

    /** {@code ether [src|dst] host MAC}; cooked captures know only the source address. */
    static Predicate<Frame> etherHost(long mac, Dir d) {
        return f -> dir(d, f.srcMac() == mac, f.dstMac() == mac);
    }

    static Predicate<Frame> etherBroadcast() {
        return f -> f.dstMac() >= 0 ? f.dstMac() == MacAddress.BROADCAST.bits() : f.pktType() == 1;
    }

    static Predicate<Frame> etherMulticast() {
        return f -> f.dstMac() >= 0 ? MacAddress.isMulticast(f.dstMac()) : (f.pktType() == 1 || f.pktType() == 2);
    }

    /** {@code less N}: the packet is at most N bytes long on the wire. */
    static Predicate<Frame> lengthAtMost(int n) {
        return f -> f.length() <= n;
    }

    /** {@code greater N}: at least N bytes. */
    static Predicate<Frame> lengthAtLeast(int n) {
        return f -> f.length() >= n;
    }

    /** {@code inbound} / {@code outbound}, where the direction is known. */
    static Predicate<Frame> direction(PacketTap.Direction d) {
        return f -> f.direction() == d;
    }
}
