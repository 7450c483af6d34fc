package io.knetsim.netfilter.conntrack;

/**
 * A tracked flow ({@code struct nf_conn}): the tuple its first packet had, the tuple replies
 * will have once NAT has been decided, the NAT bindings, whether a reply was seen, TCP's
 * progress and when the entry expires.
 */
public final class ConntrackEntry {
    /** A NAT binding: the address and port a side is rewritten to ({@code port} -1: unchanged). */
    public record Binding(int addr, int port) {
    }

    final CtTuple original;
    CtTuple reply;
    /** DNAT (destination of original-direction packets), or null. */
    Binding dnat;
    /** SNAT or masquerade (source of original-direction packets), or null. */
    Binding snat;
    boolean dnatDecided;
    boolean snatDecided;
    boolean confirmed;
    boolean seenReply;
    int tcpFlagsSeen;
    /** TCP only: the state the connection is in, else null. */
    TcpCtState tcpState;
    boolean finFromOrig;
    boolean finFromReply;
    /** {@code IPS_ASSURED}: the flow is established enough not to be dropped early. */
    boolean assured;
    long expires;
    public int mark;

    ConntrackEntry(CtTuple original) {
        this.original = original;
        this.reply = original.invert();
    }

    public CtTuple original() {
        return original;
    }

    public CtTuple reply() {
        return reply;
    }

    public Binding dnat() {
        return dnat;
    }

    public Binding snat() {
        return snat;
    }

    public boolean seenReply() {
        return seenReply;
    }

    /** {@code [ASSURED]}: TCP after the handshake completed, UDP once traffic went both ways after a reply. */
    public boolean assured() {
        return assured;
    }

    /**
     * The {@code ct status} bits ({@code enum ip_conntrack_status}): seen-reply 2, assured 4,
     * confirmed 8, snat 16, dnat 32.
     */
    public long status() {
        return (seenReply ? 2 : 0) | (assured ? 4 : 0) | (confirmed ? 8 : 0) | (snat != null ? 16 : 0)
            | (dnat != null ? 32 : 0);
    }

    /** The TCP state ({@code conntrack -L}'s third column), or null for other protocols. */
    public TcpCtState tcpState() {
        return tcpState;
    }

    /** When the entry expires on the simulator clock (nanoseconds), unless a packet refreshes it. */
    public long expires() {
        return expires;
    }

    /** Sets a binding chosen by a {@code dnat}/{@code snat}/{@code masquerade} statement on the first packet. */
    public void bind(boolean source, Binding b) {
        if (source) {
            snat = b;
            snatDecided = true;
        } else {
            dnat = b;
            dnatDecided = true;
        }
    }

    /** The reply tuple: as confirmed, or as the bindings imply before that. */
    CtTuple replyAfterNatOrConfirmed() {
        return confirmed ? reply : replyAfterNat();
    }

    /** The reply tuple the bindings imply. */
    CtTuple replyAfterNat() {
        int rsrc = dnat != null ? dnat.addr() : original.dst();
        int rsport = dnat != null && dnat.port() >= 0 ? dnat.port() : original.dport();
        int rdst = snat != null ? snat.addr() : original.src();
        int rdport = snat != null && snat.port() >= 0 ? snat.port() : original.sport();
        if (original.proto() == io.knetsim.packet.Ipv4Header.PROTO_ICMP) {
            rdport = rsport = (snat != null && snat.port() >= 0 ? snat.port() : original.sport());
        }
        return new CtTuple(original.proto(), rsrc, rdst, rsport, rdport);
    }
}
