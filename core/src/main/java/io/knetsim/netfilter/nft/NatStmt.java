package io.knetsim.netfilter.nft;

import io.knetsim.netfilter.conntrack.ConntrackEntry;
import io.knetsim.netfilter.conntrack.CtInfo;
import io.knetsim.packet.Ipv4Header;
import java.util.List;

/**
 * {@code dnat to ADDR[:PORT]}, {@code snat to ADDR[:PORT]}, {@code masquerade}: decided on a
 * flow's first packet (nat chains see no other) and applied by conntrack to every packet of
 * the flow, both ways. The address may come from a map: {@code dnat to jhash ip checksum mod 2
 * map { 0 : 10.0.0.1, 1 : 10.0.0.2 }}. Masquerade takes the outgoing device's address for the
 * destination; conntrack keeps the source port unless another flow has it.
 *
 * @param addr the address expression, null for masquerade
 * @param port the new port, or -1 to keep it
 * @param inet written in an inet table, where nft lists {@code dnat ip to ...}
 */
public record NatStmt(Kind kind, Expr addr, int port, boolean inet) implements Stmt {
    /** The NAT statements. */
    public enum Kind { DNAT, SNAT, MASQUERADE }

    /** Source NAT (postrouting, input) rather than destination NAT (prerouting, output). */
    public boolean source() {
        return kind != Kind.DNAT;
    }

    @Override
    public boolean eval(NftPacket p) {
        CtInfo ci = p.nft.conntrack().info(p.skb);
        if (ci == null || ci.entry() == null) {
            return false;
        }
        int a;
        if (kind == Kind.MASQUERADE) {
            if (p.out == null) {
                return false;
            }
            a = p.nft.ns().ip().selectSource(p.out, Ipv4Header.dst(p.buf(), p.nh));
            if (a == 0) {
                p.verdict = NftVerdict.DROP;
                return false;
            }
        } else {
            Object v = addr.eval(p);
            if (v == null) {
                return false;
            }
            a = (int) (long) (Long) v;
        }
        ci.entry().bind(source(), new ConntrackEntry.Binding(a, port));
        p.verdict = NftVerdict.ACCEPT;
        return false;
    }

    @Override
    public String format() {
        if (kind == Kind.MASQUERADE) {
            return "masquerade";
        }
        return (kind == Kind.DNAT ? "dnat" : "snat") + (inet ? " ip" : "") + " to " + addr.format() + (port >= 0 ? ":" + port : "");
    }

    @Override
    public void references(List<Object> out) {
        if (addr instanceof MapLookupExpr m) {
            out.add(m.map());
        }
    }
}
