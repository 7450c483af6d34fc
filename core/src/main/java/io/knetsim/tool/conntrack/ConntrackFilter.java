package io.knetsim.tool.conntrack;

import io.knetsim.netfilter.conntrack.ConntrackEntry;
import io.knetsim.netfilter.conntrack.CtTuple;
import io.knetsim.netfilter.conntrack.TcpCtState;

/**
 * The flow filters of {@code conntrack -L} and {@code -D}: each option set narrows the
 * selection; an unset one (null or -1) matches everything.
 */
final class ConntrackFilter {
    int proto = -1;
    Integer origSrc;
    Integer origDst;
    Integer replySrc;
    Integer replyDst;
    int origSport = -1;
    int origDport = -1;
    int replySport = -1;
    int replyDport = -1;
    TcpCtState state;
    long mark = -1;
    long markMask = 0xffffffffL;
    /** {@code -n}: SNAT only ({@code 0}: any address), {@code -g}: DNAT only. */
    boolean snatOnly;
    boolean dnatOnly;
    Integer snatAddr;
    Integer dnatAddr;
    /** {@code -f ipv6}: knetsim has no IPv6 flows. */
    boolean ipv6;

    boolean matches(ConntrackEntry e) {
        CtTuple o = e.original();
        CtTuple r = e.reply();
        if (ipv6) {
            return false;
        }
        if (proto >= 0 && o.proto() != proto) {
            return false;
        }
        if (!eq(origSrc, o.src()) || !eq(origDst, o.dst()) || !eq(replySrc, r.src()) || !eq(replyDst, r.dst())) {
            return false;
        }
        if (!port(origSport, o.sport()) || !port(origDport, o.dport()) || !port(replySport, r.sport())
            || !port(replyDport, r.dport())) {
            return false;
        }
        if (state != null && e.tcpState() != state) {
            return false;
        }
        if (mark >= 0 && ((e.mark & 0xffffffffL) & markMask) != mark) {
            return false;
        }
        boolean snat = r.dst() != o.src();
        boolean dnat = r.src() != o.dst();
        if (snatOnly && (!snat || snatAddr != null && r.dst() != snatAddr)) {
            return false;
        }
        return !dnatOnly || dnat && (dnatAddr == null || r.src() == dnatAddr);
    }

    private static boolean eq(Integer want, int have) {
        return want == null || want == have;
    }

    private static boolean port(int want, int have) {
        return want < 0 || want == have;
    }
}
