package io.knetsim.packet;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.addr.MacAddress;

/**
 * Builds frames for tests the way the stack will: payload first, then each header pushed in
 * front of it into the SkBuff's headroom, innermost first.
 *
 * <pre>
 *   payload(...)  ->  tcp/udp/icmp(...)  ->  ipv4(...)  ->  ethernet(...)  ->  bytes()
 * </pre>
 */
final class TestFrames {
    static final long MAC_W1 = MacAddress.parse("02:42:0a:00:00:03").bits();
    static final long MAC_W2 = MacAddress.parse("02:42:0a:00:00:04").bits();
    static final long MAC_POD1 = MacAddress.parse("0a:58:0b:0a:00:02").bits();
    static final long MAC_CNI0 = MacAddress.parse("0a:58:0b:0a:00:01").bits();
    static final int IP_W1 = ip("10.0.0.3");
    static final int IP_W2 = ip("10.0.0.4");
    static final int IP_POD1 = ip("11.10.0.2");
    static final int IP_POD2 = ip("11.11.0.2");

    private TestFrames() {
    }

    static int ip(String text) {
        return Ipv4Address.parse(text).bits();
    }

    static SkBuff payload(byte[] data) {
        SkBuff skb = SkBuff.allocate(SkBuff.DEFAULT_HEADROOM, data.length);
        skb.putBytes(data, 0, data.length);
        return skb;
    }

    /** Bytes 0, 1, 2, ... as ping's default pattern. */
    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    static SkBuff udp(SkBuff skb, int srcIp, int dstIp, int srcPort, int dstPort, boolean checksum) {
        int len = skb.len() + UdpHeader.LENGTH;
        int off = skb.push(UdpHeader.LENGTH);
        new UdpHeader.Repr(srcPort, dstPort, len, 0).emit(skb.buf(), off);
        if (checksum) {
            UdpHeader.fillChecksum(skb.buf(), off, len, srcIp, dstIp);
        }
        skb.transportHeader = off;
        return skb;
    }

    static SkBuff tcp(SkBuff skb, int srcIp, int dstIp, TcpHeader.Repr h) {
        int payload = skb.len();
        int hl = Math.max(h.headerLength(), TcpHeader.MIN_LENGTH + h.options().length());
        int off = skb.push(hl);
        h.emit(skb.buf(), off);
        TcpHeader.fillChecksum(skb.buf(), off, hl + payload, srcIp, dstIp);
        skb.transportHeader = off;
        return skb;
    }

    static SkBuff icmp(SkBuff skb, int type, int code, int restOfHeader) {
        int len = skb.len() + IcmpHeader.LENGTH;
        int off = skb.push(IcmpHeader.LENGTH);
        new IcmpHeader.Repr(type, code, 0, restOfHeader).emit(skb.buf(), off);
        IcmpHeader.fillChecksum(skb.buf(), off, len);
        skb.transportHeader = off;
        return skb;
    }

    static SkBuff ipv4(SkBuff skb, int id, boolean df, boolean mf, int fragOffset, int ttl, int proto,
                       int src, int dst) {
        int len = skb.len() + Ipv4Header.MIN_LENGTH;
        int off = skb.push(Ipv4Header.MIN_LENGTH);
        new Ipv4Header.Repr(0, len, id, df, mf, fragOffset, ttl, proto, 0, new Ipv4Address(src),
            new Ipv4Address(dst), Ipv4Header.MIN_LENGTH).emit(skb.buf(), off);
        skb.networkHeader = off;
        return skb;
    }

    static SkBuff ethernet(SkBuff skb, long dst, long src, int etherType) {
        int off = skb.push(EthernetHeader.LENGTH);
        new EthernetHeader.Repr(new MacAddress(dst), new MacAddress(src), etherType).emit(skb.buf(), off);
        skb.macHeader = off;
        return skb;
    }

    static SkBuff vxlan(SkBuff inner, int vni) {
        int off = inner.push(VxlanHeader.LENGTH);
        VxlanHeader.Repr.of(vni).emit(inner.buf(), off);
        return inner;
    }

    /** An ICMP error body: the offending IP header and the first 8 bytes of its payload. */
    static byte[] quote(SkBuff offending) {
        byte[] b = offending.toByteArray();
        int n = Math.min(b.length, Ipv4Header.headerLength(b, 0) + 8);
        return java.util.Arrays.copyOf(b, n);
    }
}
