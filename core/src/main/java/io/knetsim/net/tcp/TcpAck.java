package io.knetsim.net.tcp;

import io.knetsim.packet.TcpHeader;

/**
 * What an acknowledgment does to the sending side, as Linux's {@code tcp_ack} (RFC 9293
 * section 3.10.7.4, fifth step): it frees acknowledged bytes from the send queue, samples the
 * RTT, moves NewReno ({@code tcp_cong}: RFC 5681 and 6582) and the {@link SackScoreboard}, resends
 * during recovery, takes the peer's window (SND.WL1/SND.WL2 rule) and moves the state on once our
 * FIN is acknowledged.
 *
 * <pre>
 *   ACK &gt; SND.NXT ............ ACK it back, drop the segment
 *   SND.UNA &lt; ACK ............ drop acked bytes, RTT sample, cwnd grows; partial ACK in recovery:
 *                               resend the next SACK hole, else the head (NewReno)
 *   ACK == SND.UNA, nothing else, same window, data in flight: a duplicate;
 *                               the third starts fast retransmit; in recovery each one may fill a hole
 *   FIN acked: FIN-WAIT-1 -&gt; FIN-WAIT-2, CLOSING -&gt; TIME-WAIT, LAST-ACK -&gt; CLOSED
 * </pre>
 */
final class TcpAck {
    private final TcpSocket sk;
    private final SackScoreboard scoreboard = new SackScoreboard();
    /** The next sequence number this recovery resends from. */
    private int retransmitNext;

    TcpAck(TcpSocket sk) {
        this.sk = sk;
    }

    /** Takes the SACK blocks of a segment acknowledging up to {@code ack} into the scoreboard. */
    void sackBlocks(TcpHeader.Options opts, int ack) {
        if (sk.peerSackOk) {
            for (TcpHeader.SackBlock blk : opts.sackBlocks()) {
                scoreboard.add(blk.left(), blk.right(), SeqNum.max(sk.sndUna, ack), sk.highSent);
            }
        }
    }

    /** After a retransmission timeout: forget what was SACKed and resend from SND.UNA. */
    void restartRecovery() {
        scoreboard.clear();
        retransmitNext = sk.sndUna;
    }

    /** Returns false when the segment is to be dropped after the ACK step. */
    boolean process(byte[] b, int off, int seq, int ack, int payload, boolean fin, boolean mayBeDup) {
        if (SeqNum.gt(ack, sk.highSent)) {
            sk.output.sendAck(); // acknowledges something not yet sent
            return false;
        }
        int window = TcpHeader.window(b, off);
        long wnd = (long) window << sk.sndWscale;
        boolean nothingInFlight = sk.highSent == sk.sndUna;
        if (SeqNum.ge(ack, sk.sndUna)) {
            sk.persist.heard();
            sk.keepalive.heard();
        }
        boolean writable = false;
        if (SeqNum.gt(ack, sk.sndUna)) {
            writable = newlyAcked(ack);
        } else if (mayBeDup && ack == sk.sndUna && payload == 0 && !fin && wnd == sk.sndWnd
            && sk.sndUna != sk.highSent) {
            duplicate();
        }
        if (SeqNum.lt(sk.sndWl1, seq) || (sk.sndWl1 == seq && SeqNum.le(sk.sndWl2, ack))) {
            sk.sndWnd = wnd;
            sk.sndWl1 = seq;
            sk.sndWl2 = ack;
        }
        // the application hears of the room only once SND.WND is this segment's (tcp_ack updates
        // the window before tcp_data_snd_check and sk_write_space): what it writes from onWritable
        // must not go beyond the right edge the peer offers now
        if (writable && sk.wantWritable) {
            sk.wantWritable = false;
            sk.handler.onWritable(sk);
        }
        if (nothingInFlight && sk.state != TcpState.CLOSED) {
            sk.persist.ackWhileIdle();
        }
        return sk.state != TcpState.CLOSED;
    }

    /** Takes an ACK of new data; returns whether a writer waiting for room may now be told. */
    private boolean newlyAcked(int ack) {
        int ackedSeq = ack - sk.sndUna;
        int dataAcked = Math.min(ackedSeq, sk.sendQueue.size());
        sk.sendQueue.drop(dataAcked);
        sk.rtx.acked(ack);
        sk.sndUna = ack;
        scoreboard.ackedTo(sk.sndUna);
        if (SeqNum.lt(sk.sndNxt, sk.sndUna)) {
            sk.sndNxt = sk.sndUna;
        }
        sk.retries = 0;
        sk.rtt.resetBackoff();
        boolean partial = sk.cc.onAck(ack, ackedSeq, sk.highSent - sk.sndUna);
        if (sk.sndUna == sk.highSent) {
            sk.rtx.cancel();
        } else {
            sk.rtx.arm();
        }
        if (partial && !(sk.peerSackOk && retransmitNextHole()) && SeqNum.le(retransmitNext, sk.sndUna)) {
            retransmitHead();
        }
        boolean writable = sk.wantWritable && sk.sendQueue.free() > 0 && !sk.finQueued;
        afterOurFinAcked();
        return writable;
    }

    private void duplicate() {
        boolean wasInRecovery = sk.cc.inRecovery();
        if (sk.cc.onDupAck(sk.sndUna, sk.highSent, sk.highSent - sk.sndUna)) {
            retransmitHead();
            sk.rtx.arm();
        } else if (wasInRecovery && sk.peerSackOk && retransmitNextHole()) {
            sk.cc.spend(); // this duplicate's segment went to fill a hole, not to new data
        }
    }

    /** Resends the first unacknowledged segment (fast retransmit, or a NewReno partial ACK). */
    private void retransmitHead() {
        int len = Math.min(sk.mss, sk.sendQueue.size());
        boolean fin = sk.ourFinSent && len == sk.sendQueue.size();
        if (len > 0 || fin) {
            sk.output.sendData(sk.sndUna, len, fin);
        }
        retransmitNext = sk.sndUna + len;
    }

    /**
     * In SACK recovery, resends the next segment of the next hole below SACKed data that this
     * recovery has not resent yet (RFC 6675 section 5, NextSeg rule 1, without its loss test).
     */
    private boolean retransmitNextHole() {
        if (!scoreboard.findHole(SeqNum.max(retransmitNext, sk.sndUna))) {
            return false;
        }
        int start = scoreboard.holeStart();
        int len = Math.min(sk.mss, Math.min(scoreboard.holeEnd() - start, sk.sndUna + sk.sendQueue.size() - start));
        if (len <= 0) {
            return false;
        }
        sk.output.sendData(start, len, false);
        retransmitNext = start + len;
        return true;
    }

    /** State changes once our FIN is acknowledged (RFC 9293 section 3.10.7.4, fifth step). */
    private void afterOurFinAcked() {
        if (!(sk.ourFinSent && SeqNum.gt(sk.sndUna, sk.ourFinSeq))) {
            return;
        }
        switch (sk.state) {
            case FIN_WAIT_1 -> sk.state = TcpState.FIN_WAIT_2;
            case CLOSING -> sk.closing.timeWait();
            case LAST_ACK -> sk.closing.done();
            default -> {
            }
        }
    }
}
