package io.knetsim.netfilter.conntrack;

import io.knetsim.packet.TcpHeader;
import io.knetsim.sim.SimTime;

/**
 * The TCP states conntrack follows a connection through ({@code enum tcp_conntrack} in
 * {@code nf_conntrack_proto_tcp.c}), with Linux's default timeout for each
 * ({@code net.netfilter.nf_conntrack_tcp_timeout_*}). The names are what {@code conntrack -L}
 * prints.
 *
 * <pre>
 *  SYN (orig)  SYN/ACK (reply)  ACK (orig)
 *  SYN_SENT --> SYN_RECV -------> ESTABLISHED --FIN--> FIN_WAIT --ACK (other side)--> CLOSE_WAIT
 *                                                          |                            | FIN (other side)
 *                                                          +--FIN (other side)--> LAST_ACK <+
 *                                                                                    | ACK
 *                                            any --RST--> CLOSE                    TIME_WAIT
 * </pre>
 *
 * A flow picked up mid-stream (its first packet is not a SYN) starts ESTABLISHED, as
 * {@code nf_conntrack_tcp_loose=1} allows. Window and sequence checks are not modelled.
 */
public enum TcpCtState {
    SYN_SENT(120), SYN_RECV(60), ESTABLISHED(432000), FIN_WAIT(120), CLOSE_WAIT(60), LAST_ACK(30),
    TIME_WAIT(120), CLOSE(10);

    private final long timeout;

    TcpCtState(long seconds) {
        this.timeout = SimTime.seconds(seconds);
    }

    /** How long an entry in this state lives without traffic. */
    public long timeout() {
        return timeout;
    }

    /**
     * The state after a segment with {@code flags}: {@code old} is null for a flow's first
     * segment; {@code reply} tells the direction; {@code finFromOrig}/{@code finFromReply} say
     * who has sent a FIN so far (this segment included).
     */
    static TcpCtState next(TcpCtState old, int flags, boolean reply, boolean finFromOrig, boolean finFromReply) {
        boolean syn = (flags & TcpHeader.SYN) != 0;
        boolean ack = (flags & TcpHeader.ACK) != 0;
        boolean fin = (flags & TcpHeader.FIN) != 0;
        if ((flags & TcpHeader.RST) != 0) {
            return CLOSE;
        }
        if (old == null) {
            return syn && !ack ? SYN_SENT : ESTABLISHED;
        }
        return switch (old) {
            case SYN_SENT -> reply && syn && ack ? SYN_RECV : SYN_SENT;
            case SYN_RECV -> !reply && ack && !syn ? (fin ? FIN_WAIT : ESTABLISHED) : SYN_RECV;
            case ESTABLISHED -> fin ? FIN_WAIT : ESTABLISHED;
            case FIN_WAIT, CLOSE_WAIT -> {
                boolean finSender = finFromOrig ? reply : !reply; // the side that has not closed yet
                if (finFromOrig && finFromReply) {
                    yield LAST_ACK;
                }
                yield finSender && ack ? CLOSE_WAIT : old;
            }
            case LAST_ACK -> ack && !fin ? TIME_WAIT : LAST_ACK;
            case TIME_WAIT -> syn && !ack && !reply ? SYN_SENT : TIME_WAIT;
            case CLOSE -> syn && !ack && !reply ? SYN_SENT : CLOSE;
        };
    }
}
