package io.knetsim.packet;

/**
 * The 16-bit word sum of an Ethernet frame, read mostly from its headers: a valid IPv4 header
 * sums to 0xFFFF, and a TCP or UDP segment with a valid checksum sums to the complement of
 * its pseudo-header, an ICMP message to 0xFFFF. This is Linux's local checksum offload
 * ({@code lco_csum}) that lets a tunnel fill its outer UDP checksum without a pass over the
 * payload. Frames it cannot vouch for (non-IPv4, fragments, UDP without a checksum, other
 * protocols) are summed in full.
 *
 * <p>It trusts the inner checksums, as the kernel does for packets it builds; a frame with a
 * corrupt inner checksum gets a matching (wrong) outer one, so the corruption is still caught,
 * at the outer UDP layer.
 */
public final class FrameSum {
    private FrameSum() {
    }

    /** Sum of {@code len} bytes at {@code off}, as {@link Checksum#sum} would give it up to ones' complement folding. */
    public static long of(byte[] b, int off, int len) {
        if (len < EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH
            || EthernetHeader.etherType(b, off) != EthernetHeader.TYPE_IPV4) {
            return Checksum.sum(b, off, len);
        }
        long s = Checksum.sum(b, off, EthernetHeader.LENGTH);
        int ip = off + EthernetHeader.LENGTH;
        int ihl = Ipv4Header.headerLength(b, ip);
        int tot = Ipv4Header.totalLength(b, ip);
        if (Ipv4Header.version(b, ip) != 4 || ihl < Ipv4Header.MIN_LENGTH || tot != len - EthernetHeader.LENGTH
            || !Checksum.verify(b, ip, ihl)) {
            return s + Checksum.sum(b, ip, len - EthernetHeader.LENGTH);
        }
        s += 0xffff;
        int l4 = ip + ihl;
        int l4len = tot - ihl;
        if (!Ipv4Header.isFragment(b, ip)) {
            int proto = Ipv4Header.protocol(b, ip);
            int src = Ipv4Header.src(b, ip);
            int dst = Ipv4Header.dst(b, ip);
            switch (proto) {
                case Ipv4Header.PROTO_ICMP -> {
                    if (l4len >= IcmpHeader.LENGTH) {
                        return s + 0xffff;
                    }
                }
                case Ipv4Header.PROTO_TCP -> {
                    if (l4len >= TcpHeader.MIN_LENGTH) {
                        return s + (~Checksum.fold(Checksum.pseudoHeaderSum(src, dst, proto, l4len)) & 0xffff);
                    }
                }
                case Ipv4Header.PROTO_UDP -> {
                    if (l4len >= UdpHeader.LENGTH && UdpHeader.checksum(b, l4) != 0) {
                        return s + (~Checksum.fold(Checksum.pseudoHeaderSum(src, dst, proto, l4len)) & 0xffff);
                    }
                }
                default -> {
                }
            }
        }
        return s + Checksum.sum(b, l4, l4len);
    }
}
