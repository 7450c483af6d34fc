package io.knetsim.tool.conntrack;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.netfilter.conntrack.ConntrackEntry;
import io.knetsim.netfilter.conntrack.CtTuple;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.sim.SimTime;

/**
 * One flow as {@code conntrack -L} prints it (libnetfilter_conntrack's default output):
 *
 * <pre>
 * tcp      6 431999 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=40000 dport=80 src=10.0.0.2 dst=10.0.0.1 sport=80 dport=40000 [ASSURED] mark=0 use=1
 * udp      17 29 src=10.244.1.2 dst=10.96.0.10 sport=38211 dport=53 [UNREPLIED] src=10.96.0.10 dst=10.244.1.2 sport=53 dport=38211 mark=0 use=1
 * icmp     1 29 src=10.244.1.2 dst=10.0.0.4 type=8 code=0 id=7 src=10.0.0.4 dst=10.0.0.3 type=0 code=0 id=7 mark=0 use=1
 * </pre>
 *
 * The protocol name padded to 8, its number, the seconds left before the entry expires
 * (rounded down, as the kernel reports them), the TCP state, the original tuple,
 * {@code [UNREPLIED]} until a reply was seen, the reply tuple, {@code [ASSURED]}, the conntrack
 * mark and the use count.
 */
final class ConntrackLine {
    private ConntrackLine() {
    }

    static String protoName(int proto) {
        return switch (proto) {
            case Ipv4Header.PROTO_TCP -> "tcp";
            case Ipv4Header.PROTO_UDP -> "udp";
            case Ipv4Header.PROTO_ICMP -> "icmp";
            default -> "unknown";
        };
    }

    static String format(ConntrackEntry e, long now) {
        CtTuple o = e.original();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-8s %d ", protoName(o.proto()), o.proto()));
        sb.append(Math.max(0, e.expires() - now) / SimTime.seconds(1)).append(' ');
        if (e.tcpState() != null) {
            sb.append(e.tcpState().name()).append(' ');
        }
        tuple(sb, o, false);
        if (!e.seenReply()) {
            sb.append("[UNREPLIED] ");
        }
        tuple(sb, e.reply(), true);
        if (e.assured()) {
            sb.append("[ASSURED] ");
        }
        sb.append("mark=").append(e.mark & 0xffffffffL).append(" use=1");
        return sb.toString();
    }

    private static void tuple(StringBuilder sb, CtTuple t, boolean reply) {
        sb.append("src=").append(Ipv4Address.format(t.src())).append(" dst=").append(Ipv4Address.format(t.dst()))
            .append(' ');
        switch (t.proto()) {
            case Ipv4Header.PROTO_TCP, Ipv4Header.PROTO_UDP -> sb.append("sport=").append(t.sport())
                .append(" dport=").append(t.dport()).append(' ');
            case Ipv4Header.PROTO_ICMP -> sb.append("type=").append(reply ? 0 : 8).append(" code=0 id=")
                .append(t.sport()).append(' ');
            default -> {
            }
        }
    }
}
