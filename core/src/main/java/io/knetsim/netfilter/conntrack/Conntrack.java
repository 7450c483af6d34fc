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
    public static final long TCP_SYN_TIMEOUT = SimTime.seconds(120);
    public static final long TCP_ESTABLISHED_TIMEOUT = SimTime.seconds(432000);
    public static final long TCP_FIN_TIMEOUT = SimTime.seconds(120);
    public static final long TCP_CLOSE_TIMEOUT = SimTime.seconds(10);
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

    /** Registers the tracking, NAT and confirm hooks (once); {@code nat} runs the nat chains. */
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
     * Deletes the live entries {@code which} selects ({@code conntrack -D} with filters, as
     * kube-proxy does for UDP flows to endpoints that went away); returns how many.
     */
    public int delete(java.util.function.Predicate<ConntrackEntry> which) {
        int n = 0;
        for (ConntrackEntry e : entries()) {
            if (which.test(e)) {
                table.remove(e.original);
                table.remove(e.reply);
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
            skb.nfct = new CtInfo(this, null, false, related(b, nh, skb.tail()) ? CtState.RELATED : CtState.INVALID);
            return Verdict.ACCEPT;
        }
        ConntrackEntry e = lookup(t);
        boolean reply;
        if (e == null) {
            e = new ConntrackEntry(t);
            reply = false;
        } else {
            reply = !t.equals(e.original);
            if (reply) {
                e.seenReply = true;
            }
        }
        refresh(e, b, nh);
        CtState st = reply || e.seenReply ? CtState.ESTABLISHED : CtState.NEW;
        skb.nfct = new CtInfo(this, e, reply, st);
        return Verdict.ACCEPT;
    }

    /** An ICMP error whose quoted datagram belongs to a tracked flow. */
    private boolean related(byte[] b, int nh, int tail) {
        if (Ipv4Header.protocol(b, nh) != Ipv4Header.PROTO_ICMP) {
            return false;
        }
        int th = nh + Ipv4Header.headerLength(b, nh);
        if (th + IcmpHeader.LENGTH + Ipv4Header.MIN_LENGTH > tail) {
            return false;
        }
        int type = IcmpHeader.type(b, th);
        if (type != IcmpHeader.DEST_UNREACHABLE && type != IcmpHeader.TIME_EXCEEDED) {
            return false;
        }
        CtTuple q = CtTuple.of(b, th + IcmpHeader.LENGTH, tail);
        return q != null && lookup(q) != null;
    }

    private void refresh(ConntrackEntry e, byte[] b, int nh) {
        long now = ns.sim().now();
        long timeout;
        switch (e.original.proto()) {
            case Ipv4Header.PROTO_TCP -> {
                int th = nh + Ipv4Header.headerLength(b, nh);
                int flags = TcpHeader.flags(b, th);
                e.tcpFlagsSeen |= flags;
                if ((flags & TcpHeader.RST) != 0) {
                    timeout = TCP_CLOSE_TIMEOUT;
                } else if ((e.tcpFlagsSeen & TcpHeader.FIN) != 0) {
                    timeout = TCP_FIN_TIMEOUT;
                } else if (e.seenReply && (flags & TcpHeader.SYN) == 0) {
                    timeout = TCP_ESTABLISHED_TIMEOUT;
                } else {
                    timeout = TCP_SYN_TIMEOUT;
                }
            }
            case Ipv4Header.PROTO_UDP -> timeout = e.seenReply ? UDP_STREAM_TIMEOUT : UDP_TIMEOUT;
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
                }
            } else {
                e.dnatDecided = true;
            }
            if (v != Verdict.ACCEPT) {
                return v;
            }
        }
        apply(skb, e, ci.reply(), source);
        return Verdict.ACCEPT;
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
