package io.knetsim.netfilter.nft;

import io.knetsim.packet.IcmpHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;
import io.knetsim.packet.TcpHeader;

/**
 * {@code reject} ({@code nft_reject_ipv4}): drops the packet and tells the sender, by default
 * with ICMP port unreachable, or {@code with icmp type host-unreachable} and the like, or
 * {@code with tcp reset} (a RST built as {@code nf_send_reset} does; nothing is sent for a
 * packet that is not TCP, or is itself a RST).
 *
 * @param icmpCode the ICMP destination-unreachable code, or -1 for a TCP reset
 */
public record RejectStmt(int icmpCode) implements Stmt {
    /** The ICMP codes nft names after {@code reject with icmp type}. */
    private static final String[] CODES = {"net-unreachable", "host-unreachable", "prot-unreachable",
        "port-unreachable", null, null, null, null, null, "net-prohibited", "host-prohibited", null, null,
        "admin-prohibited"};

    public static final int TCP_RESET = -1;

    /** The code for a name after {@code with icmp type}, or -1. */
    public static int code(String name) {
        for (int i = 0; i < CODES.length; i++) {
            if (name.equals(CODES[i])) {
                return i;
            }
        }
        return -2;
    }

    @Override
    public boolean eval(NftPacket p) {
        if (icmpCode == TCP_RESET) {
            sendReset(p);
        } else {
            p.nft.ns().icmp().sendError(p.skb, IcmpHeader.DEST_UNREACHABLE, icmpCode, 0);
        }
        p.verdict = NftVerdict.DROP;
        return false;
    }

    private static void sendReset(NftPacket p) {
        byte[] b = p.buf();
        int nh = p.nh;
        int th = p.th;
        if (p.protocol() != Ipv4Header.PROTO_TCP || th < 0 || th + TcpHeader.MIN_LENGTH > p.skb.tail()) {
            return;
        }
        int flags = TcpHeader.flags(b, th);
        if ((flags & TcpHeader.RST) != 0) {
            return;
        }
        int payload = Ipv4Header.totalLength(b, nh) - (th - nh) - TcpHeader.headerLength(b, th);
        int seq;
        int ack;
        int outFlags;
        if ((flags & TcpHeader.ACK) != 0) {
            seq = TcpHeader.ack(b, th);
            ack = 0;
            outFlags = TcpHeader.RST;
        } else {
            seq = 0;
            ack = TcpHeader.seq(b, th) + payload + ((flags & TcpHeader.SYN) != 0 ? 1 : 0)
                + ((flags & TcpHeader.FIN) != 0 ? 1 : 0);
            outFlags = TcpHeader.RST | TcpHeader.ACK;
        }
        int src = Ipv4Header.dst(b, nh);
        int dst = Ipv4Header.src(b, nh);
        int len = Ipv4Header.MIN_LENGTH + TcpHeader.MIN_LENGTH;
        SkBuff rst = SkBuff.allocate(SkBuff.DEFAULT_HEADROOM, len);
        int off = rst.put(len);
        byte[] r = rst.buf();
        int t = off + Ipv4Header.MIN_LENGTH;
        TcpHeader.write(r, t, TcpHeader.dstPort(b, th), TcpHeader.srcPort(b, th), seq, ack, TcpHeader.MIN_LENGTH,
            outFlags, 0, 0);
        TcpHeader.fillChecksum(r, t, TcpHeader.MIN_LENGTH, src, dst);
        Ipv4Header.write(r, off, 0, len, p.nft.ns().ip().nextId(), Ipv4Header.FLAG_DF,
            p.nft.ns().sysctl().defaultTtl, Ipv4Header.PROTO_TCP, src, dst);
        rst.transportHeader = t;
        p.nft.ns().ip().sendRaw(rst);
    }

    @Override
    public String format() {
        if (icmpCode == TCP_RESET) {
            return "reject with tcp reset";
        }
        return icmpCode == IcmpHeader.PORT_UNREACHABLE ? "reject" : "reject with icmp type " + CODES[icmpCode];
    }
}
