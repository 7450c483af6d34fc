package io.knetsim.tool.tcpdump;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.addr.MacAddress;
import io.knetsim.packet.ArpHeader;
import io.knetsim.packet.EthernetHeader;
import io.knetsim.packet.IcmpHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.TcpHeader;
import io.knetsim.packet.UdpHeader;
import io.knetsim.pcap.LinkType;

/** Hand-made Ethernet frames for filter and printer tests, with correct checksums. */
final class Frames {
    static final long MAC1 = MacAddress.parse("02:00:00:00:00:01").bits();
    static final long MAC2 = MacAddress.parse("02:00:00:00:00:02").bits();

    private Frames() {
    }

    static int ip(String s) {
        return Ipv4Address.parse(s).bits();
    }

    static Frame frame(byte[] b) {
        return Frame.of(LinkType.ETHERNET, b, 1_000_000_000L);
    }

    /** An IPv4 packet with {@code l4} as payload, in an Ethernet frame from MAC1 to MAC2. */
    static byte[] ipv4(String src, String dst, int proto, byte[] l4, int ttl, int flagsFrag, int id) {
        byte[] b = new byte[14 + 20 + l4.length];
        EthernetHeader.write(b, 0, MAC2, MAC1, EthernetHeader.TYPE_IPV4);
        Ipv4Header.write(b, 14, 0, 20 + l4.length, id, flagsFrag, ttl, proto, ip(src), ip(dst));
        System.arraycopy(l4, 0, b, 34, l4.length);
        return b;
    }

    static byte[] udpSegment(String src, int sport, String dst, int dport, int payload) {
        byte[] u = new byte[8 + payload];
        UdpHeader.write(u, 0, sport, dport, u.length);
        UdpHeader.fillChecksum(u, 0, u.length, ip(src), ip(dst));
        return u;
    }

    static byte[] udp(String src, int sport, String dst, int dport, int payload) {
        return ipv4(src, dst, 17, udpSegment(src, sport, dst, dport, payload), 64, 0, 1);
    }

    static byte[] tcp(String src, int sport, String dst, int dport, int seq, int ack, int flags, int win,
                      TcpHeader.Options opts, byte[] payload) {
        TcpHeader.Repr r = new TcpHeader.Repr(sport, dport, seq, ack, flags, win, 0, opts);
        byte[] t = new byte[r.headerLength() + payload.length];
        r.emit(t, 0);
        System.arraycopy(payload, 0, t, r.headerLength(), payload.length);
        TcpHeader.fillChecksum(t, 0, t.length, ip(src), ip(dst));
        return ipv4(src, dst, 6, t, 64, Ipv4Header.FLAG_DF, 2);
    }

    static byte[] icmpEcho(String src, String dst, int type, int id, int seq) {
        byte[] m = new byte[64];
        IcmpHeader.write(m, 0, type, 0, id << 16 | seq);
        IcmpHeader.fillChecksum(m, 0, m.length);
        return ipv4(src, dst, 1, m, 64, Ipv4Header.FLAG_DF, 3);
    }

    static byte[] arp(int oper, long sha, String spa, long tha, String tpa) {
        byte[] b = new byte[14 + 28];
        EthernetHeader.write(b, 0, oper == 1 ? MacAddress.BROADCAST.bits() : tha, sha, EthernetHeader.TYPE_ARP);
        ArpHeader.write(b, 14, oper, sha, ip(spa), oper == 1 ? 0 : tha, ip(tpa));
        return b;
    }
}
