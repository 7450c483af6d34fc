package io.knetsim.net.tcp;

import io.knetsim.net.Errno;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;
import io.knetsim.packet.TcpHeader;

/**
 * The sending half of one connection, as Linux's {@code tcp_output.c}: new data goes out as the
 * windows and Nagle let it ({@code tcp_write_xmit}, decided by {@link TcpOutputScheduler}),
 * segments are built and handed to IPv4 ({@code tcp_transmit_skb}), and the SYN, pure ACKs and
 * the persist timer's probes ({@code tcp_send_syn}, {@code tcp_send_ack}, {@code tcp_write_wakeup})
 * leave from here.
 *
 * <pre>
 *   send() / ACK / timer --&gt; pushPending: while TcpOutputScheduler says a segment may go
 *        --&gt; sendData (PSH, FIN, Karn, retransmission timer) --&gt; sendSegment --&gt; IPv4
 *   nothing in flight, data waiting, window shut --&gt; TcpPersistTimer --&gt; writeWakeup
 * </pre>
 */
final class TcpOutput {
    private final TcpSocket sk;
    private final TcpOutputScheduler scheduler = new TcpOutputScheduler();

    TcpOutput(TcpSocket sk) {
        this.sk = sk;
    }

    TcpNagle nagle() {
        return scheduler.nagle();
    }

    /**
     * Sends new data (and a queued FIN) as far as the congestion and peer windows allow
     * ({@code tcp_write_xmit}): a segment goes only if all of it fits the windows, a FIN
     * taking one byte of the peer's (sender-side silly window syndrome avoidance, as
     * {@code tcp_snd_wnd_test}), and a short last segment may wait for Nagle's algorithm.
     * With nothing in flight and something left waiting, the persist timer starts.
     */
    void pushPending() {
        if (!sk.state.synchronizedState() || sk.state == TcpState.TIME_WAIT) {
            return;
        }
        while (!(sk.ourFinSent && SeqNum.gt(sk.sndNxt, sk.ourFinSeq))) {
            int remaining = sk.sndUna + sk.sendQueue.size() - sk.sndNxt;
            long usable = Math.min(sk.cc.cwnd(), Math.max(sk.sndWnd, 0)) - (sk.sndNxt - sk.sndUna);
            long peerRoom = sk.sndWnd - (sk.sndNxt - sk.sndUna);
            int len = scheduler.next(remaining, usable, peerRoom, sk.finQueued, sk.highSent != sk.sndUna, sk.sndUna,
                sk.sndNxt, sk.mss);
            if (len == TcpOutputScheduler.HOLD) {
                break;
            }
            sendData(sk.sndNxt, len, sk.finQueued && len == remaining, false);
            if (len == 0) {
                break;
            }
        }
        sk.persist.check();
    }

    /** Data written and not yet sent, or a FIN queued and not yet sent. */
    boolean sendWaiting() {
        return SeqNum.gt(sk.sndUna + sk.sendQueue.size(), sk.sndNxt) || (sk.finQueued && !sk.ourFinSent);
    }

    /** The sending side as the persist timer sees it. */
    TcpPersistTimer.Sender persistSender() {
        return new TcpPersistTimer.Sender() {
            @Override
            public boolean inFlight() {
                return sk.highSent != sk.sndUna;
            }

            @Override
            public boolean waiting() {
                return sk.state != TcpState.CLOSED && sk.state != TcpState.TIME_WAIT && sendWaiting();
            }

            @Override
            public boolean headFits() {
                int remaining = sk.sndUna + sk.sendQueue.size() - sk.sndNxt;
                int len = Math.min(sk.mss, remaining);
                int headEnd = sk.sndNxt + len + (sk.finQueued && len == remaining ? 1 : 0);
                return SeqNum.le(headEnd, sk.sndUna + (int) Math.min(sk.sndWnd, Integer.MAX_VALUE));
            }

            @Override
            public void wakeup() {
                writeWakeup();
            }

            @Override
            public void timedOut() {
                sk.closing.fail(Errno.ETIMEDOUT);
            }

            @Override
            public long rto() {
                return sk.rtt.rto();
            }
        };
    }

    /**
     * {@code tcp_write_wakeup}: what the persist timer (or keepalive) sends. If the peer's
     * window has room, as much of the waiting data as fits it and the MSS, with PSH; if not,
     * a zero-length ACK with sequence number SND.UNA - 1, which the peer must answer with its
     * window.
     */
    private void writeWakeup() {
        int remaining = sk.sndUna + sk.sendQueue.size() - sk.sndNxt;
        long room = sk.sndWnd - (sk.sndNxt - sk.sndUna);
        boolean fin = sk.finQueued && !sk.ourFinSent;
        int len = scheduler.wakeup(remaining, room, fin, sk.mss);
        if (len == TcpOutputScheduler.HOLD || (len == 0 && !TcpOutputScheduler.withFin(fin, 0, remaining, room))) {
            sendSegment(sk.sndUna - 1, 0, TcpHeader.ACK, false);
            return;
        }
        sendData(sk.sndNxt, len, TcpOutputScheduler.withFin(fin, len, remaining, room), true);
    }

    /** {@code tcp_send_syn}/{@code tcp_send_synack}: the SYN of our state, timed if it is the first try. */
    void sendSyn() {
        int flags = sk.state == TcpState.SYN_SENT ? TcpHeader.SYN : TcpHeader.SYN | TcpHeader.ACK;
        if (sk.retries == 0) {
            sk.rtx.startTiming(sk.iss + 1);
        }
        sendSegment(sk.iss, 0, flags, false);
        if (SeqNum.le(sk.sndNxt, sk.iss)) {
            sk.sndNxt = sk.iss + 1;
            sk.highSent = sk.sndNxt;
        }
        sk.rtx.arm();
    }

    /** Sends {@code len} queued bytes at {@code seq}, with FIN if it ends the stream. */
    void sendData(int seq, int len, boolean fin) {
        sendData(seq, len, fin, false);
    }

    private void sendData(int seq, int len, boolean fin, boolean forcePush) {
        boolean retransmission = SeqNum.lt(seq, sk.highSent);
        if (retransmission) {
            sk.retransmits++;
            sk.rtx.retransmitted(seq); // Karn: never time a retransmitted segment
        }
        // PSH on the segment that empties what was written so far, as tcp_push() marks it
        boolean push = len > 0 && (forcePush || seq + len == sk.sndUna + sk.sendQueue.size());
        int flags = TcpHeader.ACK | (push ? TcpHeader.PSH : 0) | (fin ? TcpHeader.FIN : 0);
        sendSegment(seq, len, flags, true);
        scheduler.nagle().sent(seq, len, sk.mss);
        sk.persist.cancel();
        if (fin) {
            sk.ourFinSent = true;
            sk.ourFinSeq = seq + len;
        }
        int end = seq + len + (fin ? 1 : 0);
        if (SeqNum.gt(end, sk.sndNxt)) {
            sk.sndNxt = end;
        }
        if (SeqNum.gt(end, sk.highSent)) {
            sk.highSent = end;
            if (!retransmission) {
                sk.rtx.timeNewData(end);
            }
        }
        sk.rtx.armIfIdle();
    }

    /**
     * A pure ACK carries the highest sequence number sent (RFC 9293's SND.NXT), not the
     * retransmission point that {@code sndNxt} becomes after a timeout: with the older number
     * the peer would find it outside its window and drop it unread, and two such peers would
     * exchange ACKs for ever.
     */
    void sendAck() {
        sendSegment(sk.highSent, 0, TcpHeader.ACK, false);
    }

    /** Builds and sends one segment; {@code withPayload} reads the bytes from the send queue. */
    void sendSegment(int seq, int len, int flags, boolean withPayload) {
        boolean syn = (flags & TcpHeader.SYN) != 0;
        TcpHeader.Options opts = sk.options.forSegment(flags, len);
        int rcvNxt = sk.rcvNxt();
        int ack = (flags & TcpHeader.ACK) != 0 ? rcvNxt : 0;
        int window = syn ? sk.options.initialWindow()
            : sk.rcvWindow.select(rcvNxt, sk.receiveQueue.heldBytes(), sk.mss);
        int hl = TcpHeader.MIN_LENGTH + opts.length();
        SkBuff skb = SkBuff.allocate(SkBuff.DEFAULT_HEADROOM, hl + len);
        int off = skb.put(hl + len);
        byte[] b = skb.buf();
        new TcpHeader.Repr(sk.localPort, sk.remotePort, seq, ack, flags, window, 0, opts, hl).emit(b, off);
        if (withPayload && len > 0) {
            sk.sendQueue.copy(seq - sk.sndUna, b, off + hl, len);
        }
        TcpHeader.fillChecksum(b, off, hl + len, sk.localAddr, sk.remoteAddr);
        skb.transportHeader = off;
        sk.segmentsOut++;
        if ((flags & TcpHeader.ACK) != 0) {
            sk.acks.ackSent();
        }
        sk.ns.ip().sendL4(skb, sk.route, sk.remoteAddr, Ipv4Header.PROTO_TCP, sk.ns.sysctl().defaultTtl, 0, true);
    }
}
