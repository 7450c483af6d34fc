package io.knetsim.netfilter.nft;

import io.knetsim.packet.IcmpHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.TcpHeader;
import io.knetsim.packet.UdpHeader;
import java.util.Locale;

/**
 * {@code log [prefix "text"]} ({@code nf_log_ipv4}): writes a line about the packet to the
 * namespace's kernel log ({@link Nftables#kernelLog()}, shown by {@code dmesg}), in the
 * kernel's format: {@code PREFIX IN=eth0 OUT= SRC=... DST=... LEN=84 ... PROTO=ICMP TYPE=8 ...}.
 * The {@code MAC=} field is not written.
 */
public record LogStmt(String prefix) implements Stmt {
    @Override
    public boolean eval(NftPacket p) {
        p.nft.log((prefix == null ? "" : prefix) + describe(p));
        return true;
    }

    static String describe(NftPacket p) {
        byte[] b = p.buf();
        int nh = p.nh;
        StringBuilder sb = new StringBuilder();
        sb.append("IN=").append(p.in == null ? "" : p.in.name()).append(" OUT=").append(p.out == null ? "" : p.out.name());
        int tos = Ipv4Header.tos(b, nh);
        sb.append(" SRC=").append(new io.knetsim.addr.Ipv4Address(Ipv4Header.src(b, nh)))
            .append(" DST=").append(new io.knetsim.addr.Ipv4Address(Ipv4Header.dst(b, nh)))
            .append(" LEN=").append(p.length())
            .append(String.format(Locale.ROOT, " TOS=0x%02X PREC=0x%02X", tos & 0x1e, tos & 0xe0))
            .append(" TTL=").append(Ipv4Header.ttl(b, nh)).append(" ID=").append(Ipv4Header.id(b, nh));
        if (Ipv4Header.dontFragment(b, nh)) {
            sb.append(" DF");
        }
        int th = p.th;
        switch (p.protocol()) {
            case Ipv4Header.PROTO_TCP -> {
                sb.append(" PROTO=TCP");
                if (th >= 0) {
                    sb.append(" SPT=").append(TcpHeader.srcPort(b, th)).append(" DPT=").append(TcpHeader.dstPort(b, th))
                        .append(" WINDOW=").append(TcpHeader.window(b, th)).append(" RES=0x00");
                    int f = TcpHeader.flags(b, th);
                    String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
                    int[] order = {7, 6, 5, 4, 3, 2, 1, 0};
                    for (int i : order) {
                        if ((f & (1 << i)) != 0) {
                            sb.append(' ').append(names[i]);
                        }
                    }
                    sb.append(" URGP=").append(TcpHeader.urgentPointer(b, th));
                }
            }
            case Ipv4Header.PROTO_UDP -> {
                sb.append(" PROTO=UDP");
                if (th >= 0) {
                    sb.append(" SPT=").append(UdpHeader.srcPort(b, th)).append(" DPT=").append(UdpHeader.dstPort(b, th))
                        .append(" LEN=").append(UdpHeader.length(b, th));
                }
            }
            case Ipv4Header.PROTO_ICMP -> {
                sb.append(" PROTO=ICMP");
                if (th >= 0) {
                    int type = IcmpHeader.type(b, th);
                    sb.append(" TYPE=").append(type).append(" CODE=").append(IcmpHeader.code(b, th));
                    if (type == IcmpHeader.ECHO_REQUEST || type == IcmpHeader.ECHO_REPLY) {
                        sb.append(" ID=").append(IcmpHeader.id(b, th)).append(" SEQ=").append(IcmpHeader.seq(b, th));
                    }
                }
            }
            default -> sb.append(" PROTO=").append(p.protocol());
        }
        return sb.toString();
    }

    @Override
    public String format() {
        return prefix == null ? "log" : "log prefix \"" + prefix + "\"";
    }
}
