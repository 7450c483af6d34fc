package io.knetsim.netfilter.nft;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.addr.MacAddress;
import io.knetsim.net.dev.Loopback;
import io.knetsim.packet.Bytes;
import io.knetsim.packet.EthernetHeader;
import io.knetsim.packet.IcmpHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.TcpHeader;
import java.util.Locale;

/**
 * The {@code packet:} part of a trace line as nft prints it from the headers the kernel puts
 * in a trace event ({@code nf_trace_fill_pkt_info}: the link-layer header when there is one,
 * the network header, the first 20 bytes of the transport header), each field as
 * {@code proto field value} followed by a space:
 *
 * <pre>
 *   iif "eth0" ether saddr 02:..:01 ether daddr 02:..:02 ip saddr 10.0.0.1 ip daddr 10.0.0.2 ip dscp cs0
 *   ip ecn not-ect ip ttl 64 ip id 54321 ip length 84 icmp type echo-request icmp code net-unreachable
 *   icmp id 7 icmp sequence 1 @th,64,96 0x...
 * </pre>
 *
 * Fields nft leaves out: the IP version, header length, fragment offset and checksums, the
 * protocol fields the next header implies ({@code ether type}, {@code ip protocol}), TCP's
 * sequence numbers and data offset. Transport bytes no field covers are printed raw
 * ({@code @th,OFFSET,BITS 0x...}).
 */
final class TracePacket {
    /** The transport header bytes a trace event carries ({@code NFT_TRACETYPE_TRANSPORT_HSIZE}). */
    static final int TRANSPORT_BYTES = 20;

    private TracePacket() {
    }

    static String format(NftPacket p) {
        StringBuilder sb = new StringBuilder("packet: ");
        if (p.in != null) {
            sb.append("iif \"").append(p.in.name()).append("\" ");
        }
        if (p.out != null) {
            sb.append("oif \"").append(p.out.name()).append("\" ");
        }
        byte[] b = p.buf();
        int mac = p.skb.macHeader;
        if (p.in != null && !(p.in instanceof Loopback) && mac >= 0 && mac + EthernetHeader.LENGTH <= p.nh) {
            sb.append("ether saddr ").append(MacAddress.format(EthernetHeader.src(b, mac)))
                .append(" ether daddr ").append(MacAddress.format(EthernetHeader.dst(b, mac))).append(' ');
        }
        int nh = p.nh;
        int tos = Ipv4Header.tos(b, nh);
        sb.append("ip saddr ").append(Ipv4Address.format(Ipv4Header.src(b, nh)))
            .append(" ip daddr ").append(Ipv4Address.format(Ipv4Header.dst(b, nh)))
            .append(" ip dscp ").append(dscp(tos >> 2))
            .append(" ip ecn ").append(ECN[tos & 3])
            .append(" ip ttl ").append(Ipv4Header.ttl(b, nh))
            .append(" ip id ").append(Ipv4Header.id(b, nh))
            .append(" ip length ").append(Ipv4Header.totalLength(b, nh)).append(' ');
        if (p.th < 0) {
            return sb.toString();
        }
        int th = p.th;
        int len = Math.min(TRANSPORT_BYTES, Math.min(p.skb.tail(), nh + Ipv4Header.totalLength(b, nh)) - th);
        int covered;
        switch (p.protocol()) {
            case Ipv4Header.PROTO_ICMP -> {
                if (len < 4) {
                    return sb.toString();
                }
                int type = IcmpHeader.type(b, th);
                int code = b[th + IcmpHeader.CODE] & 0xff;
                sb.append("icmp type ").append(DataType.ICMP_TYPE.format((long) type))
                    .append(" icmp code ").append(icmpCode(code)).append(' ');
                covered = 4;
                if ((type == IcmpHeader.ECHO_REQUEST || type == IcmpHeader.ECHO_REPLY) && len >= 8) {
                    sb.append("icmp id ").append(Bytes.u16(b, th + IcmpHeader.ID))
                        .append(" icmp sequence ").append(Bytes.u16(b, th + IcmpHeader.SEQ)).append(' ');
                    covered = 8;
                }
            }
            case Ipv4Header.PROTO_UDP -> {
                if (len < 8) {
                    return sb.toString();
                }
                sb.append("udp sport ").append(Bytes.u16(b, th)).append(" udp dport ").append(Bytes.u16(b, th + 2))
                    .append(" udp length ").append(Bytes.u16(b, th + 4)).append(' ');
                covered = 8;
            }
            case Ipv4Header.PROTO_TCP -> {
                if (len < 20) {
                    return sb.toString();
                }
                sb.append("tcp sport ").append(Bytes.u16(b, th)).append(" tcp dport ").append(Bytes.u16(b, th + 2))
                    .append(" tcp flags == ").append(DataType.TCP_FLAG.format((long) TcpHeader.flags(b, th)))
                    .append(" tcp window ").append(Bytes.u16(b, th + 14)).append(' ');
                covered = 20;
            }
            default -> covered = 0;
        }
        if (len > covered) {
            sb.append("@th,").append(covered * 8).append(',').append((len - covered) * 8).append(' ')
                .append(hex(b, th + covered, len - covered)).append(' ');
        }
        return sb.toString();
    }

    private static final String[] ECN = {"not-ect", "ect1", "ect0", "ce"};

    /** nft's {@code dscp} symbols; others in hex. */
    private static String dscp(int v) {
        return switch (v) {
            case 0 -> "cs0";
            case 8 -> "cs1";
            case 16 -> "cs2";
            case 24 -> "cs3";
            case 32 -> "cs4";
            case 40 -> "cs5";
            case 48 -> "cs6";
            case 56 -> "cs7";
            case 10 -> "af11";
            case 12 -> "af12";
            case 14 -> "af13";
            case 18 -> "af21";
            case 20 -> "af22";
            case 22 -> "af23";
            case 26 -> "af31";
            case 28 -> "af32";
            case 30 -> "af33";
            case 34 -> "af41";
            case 36 -> "af42";
            case 38 -> "af43";
            case 46 -> "ef";
            default -> String.format(Locale.ROOT, "0x%02x", v);
        };
    }

    /** nft's {@code icmp_code} symbols. */
    private static String icmpCode(int c) {
        return switch (c) {
            case IcmpHeader.NET_UNREACHABLE -> "net-unreachable";
            case IcmpHeader.HOST_UNREACHABLE -> "host-unreachable";
            case IcmpHeader.PROTOCOL_UNREACHABLE -> "prot-unreachable";
            case IcmpHeader.PORT_UNREACHABLE -> "port-unreachable";
            case IcmpHeader.FRAG_NEEDED -> "frag-needed";
            case IcmpHeader.NET_PROHIBITED -> "net-prohibited";
            case IcmpHeader.HOST_PROHIBITED -> "host-prohibited";
            case IcmpHeader.ADMIN_PROHIBITED -> "admin-prohibited";
            default -> Integer.toString(c);
        };
    }

    /** A raw value as nft prints one: hex without leading zeros. */
    private static String hex(byte[] b, int off, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(String.format(Locale.ROOT, "%02x", b[off + i] & 0xff));
        }
        String h = sb.toString().replaceFirst("^0+", "");
        return "0x" + (h.isEmpty() ? "0" : h);
    }
}
