package io.knetsim.netfilter.conntrack;

import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.netfilter.NfHook;
import io.knetsim.netfilter.NfHooks;
import io.knetsim.netfilter.Verdict;
import io.knetsim.packet.Bytes;
import io.knetsim.packet.IcmpHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;
import io.knetsim.packet.TcpHeader;
import io.knetsim.packet.UdpHeader;
import io.knetsim.sim.SimTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Connection tracking and NAT of one namespace ({@code nf_conntrack}, {@code nf_nat}).
 *
 * <pre>
 *  PREROUTING/OUTPUT  -200 track: find the flow by tuple (either direction) or start one (NEW)
 *                     -100 DNAT: first packet runs the nat chains; every packet gets the bindings
 *  POSTROUTING/INPUT   100 SNAT: likewise for the source (masquerade picks a free port)
 *                      MAX confirm: the flow and its reply tuple enter the table
 * </pre>
 *
 * Entries are found by hash on either tuple. A flow is NEW until a reply is seen, then
 * ESTABLISHED; an ICMP error quoting a tracked flow is RELATED; anything else untrackable is
 * INVALID. Entries expire lazily after Linux's default timeouts.
 */
public final class Conntrack {
    /** TCP timeouts by state, as before {@link TcpCtState} held them (kept for callers). */
    public static final long TCP_SYN_TIMEOUT = TcpCtState.SYN_SENT.timeout();
    public static final long TCP_ESTABLISHED_TIMEOUT = TcpCtState.ESTABLISHED.timeout();
    public static final long TCP_FIN_TIMEOUT = TcpCtState.FIN_WAIT.timeout();
    public static final long TCP_CLOSE_TIMEOUT = TcpCtState.CLOSE.timeout();
    /** A TCP flow that is not assured yet never gets more than this ({@code nf_conntrack_tcp_timeout_unacknowledged}). */
    public static final long TCP_UNACK_TIMEOUT = SimTime.seconds(300);
    public static final long UDP_TIMEOUT = SimTime.seconds(30);
    public static final long UDP_STREAM_TIMEOUT = SimTime.seconds(120);
    public static final long ICMP_TIMEOUT = SimTime.seconds(30);
    public static final long GENERIC_TIMEOUT = SimTime.seconds(600);

    private final NetNamespace ns;
    private final Map<CtTuple, ConntrackEntry> table = new HashMap<>();
    private final List<NfHooks.Entry> registered = new ArrayList<>();
    private NatChains natChains;

    public Conntrack(NetNamespace ns) {
        this.ns = ns;
    }

    /**
     * Registers the tracking, NAT and confirm hooks (once); {@code nat} runs the nat chains, null
     * while the ruleset has none (then a clashing flow cannot be given another source port).
     */
    public void enable(NatChains nat) {
        this.natChains = nat;
        if (!registered.isEmpty()) {
            return;
        }
        NfHooks h = ns.hooks();
        for (NfHook hook : new NfHook[] {NfHook.PREROUTING, NfHook.OUTPUT}) {
            registered.add(h.register(hook, NfHooks.PRIORITY_CONNTRACK, this::track));
            registered.add(h.register(hook, NfHooks.PRIORITY_DSTNAT, this::nat));
        }
        for (NfHook hook : new NfHook[] {NfHook.POSTROUTING, NfHook.INPUT}) {
            registered.add(h.register(hook, NfHooks.PRIORITY_SRCNAT, this::nat));
            registered.add(h.register(hook, Integer.MAX_VALUE, this::confirm));
        }
    }

    public void disable() {
        for (NfHooks.Entry e : registered) {
            ns.hooks().unregister(e);
        }
        registered.clear();
        table.clear();
    }

    public boolean enabled() {
        return !registered.isEmpty();
    }

    /** Live entries, each once, in no particular order. */
    public List<ConntrackEntry> entries() {
        List<ConntrackEntry> out = new ArrayList<>();
        long now = ns.sim().now();
        for (Map.Entry<CtTuple, ConntrackEntry> e : table.entrySet()) {
            if (e.getKey().equals(e.getValue().original) && e.getValue().expires > now) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /**
     * {@code conntrack -D}: removes a flow from the table; later packets of it start a new one
     * (and go through the nat chains again). False if it was not in the table.
     */
    public boolean delete(ConntrackEntry e) {
        if (table.get(e.original) != e) {
            return false;
        }
        table.remove(e.original);
        table.remove(e.reply);
        return true;
    }

    /** {@code conntrack -F}: removes every flow; returns how many there were. */
    public int flush() {
        int n = entries().size();
        table.clear();
        return n;
    }

    /**
     * Deletes the live entries {@code which} selects ({@code conntrack -D} with filters, as
     * kube-proxy does for UDP flows to endpoints that went away); returns how many.
     */
    public int delete(java.util.function.Predicate<ConntrackEntry> which) {
        int n = 0;
        for (ConntrackEntry e : entries()) {
            if (which.test(e) && delete(e)) {
                n++;
            }
        }
        return n;
    }

    /** The conntrack information on {@code skb} if this namespace attached it, else null. */
    public CtInfo info(SkBuff skb) {
        return skb.nfct instanceof CtInfo ci && ci.owner() == this ? ci : null;
    }

    private ConntrackEntry lookup(CtTuple t) {
        ConntrackEntry e = table.get(t);
        if (e != null && e.expires <= ns.sim().now()) {
            table.remove(e.original);
            table.remove(e.reply);
            return null;
        }
        return e;
    }

    private Verdict track(NfHook hook, SkBuff skb, NetDevice in, NetDevice out) {
        byte[] b = skb.buf();
        int nh = skb.networkHeader;
        CtTuple t = CtTuple.of(b, nh, skb.tail());
        if (t == null) {
            ConntrackEntry master = related(b, nh, skb.tail());
            if (master == null) {
                skb.nfct = new CtInfo(this, null, false, CtState.INVALID);
            } else {
                // the quoted datagram went out in one direction; the error comes back in the other
                CtTuple quoted = CtTuple.of(b, nh + Ipv4Header.headerLength(b, nh) + IcmpHeader.LENGTH, skb.tail());
                skb.nfct = new CtInfo(this, master, quoted.equals(master.replyAfterNatOrConfirmed().invert()),
                    CtState.RELATED);
            }
            return Verdict.ACCEPT;
        }
        ConntrackEntry e = lookup(t);
        boolean reply;
        if (e == null) {
            e = new ConntrackEntry(t);
            reply = false;
        } else {
            reply = !t.equals(e.original);
        }
        refresh(e, b, nh, reply);
        if (reply) {
            e.seenReply = true; // after the protocol's handler, as nf_conntrack_in sets IPS_SEEN_REPLY
        }
        CtState st = reply || e.seenReply ? CtState.ESTABLISHED : CtState.NEW;
        skb.nfct = new CtInfo(this, e, reply, st);
        return Verdict.ACCEPT;
    }

    /**
     * The flow an ICMP error is about ({@code nf_conntrack_icmpv4_error}): the quoted datagram's
     * tuple inverted is the tuple of the direction the error travels in. Null if none.
     */
    private ConntrackEntry related(byte[] b, int nh, int tail) {
        if (Ipv4Header.protocol(b, nh) != Ipv4Header.PROTO_ICMP) {
            return null;
        }
        int th = nh + Ipv4Header.headerLength(b, nh);
        if (th + IcmpHeader.LENGTH + Ipv4Header.MIN_LENGTH > tail) {
            return null;
        }
        int type = IcmpHeader.type(b, th);
        if (type != IcmpHeader.DEST_UNREACHABLE && type != IcmpHeader.TIME_EXCEEDED) {
            return null;
        }
        CtTuple q = CtTuple.of(b, th + IcmpHeader.LENGTH, tail);
        if (q == null) {
            return null;
        }
        ConntrackEntry e = lookup(q.invert());
        return e != null && e.confirmed ? e : null;
    }

    /** The protocol's packet handler: TCP state, {@code ASSURED}, and the new timeout. */
    private void refresh(ConntrackEntry e, byte[] b, int nh, boolean reply) {
        long now = ns.sim().now();
        long timeout;
        switch (e.original.proto()) {
            case Ipv4Header.PROTO_TCP -> {
                int th = nh + Ipv4Header.headerLength(b, nh);
                int flags = TcpHeader.flags(b, th);
                e.tcpFlagsSeen |= flags;
                if ((flags & TcpHeader.FIN) != 0) {
                    if (reply) {
                        e.finFromReply = true;
                    } else {
                        e.finFromOrig = true;
                    }
                }
                TcpCtState old = e.tcpState;
                e.tcpState = TcpCtState.next(old, flags, reply, e.finFromOrig, e.finFromReply);
                if (!e.assured && (old == TcpCtState.SYN_RECV || old == TcpCtState.ESTABLISHED)
                    && e.tcpState == TcpCtState.ESTABLISHED) {
                    e.assured = true;
                }
                timeout = e.tcpState.timeout();
                if (!e.assured && timeout > TCP_UNACK_TIMEOUT) {
                    timeout = TCP_UNACK_TIMEOUT;
                }
            }
            case Ipv4Header.PROTO_UDP -> {
                if (e.seenReply) {
                    timeout = UDP_STREAM_TIMEOUT;
                    e.assured = true;
                } else {
                    timeout = UDP_TIMEOUT;
                }
            }
            case Ipv4Header.PROTO_ICMP -> timeout = ICMP_TIMEOUT;
            default -> timeout = GENERIC_TIMEOUT;
        }
        e.expires = now + timeout;
    }

    private Verdict nat(NfHook hook, SkBuff skb, NetDevice in, NetDevice out) {
        CtInfo ci = info(skb);
        if (ci == null || ci.entry() == null) {
            return Verdict.ACCEPT;
        }
        ConntrackEntry e = ci.entry();
        boolean source = hook == NfHook.POSTROUTING || hook == NfHook.INPUT;
        if (!ci.reply() && !e.confirmed && !(source ? e.snatDecided : e.dnatDecided)) {
            Verdict v = natChains == null ? Verdict.ACCEPT : natChains.run(hook, skb, in, out);
            if (source) {
                e.snatDecided = true;
                if (e.snat != null) {
                    e.snat = freePort(e);
                } else if (natChains != null && clashes(e)) {
                    // nf_nat_alloc_null_binding: the source stays, but a reply tuple another flow
                    // holds gets the next free source port (get_unique_tuple), as Linux remaps
                    // a second flow whose replies would be confused with the first's
                    e.snat = new ConntrackEntry.Binding(e.original.src(), -1);
                    e.snat = freePort(e);
                }
            } else {
                e.dnatDecided = true;
            }
            if (v != Verdict.ACCEPT) {
                return v;
            }
        }
        if (ci.state() == CtState.RELATED) {
            translateError(skb, e, ci.reply(), source);
        } else {
            apply(skb, e, ci.reply(), source);
        }
        return Verdict.ACCEPT;
    }

    /**
     * {@code nf_nat_icmp_reply_translation}: an ICMP error about a NATed flow gets the outer
     * addresses a packet of its direction would get, and the quoted datagram (a packet of the
     * other direction) the inverse, so the error reaches the host that sent the datagram and
     * names the addresses that host used. ICMP echo identifiers are left alone.
     */
    private static void translateError(SkBuff skb, ConntrackEntry e, boolean reply, boolean source) {
        byte[] b = skb.buf();
        int nh = skb.networkHeader;
        int th = nh + Ipv4Header.headerLength(b, nh);
        int inner = th + IcmpHeader.LENGTH;
        boolean changed = false;
        if (reply && !source && e.snat != null) { // back to the masqueraded host: outer dst, quoted src
            Ipv4Header.setDst(b, nh, e.original.src());
            Ipv4Header.setSrc(b, inner, e.original.src());
            quotedPort(b, inner, skb.tail(), true, e.original.sport());
            changed = true;
        } else if (reply && source && e.dnat != null) { // from behind a DNAT: quoted dst is the address the client used
            Ipv4Header.setDst(b, inner, e.original.dst());
            quotedPort(b, inner, skb.tail(), false, e.original.dport());
            changed = true;
        } else if (!reply && !source && e.dnat != null) { // towards the DNAT target
            Ipv4Header.setDst(b, nh, e.dnat.addr());
            Ipv4Header.setSrc(b, inner, e.dnat.addr());
            if (e.dnat.port() >= 0) {
                quotedPort(b, inner, skb.tail(), true, e.dnat.port());
            }
            changed = true;
        }
        if (changed) {
            Ipv4Header.fillChecksum(b, inner);
            Ipv4Header.fillChecksum(b, nh);
            IcmpHeader.fillChecksum(b, th, Ipv4Header.totalLength(b, nh) - (th - nh));
        }
    }

    /** Rewrites a TCP or UDP port of the datagram an ICMP error quotes (its first 8 bytes are there). */
    private static void quotedPort(byte[] b, int inner, int tail, boolean sourcePort, int port) {
        int p = Ipv4Header.protocol(b, inner);
        int ith = inner + Ipv4Header.headerLength(b, inner);
        if ((p == Ipv4Header.PROTO_TCP || p == Ipv4Header.PROTO_UDP) && ith + 4 <= tail && port >= 0) {
            Bytes.put16(b, ith + (sourcePort ? 0 : 2), port);
        }
    }

    /** True if another live flow already holds the reply tuple {@code e}'s bindings imply. */
    private boolean clashes(ConntrackEntry e) {
        ConntrackEntry other = lookup(e.replyAfterNat());
        return other != null && other != e;
    }

    /** Keeps the flow's source port if its reply tuple is free, else the next free one ({@code nf_nat_used_tuple}). */
    private ConntrackEntry.Binding freePort(ConntrackEntry e) {
        ConntrackEntry.Binding b = e.snat;
        int port = b.port() >= 0 ? b.port() : e.original.sport();
        if (e.original.proto() != Ipv4Header.PROTO_TCP && e.original.proto() != Ipv4Header.PROTO_UDP
            && e.original.proto() != Ipv4Header.PROTO_ICMP) {
            return b;
        }
        for (int i = 0; i < 65536; i++) {
            e.snat = new ConntrackEntry.Binding(b.addr(), port);
            ConntrackEntry other = lookup(e.replyAfterNat());
            if (other == null || other == e) {
                return e.snat;
            }
            port = port >= 65535 ? 1024 : port + 1;
        }
        return e.snat;
    }

    private void apply(SkBuff skb, ConntrackEntry e, boolean reply, boolean source) {
        if (!reply) {
            if (source && e.snat != null) {
                rewrite(skb, true, e.snat.addr(), e.snat.port());
            } else if (!source && e.dnat != null) {
                rewrite(skb, false, e.dnat.addr(), e.dnat.port());
            }
        } else {
            if (source && e.dnat != null) {
                rewrite(skb, true, e.original.dst(), e.original.dport());
            } else if (!source && e.snat != null) {
                rewrite(skb, false, e.original.src(), e.original.sport());
            }
        }
    }

    /** Rewrites the source or destination address (and port, or ICMP echo id) and fixes the checksums. */
    private static void rewrite(SkBuff skb, boolean source, int addr, int port) {
        byte[] b = skb.buf();
        int nh = skb.networkHeader;
        if (source) {
            Ipv4Header.setSrc(b, nh, addr);
        } else {
            Ipv4Header.setDst(b, nh, addr);
        }
        Ipv4Header.fillChecksum(b, nh);
        if (Ipv4Header.fragmentOffset(b, nh) != 0) {
            return;
        }
        int th = nh + Ipv4Header.headerLength(b, nh);
        int len = Ipv4Header.totalLength(b, nh) - (th - nh);
        int src = Ipv4Header.src(b, nh);
        int dst = Ipv4Header.dst(b, nh);
        switch (Ipv4Header.protocol(b, nh)) {
            case Ipv4Header.PROTO_TCP -> {
                if (port >= 0) {
                    Bytes.put16(b, th + (source ? 0 : 2), port);
                }
                TcpHeader.fillChecksum(b, th, len, src, dst);
            }
            case Ipv4Header.PROTO_UDP -> {
                if (port >= 0) {
                    Bytes.put16(b, th + (source ? 0 : 2), port);
                }
                if (UdpHeader.checksum(b, th) != 0) {
                    UdpHeader.fillChecksum(b, th, len, src, dst);
                }
            }
            case Ipv4Header.PROTO_ICMP -> {
                int type = IcmpHeader.type(b, th);
                if (port >= 0 && (type == IcmpHeader.ECHO_REQUEST || type == IcmpHeader.ECHO_REPLY)) {
                    Bytes.put16(b, th + IcmpHeader.ID, port);
                    IcmpHeader.fillChecksum(b, th, len);
                }
            }
            default -> {
            }
        }
    }

    private Verdict confirm(NfHook hook, SkBuff skb, NetDevice in, NetDevice out) {
        CtInfo ci = info(skb);
        if (ci == null || ci.entry() == null || ci.entry().confirmed) {
            return Verdict.ACCEPT;
        }
        ConntrackEntry e = ci.entry();
        e.reply = e.replyAfterNat();
        ConntrackEntry clash = lookup(e.reply);
        if (clash != null && clash != e) {
            return Verdict.DROP; // nf_conntrack_confirm: a clashing reply tuple
        }
        e.confirmed = true;
        table.put(e.original, e);
        table.put(e.reply, e);
        return Verdict.ACCEPT;
    }
}
