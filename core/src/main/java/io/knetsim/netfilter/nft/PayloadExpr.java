package io.knetsim.netfilter.nft;

import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.TcpHeader;
import java.util.List;

/**
 * A header field ({@code nft_payload}): {@code ip saddr}, {@code tcp dport}, {@code th sport},
 * {@code icmp type}... A {@code tcp}/{@code udp}/{@code icmp} field implies the protocol
 * (nft adds that dependency), so it does not match other packets; {@code th} reads any
 * transport header with ports.
 */
public record PayloadExpr(Field field) implements Expr {
    /** The fields knetsim models. */
    public enum Field {
        IP_SADDR("ip saddr", DataType.IPV4_ADDR, 0, 4),
        IP_DADDR("ip daddr", DataType.IPV4_ADDR, 0, 4),
        IP_PROTOCOL("ip protocol", DataType.INET_PROTO, 0, 1),
        IP_TTL("ip ttl", DataType.INTEGER, 0, 1),
        IP_LENGTH("ip length", DataType.INTEGER, 0, 2),
        TCP_SPORT("tcp sport", DataType.INET_SERVICE, Ipv4Header.PROTO_TCP, 2),
        TCP_DPORT("tcp dport", DataType.INET_SERVICE, Ipv4Header.PROTO_TCP, 2),
        TCP_FLAGS("tcp flags", DataType.TCP_FLAG, Ipv4Header.PROTO_TCP, 1),
        UDP_SPORT("udp sport", DataType.INET_SERVICE, Ipv4Header.PROTO_UDP, 2),
        UDP_DPORT("udp dport", DataType.INET_SERVICE, Ipv4Header.PROTO_UDP, 2),
        TH_SPORT("th sport", DataType.INET_SERVICE, -1, 2),
        TH_DPORT("th dport", DataType.INET_SERVICE, -1, 2),
        ICMP_TYPE("icmp type", DataType.ICMP_TYPE, Ipv4Header.PROTO_ICMP, 1),
        ICMP_CODE("icmp code", DataType.INTEGER, Ipv4Header.PROTO_ICMP, 1),
        IP_CHECKSUM("ip checksum", DataType.INTEGER, 0, 2);

        private final String text;
        private final DataType type;
        private final int proto;
        private final int bytes;

        Field(String text, DataType type, int proto, int bytes) {
            this.text = text;
            this.type = type;
            this.proto = proto;
            this.bytes = bytes;
        }

        /** Width of the field on the wire, in bytes. */
        public int bytes() {
            return bytes;
        }

        public String text() {
            return text;
        }

        public DataType type() {
            return type;
        }

        /** The field written {@code proto name}, e.g. {@code tcp dport}, or null. */
        public static Field of(String proto, String name) {
            String t = proto + " " + name;
            for (Field f : values()) {
                if (f.text.equals(t)) {
                    return f;
                }
            }
            return null;
        }
    }

    @Override
    public Object eval(NftPacket p) {
        byte[] b = p.buf();
        int nh = p.nh;
        if (field.proto > 0 && p.protocol() != field.proto) {
            return null;
        }
        long v = switch (field) {
            case IP_SADDR -> Ipv4Header.src(b, nh) & 0xffffffffL;
            case IP_DADDR -> Ipv4Header.dst(b, nh) & 0xffffffffL;
            case IP_PROTOCOL -> p.protocol();
            case IP_TTL -> Ipv4Header.ttl(b, nh);
            case IP_LENGTH -> p.length();
            case IP_CHECKSUM -> Ipv4Header.checksum(b, nh);
            case TCP_SPORT, UDP_SPORT, TH_SPORT -> p.transport16(0);
            case TCP_DPORT, UDP_DPORT, TH_DPORT -> p.transport16(2);
            case TCP_FLAGS -> p.transport8(TcpHeader.FLAGS);
            case ICMP_TYPE -> p.transport8(0);
            case ICMP_CODE -> p.transport8(1);
        };
        return v < 0 ? null : v;
    }

    @Override
    public List<DataType> types() {
        return List.of(field.type);
    }

    @Override
    public String format() {
        return field.text;
    }
}
