package io.knetsim.net.tcp;

import io.knetsim.net.DropReason;
import io.knetsim.net.Errno;
import io.knetsim.packet.IcmpHeader;
import io.knetsim.packet.SkBuff;
import io.knetsim.packet.TcpHeader;

/**
 * The receiving half of one connection and the state changes segments cause, as Linux's
 * {@code tcp_rcv_state_process}, {@code tcp_rcv_synsent_state_process}, {@code tcp_data_queue}
 * and {@code tcp_fin} do them (RFC 9293 section 3.10.7), and the delivery of received bytes to
 * the application ({@code tcp_recvmsg}, {@code tcp_cleanup_rbuf}).
 *
 * <pre>
 *   SYN-SENT:   bad ACK -&gt; RST; RST+ACK -&gt; ECONNREFUSED; SYN+ACK -&gt; options, ESTABLISHED, ACK
 *   otherwise:  1 sequence acceptable? (TcpReceiveWindow)     else ACK (rate-limited), drop
 *               2 RST: exact -&gt; ECONNRESET (a child: back to LISTEN), else challenge ACK
 *               4 SYN: challenge ACK (SYN-RECEIVED: the SYN again -&gt; SYN-ACK again)
 *               5 ACK: SYN-RECEIVED -&gt; ESTABLISHED (accept), then {@link TcpAck}
 *               7 text -&gt; TcpReceiveQueue -&gt; onData, or held while reading is paused
 *               8 FIN in order: CLOSE-WAIT, CLOSING or TIME-WAIT; onPeerClosed after the unread bytes
 * </pre>
 */
final class TcpInput {
    private final TcpSocket sk;

    TcpInput(TcpSocket sk) {
        this.sk = sk;
    }

    void receive(SkBuff skb) {
        byte[] b = skb.buf();
        int off = skb.data();
        int hl = TcpHeader.headerLength(b, off);
        int flags = TcpHeader.flags(b, off);
        int seq = TcpHeader.seq(b, off);
        int ack = TcpHeader.ack(b, off);
        int payload = skb.len() - hl;
        switch (sk.state) {
            case SYN_SENT -> synSent(skb, b, off, flags, seq, ack);
            case CLOSED -> drop(skb, DropReason.NO_SOCKET);
            default -> synchronizedInput(skb, b, off, hl, flags, seq, ack, payload);
        }
    }

    /**
     * A port unreachable about our SYN (a firewall's {@code reject}) ends the connect with
     * ECONNREFUSED, as {@code tcp_v4_err} does; other unreachables stay soft errors here.
     */
    void unreachable(int code) {
        if (sk.state == TcpState.SYN_SENT && code == IcmpHeader.PORT_UNREACHABLE) {
            sk.closing.fail(Errno.ECONNREFUSED);
        }
    }

    private void drop(SkBuff skb, DropReason reason) {
        sk.ns.drop(skb, sk.ns.device(skb.iif), reason);
    }

    private void synSent(SkBuff skb, byte[] b, int off, int flags, int seq, int ack) {
        boolean hasAck = (flags & TcpHeader.ACK) != 0;
        if (hasAck && ack != sk.iss + 1) {
            if ((flags & TcpHeader.RST) == 0) {
                sk.tcp.sendReset(skb, sk.remoteAddr, sk.localAddr);
            }
            drop(skb, DropReason.TCP_INVALID_SEGMENT);
            return;
        }
        if ((flags & TcpHeader.RST) != 0) {
            if (hasAck) {
                sk.closing.fail(Errno.ECONNREFUSED);
            } else {
                drop(skb, DropReason.TCP_INVALID_SEGMENT);
            }
            return;
        }
        if ((flags & TcpHeader.SYN) == 0 || !hasAck) {
            // a bare ACK, or a simultaneous open, which this model does not take up
            drop(skb, DropReason.TCP_INVALID_SEGMENT);
            return;
        }
        sk.irs = seq;
        sk.receiveQueue.init(seq + 1);
        sk.options.takeSyn(b, off);
        sk.sndUna = ack;
        sk.sndWnd = TcpHeader.window(b, off); // never scaled on a SYN (RFC 7323 section 2.2)
        sk.sndWl1 = seq;
        sk.sndWl2 = ack;
        sk.retries = 0;
        sk.rtx.handshakeAcked();
        sk.rtx.cancel();
        sk.state = TcpState.ESTABLISHED;
        sk.keepalive.connected();
        sk.output.sendAck();
        sk.handler.onConnected(sk);
        sk.output.pushPending();
    }

    private void synchronizedInput(SkBuff skb, byte[] b, int off, int hl, int flags, int seq, int ack, int payload) {
        boolean fin = (flags & TcpHeader.FIN) != 0;
        int segLen = payload + (fin ? 1 : 0) + ((flags & TcpHeader.SYN) != 0 ? 1 : 0);
        int rcvNxt = sk.rcvNxt();
        // first: sequence number acceptable?
        if (!sk.rcvWindow.acceptable(seq, segLen, rcvNxt)) {
            if ((flags & TcpHeader.RST) == 0 && !sk.rcvWindow.outOfWindowAckLimited(segLen, sk.ns.sim().now())) {
                sk.output.sendAck();
            }
            drop(skb, DropReason.TCP_INVALID_SEGMENT);
            return;
        }
        // second: RST (RFC 5961 section 3.2: only an exact match resets, others get a challenge ACK)
        if ((flags & TcpHeader.RST) != 0) {
            if (seq == rcvNxt) {
                if (sk.state == TcpState.SYN_RECEIVED && sk.parent != null) {
                    sk.closing.done(); // back to LISTEN: the listener stays, the child goes
                } else if (sk.state == TcpState.TIME_WAIT) {
                    sk.closing.done();
                } else {
                    sk.closing.fail(Errno.ECONNRESET);
                }
            } else {
                sk.output.sendAck();
            }
            return;
        }
        // fourth: a SYN in a synchronized state gets a challenge ACK (RFC 5961 section 4.2)
        if ((flags & TcpHeader.SYN) != 0) {
            if (sk.state == TcpState.SYN_RECEIVED && seq == sk.irs) {
                sk.output.sendSyn(); // the peer's SYN again: our SYN-ACK was lost
            } else {
                sk.output.sendAck();
            }
            return;
        }
        // fifth: the ACK field
        if ((flags & TcpHeader.ACK) == 0) {
            drop(skb, DropReason.TCP_INVALID_SEGMENT);
            return;
        }
        TcpHeader.Options opts = hl > TcpHeader.MIN_LENGTH
            ? TcpHeader.Options.parse(b, off + TcpHeader.OPTIONS, hl - TcpHeader.MIN_LENGTH)
            : TcpHeader.Options.NONE;
        sk.ts.onSegment(opts, seq, rcvNxt);
        boolean handshakeAck = sk.state == TcpState.SYN_RECEIVED;
        if (handshakeAck) {
            if (SeqNum.le(ack, sk.sndUna) || SeqNum.gt(ack, sk.highSent)) {
                sk.tcp.sendReset(skb, sk.remoteAddr, sk.localAddr);
                drop(skb, DropReason.TCP_INVALID_SEGMENT);
                return;
            }
            sk.sndUna = ack;
            sk.rtx.handshakeAcked();
            sk.rtx.cancel();
            sk.sndWnd = (long) TcpHeader.window(b, off) << sk.sndWscale;
            sk.sndWl1 = seq;
            sk.sndWl2 = ack;
            established();
            if (sk.state == TcpState.CLOSED) {
                return;
            }
        }
        sk.ack.sackBlocks(opts, ack);
        if (!sk.ack.process(b, off, seq, ack, payload, fin, !handshakeAck)) {
            return;
        }
        if (sk.state == TcpState.CLOSED) {
            return;
        }
        // seventh: segment text
        if (payload > 0) {
            if (sk.state == TcpState.ESTABLISHED || sk.state == TcpState.FIN_WAIT_1
                || sk.state == TcpState.FIN_WAIT_2) {
                receiveData(seq, b, off + hl, payload);
            }
        }
        // eighth: FIN
        if (fin && !sk.finSeqKnown) {
            sk.finSeq = seq + payload;
            noteFin();
        } else if (fin) {
            noteFin();
        } else if (payload > 0 && sk.finSeqKnown && !sk.finReceived) {
            noteFin();
        }
        if (sk.state != TcpState.CLOSED) {
            sk.output.pushPending();
        }
    }

    /** The handshake's last ACK: a passive open's child is handed to the listener's acceptor. */
    private void established() {
        sk.state = TcpState.ESTABLISHED;
        sk.retries = 0;
        sk.keepalive.connected();
        if (sk.parent != null) {
            sk.parent.childLeftSynQueue();
            sk.handler = sk.parent.acceptor().accept(sk);
            if (sk.handler == null) {
                sk.handler = new TcpHandler() {
                };
            }
            sk.handler.onConnected(sk);
        }
    }

    private void receiveData(int seq, byte[] b, int off, int len) {
        boolean wasInOrder = seq == sk.receiveQueue.rcvNxt() && !sk.receiveQueue.hasOutOfOrder();
        int delivered = sk.receiveQueue.receive(seq, b, off, len, this::deliver);
        sk.rcvWindow.grow(delivered, sk.receiveQueue.heldBytes());
        sk.keepalive.heard();
        if (sk.state == TcpState.CLOSED) {
            return;
        }
        if (!wasInOrder || delivered == 0 || sk.receiveQueue.hasOutOfOrder()) {
            sk.output.sendAck(); // out of order or filling a hole: acknowledge at once (RFC 5681 section 4.2)
            return;
        }
        if (sk.acks.inOrderData(sk.receiveQueue, sk.rcvWindow, sk.mss)) {
            sk.output.sendAck();
        }
    }

    private void deliver(byte[] b, int off, int len) {
        sk.handler.onData(sk, b, off, len);
    }

    /** {@link TcpSocket#resumeReading}: the held bytes go to the application, then a window update if due. */
    void resumeReading() {
        if (!sk.receiveQueue.paused()) {
            return;
        }
        int copied = sk.receiveQueue.resume(this::deliver);
        if (sk.state == TcpState.CLOSED) {
            return;
        }
        if (copied > 0 && !sk.finReceived && sk.acks.afterRead(sk.receiveQueue, sk.rcvWindow, sk.mss)) {
            sk.output.sendAck();
        }
        if (sk.peerClosedUnread && sk.receiveQueue.unreadBytes() == 0 && !sk.receiveQueue.paused()) {
            sk.peerClosedUnread = false;
            sk.handler.onPeerClosed(sk);
        }
    }

    /** A FIN arrived; it takes effect once every byte before it has (RFC 9293, eighth step). */
    private void noteFin() {
        sk.finSeqKnown = true;
        if (sk.finReceived || sk.receiveQueue.rcvNxt() != sk.finSeq) {
            return; // out of order: the data path acknowledged it already
        }
        sk.finReceived = true;
        sk.output.sendAck();
        switch (sk.state) {
            case ESTABLISHED, SYN_RECEIVED -> {
                sk.state = TcpState.CLOSE_WAIT;
                peerClosed();
            }
            case FIN_WAIT_1 -> {
                sk.state = TcpState.CLOSING; // FIN_WAIT_1 means our FIN is not yet acknowledged
                peerClosed();
            }
            case FIN_WAIT_2 -> {
                sk.closing.timeWait();
                peerClosed();
            }
            case TIME_WAIT -> sk.closing.timeWait();
            default -> {
            }
        }
    }

    /** End of stream: told at once, or after the unread bytes once the application reads them. */
    private void peerClosed() {
        if (sk.receiveQueue.unreadBytes() > 0 || sk.receiveQueue.paused()) {
            sk.peerClosedUnread = true;
        } else {
            sk.handler.onPeerClosed(sk);
        }
    }
}
