package io.knetsim.net.tcp;

import io.knetsim.net.Errno;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.DropReason;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.ipv4.RouteResult;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;
import io.knetsim.packet.TcpHeader;
import io.knetsim.sim.SimTime;
import io.knetsim.sim.Timer;

/**
 * One TCP connection ({@code struct tcp_sock}): the state machine of RFC 9293 section 3.10,
 * driven by segments from {@link Tcp} and by timers on the simulator's clock, with an
 * event-driven API in place of blocking calls.
 *
 * What it does as Linux does: the SYN options {@code mss, sackOK, TS, nop, wscale 7}, MSS from
 * the route's MTU, the initial window of {@code tcp_select_initial_window}, timestamps on every
 * segment once negotiated (RFC 7323), an ACK for every second full segment or after the 40 ms
 * delayed-ACK timer (RFC 9293 section 3.8.6.3), retransmission per RFC 6298, NewReno (RFC 6582),
 * SACK blocks on ACKs when data waits beyond a hole (RFC 2018) and, on the sending side, a
 * {@link SackScoreboard} whose holes are resent during recovery, TIME-WAIT of 60 s
 * ({@code TCP_TIMEWAIT_LEN}), {@code tcp_syn_retries} = 6 and {@code tcp_retries2} = 15.
 * Flow control as Linux does it: while the application reads ({@link TcpHandler#onData}) data
 * goes to it as it arrives; when it pauses ({@link #pauseReading}) in-order data waits in the
 * receive buffer ({@link #receiveQueueBytes}, ss's Recv-Q), the window offered shrinks with the
 * free space, never moving its right edge left, down to zero ({@link TcpReceiveWindow}), and
 * reading again ({@link #resumeReading}) sends a window update when the window opened enough
 * ({@link TcpAckScheduler}). The sender probes a closed window with its persist timer
 * ({@link TcpPersistTimer}), sends no segment that does not fit the window whole (sender-side
 * SWS avoidance), holds a short segment by Nagle's algorithm unless {@link #setNoDelay}
 * ({@link TcpNagle}), and probes an idle connection if {@link #setKeepAlive} ({@link TcpKeepalive}).
 *
 * <pre>
 *   send() --&gt; TcpSendQueue --(cwnd, SND.WND, Nagle)--&gt; segments --&gt; IPv4
 *                  \-- window shut, nothing in flight: TcpPersistTimer probes (SND.UNA - 1)
 *   IPv4 --&gt; receive() --&gt; ACK processing (RttEstimator, NewReno) + TcpReceiveQueue --&gt; onData
 *                              reading paused: bytes wait, TcpReceiveWindow closes, Recv-Q grows
 * </pre>
 *
 * What it simplifies: the receive buffer is a fixed 1 MiB of payload (no autotuning, no
 * {@code truesize} overhead), and {@code rcv_ssthresh} grows by a fixed rule
 * ({@link TcpReceiveWindow}); no receive quick-ACK mode, autocorking or TSO, so segments are
 * at most one MSS and Nagle's test sees them one by one; SACK recovery is NewReno's window
 * arithmetic with holes resent in order, not the full pipe algorithm of RFC 6675; no D-SACK,
 * PAWS, urgent data or {@code TCP_USER_TIMEOUT}; a retransmission timeout clears the
 * scoreboard and resends everything from SND.UNA (go-back-N); simultaneous open is not taken up (the SYN is dropped); ICMP errors are
 * ignored (RFC 1122 soft errors: the timers decide); a data segment carries only the SACK
 * blocks that fit beside a full payload, where Linux would shorten the payload instead.
 */
public final class TcpSocket {
    /** Linux's {@code TCP_TIMEWAIT_LEN}. */
    public static final long TIME_WAIT_LEN = SimTime.seconds(60);
    /** Linux's {@code TCP_DELACK_MAX}/{@code TCP_DELACK_MIN}: the delayed-ACK timer. */
    public static final long DELAYED_ACK = SimTime.ms(40);
    /** The window scale Linux offers with its default buffer sizes. */
    public static final int WINDOW_SCALE = 7;
    /** Send buffer ({@code SO_SNDBUF}) and receive buffer ({@code SO_RCVBUF}), bytes. */
    public static final int SEND_BUFFER = 1 << 20;
    public static final int RECEIVE_BUFFER = 1 << 20;
    /** {@code net.ipv4.tcp_syn_retries} and {@code net.ipv4.tcp_retries2}. */
    public static final int SYN_RETRIES = 6;
    /** {@code net.ipv4.tcp_synack_retries}: how often a passive open resends its SYN-ACK. */
    public static final int SYNACK_RETRIES = 5;
    public static final int DATA_RETRIES = 15;
    private static final int MAX_IP_DATAGRAM = 0xffff;

    /** RFC 9293's default MSS when the peer sends none. */
    public static final int DEFAULT_MSS = 536;

    private final Tcp tcp;
    private final NetNamespace ns;
    private final RouteResult route;
    private final int localAddr;
    private final int localPort;
    private final int remoteAddr;
    private final int remotePort;
    private TcpHandler handler;
    private TcpListener parent;
    private TcpState state = TcpState.CLOSED;

    // send sequence variables (RFC 9293 section 3.3.1)
    private int iss;
    private int sndUna;
    private int sndNxt;
    private int highSent;
    private long sndWnd;
    private int sndWl1;
    private int sndWl2;
    private int sndWscale;
    private final TcpSendQueue sendQueue = new TcpSendQueue(SEND_BUFFER);
    private boolean finQueued;
    private boolean ourFinSent;
    private int ourFinSeq;
    private boolean wantWritable;

    // receive side
    private int irs;
    private final TcpReceiveWindow rcvWindow = new TcpReceiveWindow(RECEIVE_BUFFER);
    private final TcpReceiveQueue receiveQueue = new TcpReceiveQueue();
    private int finSeq;
    private boolean finSeqKnown;
    private boolean finReceived;
    private boolean peerClosedUnread;
    private final TcpAckScheduler acks;

    // options negotiated
    private final int advMss;
    private int mss;
    private final TcpTimestamps ts;
    private boolean windowScaling;
    private boolean peerSackOk;

    // timers and estimators
    private final RttEstimator rtt = new RttEstimator();
    private NewReno cc;
    private final SackScoreboard scoreboard = new SackScoreboard();
    private int retransmitNext;
    private Timer retransmitTimer;
    private Timer timeWaitTimer;
    private int retries;
    private boolean rttTiming;
    private int rttSeq;
    private long rttStart;
    private long segmentsOut;
    private long retransmits;
    private final TcpPersistTimer persist;
    private final TcpOutputScheduler output = new TcpOutputScheduler();
    private final TcpKeepalive keepalive;

    TcpSocket(Tcp tcp, RouteResult route, int localAddr, int localPort, int remoteAddr, int remotePort,
              TcpHandler handler) {
        this.tcp = tcp;
        this.ns = tcp.ns();
        this.route = route;
        this.localAddr = localAddr;
        this.localPort = localPort;
        this.remoteAddr = remoteAddr;
        this.remotePort = remotePort;
        this.handler = handler;
        // ipv4_default_advmss: an IPv4 datagram holds at most 65535 bytes, so lo (mtu 65536) gets 65495
        this.advMss = Math.min(route.mtu(), MAX_IP_DATAGRAM) - Ipv4Header.MIN_LENGTH - TcpHeader.MIN_LENGTH;
        this.ts = new TcpTimestamps(
            ns.sim().random("tcp-ts/" + ns.name() + "/" + localPort + "/" + remotePort).nextInt());
        this.acks = new TcpAckScheduler(ns.sim(), tcp::locked, () -> {
            if (state != TcpState.CLOSED) {
                sendAck();
            }
        });
        this.persist = new TcpPersistTimer(ns.sim(), tcp::locked, new TcpPersistTimer.Sender() {
            @Override
            public boolean inFlight() {
                return highSent != sndUna;
            }

            @Override
            public boolean waiting() {
                return state != TcpState.CLOSED && state != TcpState.TIME_WAIT && sendWaiting();
            }

            @Override
            public boolean headFits() {
                int remaining = sndUna + sendQueue.size() - sndNxt;
                int len = Math.min(mss, remaining);
                int headEnd = sndNxt + len + (finQueued && len == remaining ? 1 : 0);
                return SeqNum.le(headEnd, sndUna + (int) Math.min(sndWnd, Integer.MAX_VALUE));
            }

            @Override
            public void wakeup() {
                writeWakeup();
            }

            @Override
            public void timedOut() {
                fail(Errno.ETIMEDOUT);
            }

            @Override
            public long rto() {
                return rtt.rto();
            }
        });
        this.keepalive = new TcpKeepalive(ns.sim(), tcp::locked, () -> highSent != sndUna || sendWaiting(),
            () -> sendSegment(sndUna - 1, 0, TcpHeader.ACK, false),
            () -> {
                sendSegment(highSent, 0, TcpHeader.RST | TcpHeader.ACK, false);
                fail(Errno.ETIMEDOUT);
            });
    }

    // ---- public API

    public TcpState state() {
        return state;
    }

    public int localAddress() {
        return localAddr;
    }

    public int localPort() {
        return localPort;
    }

    public int remoteAddress() {
        return remoteAddr;
    }

    public int remotePort() {
        return remotePort;
    }

    /** The MSS this side sends with: the smaller of both MSS options, less 12 bytes of timestamps. */
    public int mss() {
        return mss;
    }

    /** The MSS option this side announces: route MTU - 40. */
    public int advertisedMss() {
        return advMss;
    }

    /** Bytes written and not yet acknowledged ({@code ss}'s Send-Q). */
    public int sendQueueBytes() {
        return sendQueue.size();
    }

    /**
     * Bytes received in order that the application has not read ({@code ss}'s Recv-Q, Linux's
     * RCV.NXT - {@code copied_seq}): those held while reading is paused, plus one for a FIN
     * whose end of stream the application has not yet been told of.
     */
    public int receiveQueueBytes() {
        return receiveQueue.unreadBytes() + (peerClosedUnread ? 1 : 0);
    }

    /** The window this side offered in its last segment, bytes beyond the ACK it carried. */
    public long receiveWindow() {
        return rcvWindow.offered();
    }

    /** The window the peer offers (SND.WND), bytes. */
    public long sendWindow() {
        return sndWnd;
    }

    /**
     * Stops reading: from now on in-order data waits in the receive buffer
     * ({@link #RECEIVE_BUFFER} bytes, Linux's {@code sk_rcvbuf}) instead of going to
     * {@link TcpHandler#onData}, as when an application stops calling {@code read()}. The
     * advertised window shrinks as the buffer fills, down to zero, and the sender's persist
     * timer then probes it. May be called from inside {@code onData}; what arrives after waits.
     */
    public void pauseReading() {
        receiveQueue.pause();
    }

    /**
     * Reads again: the waiting bytes go to {@link TcpHandler#onData} at once, in order (the
     * handler may pause again part-way), then {@link TcpHandler#onPeerClosed} if a FIN came
     * meanwhile. If the read opened the window enough ({@code tcp_cleanup_rbuf}: from zero,
     * or to at least twice what was left) a window update ACK goes out.
     */
    public void resumeReading() {
        tcp.locked(this::resumeReadingLocked);
    }

    public boolean readingPaused() {
        return receiveQueue.paused();
    }

    /**
     * {@code setsockopt(TCP_NODELAY)}: {@code true} turns Nagle's algorithm off (and sends
     * what it held), {@code false}, the default, turns it on; see {@link TcpNagle}.
     */
    public void setNoDelay(boolean on) {
        tcp.locked(() -> {
            output.nagle().setNoDelay(on);
            if (on && state.synchronizedState()) {
                pushPending();
            }
        });
    }

    public boolean noDelay() {
        return output.nagle().noDelay();
    }

    /**
     * {@code setsockopt(SO_KEEPALIVE)}: off by default; on, an idle connection is probed after
     * 7200 s and given up with {@link Errno#ETIMEDOUT} after 9 unanswered probes 75 s
     * apart; see {@link TcpKeepalive}.
     */
    public void setKeepAlive(boolean on) {
        tcp.locked(() -> keepalive.setEnabled(on, state.synchronizedState() && state != TcpState.TIME_WAIT));
    }

    public boolean keepAlive() {
        return keepalive.enabled();
    }

    /** Bytes received beyond a hole, waiting for it to be filled (Linux's out-of-order queue). */
    public int outOfOrderBytes() {
        return receiveQueue.outOfOrderBytes();
    }

    /** Congestion window in bytes. */
    public long cwnd() {
        return cc == null ? 0 : cc.cwnd();
    }

    /** Segments sent, retransmissions included. */
    public long segmentsOut() {
        return segmentsOut;
    }

    /** Segments sent again by the retransmission timer or fast retransmit. */
    public long retransmits() {
        return retransmits;
    }

    /** Smoothed RTT in nanoseconds, or -1 before the first sample. */
    public long srtt() {
        return rtt.srtt();
    }

    /**
     * Queues up to {@code len} bytes; returns how many the send buffer took (0 when full, and
     * {@link TcpHandler#onWritable} follows when space frees).
     *
     * @throws IllegalStateException after {@link #shutdownOutput} or once closed ("Broken pipe")
     */
    public int send(byte[] b, int off, int len) {
        if (finQueued || state == TcpState.CLOSED || state == TcpState.LISTEN) {
            throw new IllegalStateException("Broken pipe");
        }
        int n = sendQueue.append(b, off, len);
        if (n < len) {
            wantWritable = true;
        }
        if (state.synchronizedState()) {
            tcp.locked(this::pushPending);
        }
        return n;
    }

    /** {@code shutdown(SHUT_WR)}: a FIN follows the queued data. */
    public void shutdownOutput() {
        tcp.locked(this::shutdownOutputLocked);
    }

    private void shutdownOutputLocked() {
        if (finQueued) {
            return;
        }
        switch (state) {
            case SYN_SENT -> closeQuietly();
            case SYN_RECEIVED, ESTABLISHED -> {
                finQueued = true;
                if (state == TcpState.ESTABLISHED) {
                    state = TcpState.FIN_WAIT_1;
                    pushPending();
                }
            }
            case CLOSE_WAIT -> {
                finQueued = true;
                state = TcpState.LAST_ACK;
                pushPending();
            }
            default -> {
            }
        }
    }

    /** {@code close()}: as {@link #shutdownOutput}; data that still arrives is delivered and acknowledged. */
    public void close() {
        shutdownOutput();
    }

    /** {@code close()} with {@code SO_LINGER} 0: sends RST and forgets the connection. */
    public void abort() {
        tcp.locked(this::abortLocked);
    }

    private void abortLocked() {
        if (state == TcpState.CLOSED) {
            return;
        }
        if (state != TcpState.SYN_SENT && state != TcpState.TIME_WAIT) {
            sendSegment(highSent, 0, TcpHeader.RST | TcpHeader.ACK, false);
        }
        closeQuietly();
    }

    // ---- opening

    /**
     * {@code connect()}: the socket is in SYN_SENT at once, and the SYN leaves in an event of
     * its own at the same instant. So connect returns before any callback can run, even when
     * the peer is a zero-delay veth away and would answer within the call (on Linux the peer's
     * receive waits for the softirq that {@code netif_rx} raised).
     */
    void startConnect(int isn) {
        initSend(isn);
        state = TcpState.SYN_SENT;
        ns.sim().after(0, () -> tcp.locked(() -> {
            if (state == TcpState.SYN_SENT) {
                sendSyn();
            }
        }));
    }

    void startPassive(TcpListener l, int isn, SkBuff syn) {
        parent = l;
        l.childStarted();
        initSend(isn);
        byte[] b = syn.buf();
        int off = syn.data();
        irs = TcpHeader.seq(b, off);
        receiveQueue.init(irs + 1);
        takeSynOptions(b, off);
        sndWnd = TcpHeader.window(b, off);
        sndWl1 = irs;
        sndWl2 = iss;
        state = TcpState.SYN_RECEIVED;
        sendSyn();
    }

    private void initSend(int isn) {
        iss = isn;
        sndUna = isn;
        sndNxt = isn;
        highSent = isn;
    }

    private void takeSynOptions(byte[] b, int off) {
        TcpHeader.Options o = TcpHeader.Options.parse(b, off + TcpHeader.OPTIONS,
            TcpHeader.headerLength(b, off) - TcpHeader.MIN_LENGTH);
        int peerMss = o.mss() > 0 ? o.mss() : DEFAULT_MSS;
        ts.negotiate(o);
        peerSackOk = o.sackPermitted();
        windowScaling = o.windowScale() >= 0;
        sndWscale = windowScaling ? Math.min(14, o.windowScale()) : 0;
        mss = Math.min(peerMss, advMss) - (ts.enabled() ? TcpTimestamps.LENGTH : 0);
        cc = new NewReno(mss);
        rcvWindow.init(initialWindow(), windowScaling ? WINDOW_SCALE : 0, receiveQueue.rcvNxt());
    }

    /**
     * The window a SYN or SYN-ACK carries, as {@code tcp_select_initial_window} rounds 65535
     * down to a multiple of the MSS: 64240 on a SYN with MSS 1460, 65160 on a SYN-ACK that
     * knows timestamps take 12 bytes.
     */
    private int initialWindow() {
        int m = state == TcpState.SYN_SENT ? advMss : mss;
        return 65535 / m * m;
    }

    private void sendSyn() {
        int flags = state == TcpState.SYN_SENT ? TcpHeader.SYN : TcpHeader.SYN | TcpHeader.ACK;
        if (retries == 0) {
            rttTiming = true;
            rttSeq = iss + 1;
            rttStart = ns.sim().now();
        }
        sendSegment(iss, 0, flags, false);
        if (SeqNum.le(sndNxt, iss)) {
            sndNxt = iss + 1;
            highSent = sndNxt;
        }
        armRetransmit();
    }

    // ---- output

    /**
     * Sends new data (and a queued FIN) as far as the congestion and peer windows allow
     * ({@code tcp_write_xmit}): a segment goes only if all of it fits the windows, a FIN
     * taking one byte of the peer's (sender-side silly window syndrome avoidance, as
     * {@code tcp_snd_wnd_test}), and a short last segment may wait for Nagle's algorithm.
     * With nothing in flight and something left waiting, the persist timer starts.
     */
    private void pushPending() {
        if (!state.synchronizedState() || state == TcpState.TIME_WAIT) {
            return;
        }
        while (!(ourFinSent && SeqNum.gt(sndNxt, ourFinSeq))) {
            int remaining = sndUna + sendQueue.size() - sndNxt;
            long usable = Math.min(cc.cwnd(), Math.max(sndWnd, 0)) - (sndNxt - sndUna);
            long peerRoom = sndWnd - (sndNxt - sndUna);
            int len = output.next(remaining, usable, peerRoom, finQueued, highSent != sndUna, sndUna, sndNxt, mss);
            if (len == TcpOutputScheduler.HOLD) {
                break;
            }
            sendData(sndNxt, len, finQueued && len == remaining, false);
            if (len == 0) {
                break;
            }
        }
        persist.check();
    }

    /** Data written and not yet sent, or a FIN queued and not yet sent. */
    private boolean sendWaiting() {
        return SeqNum.gt(sndUna + sendQueue.size(), sndNxt) || (finQueued && !ourFinSent);
    }

    /**
     * {@code tcp_write_wakeup}: what the persist timer (or keepalive) sends. If the peer's
     * window has room, as much of the waiting data as fits it and the MSS, with PSH; if not,
     * a zero-length ACK with sequence number SND.UNA - 1, which the peer must answer with its
     * window.
     */
    private void writeWakeup() {
        int remaining = sndUna + sendQueue.size() - sndNxt;
        long room = sndWnd - (sndNxt - sndUna);
        boolean fin = finQueued && !ourFinSent;
        int len = output.wakeup(remaining, room, fin, mss);
        if (len == TcpOutputScheduler.HOLD || (len == 0 && !TcpOutputScheduler.withFin(fin, 0, remaining, room))) {
            sendSegment(sndUna - 1, 0, TcpHeader.ACK, false);
            return;
        }
        sendData(sndNxt, len, TcpOutputScheduler.withFin(fin, len, remaining, room), true);
    }

    /** Sends {@code len} queued bytes at {@code seq}, with FIN if it ends the stream. */
    private void sendData(int seq, int len, boolean fin) {
        sendData(seq, len, fin, false);
    }

    private void sendData(int seq, int len, boolean fin, boolean forcePush) {
        boolean retransmission = SeqNum.lt(seq, highSent);
        if (retransmission) {
            retransmits++;
            if (rttTiming && SeqNum.le(seq, rttSeq)) {
                rttTiming = false; // Karn: never time a retransmitted segment
            }
        }
        // PSH on the segment that empties what was written so far, as tcp_push() marks it
        boolean push = len > 0 && (forcePush || seq + len == sndUna + sendQueue.size());
        int flags = TcpHeader.ACK | (push ? TcpHeader.PSH : 0) | (fin ? TcpHeader.FIN : 0);
        sendSegment(seq, len, flags, true);
        output.nagle().sent(seq, len, mss);
        persist.cancel();
        if (fin) {
            ourFinSent = true;
            ourFinSeq = seq + len;
        }
        int end = seq + len + (fin ? 1 : 0);
        if (SeqNum.gt(end, sndNxt)) {
            sndNxt = end;
        }
        if (SeqNum.gt(end, highSent)) {
            highSent = end;
            if (!rttTiming && !retransmission) {
                rttTiming = true;
                rttSeq = end;
                rttStart = ns.sim().now();
            }
        }
        if (retransmitTimer == null || !retransmitTimer.isPending()) {
            armRetransmit();
        }
    }

    /** Builds and sends one segment; {@code withPayload} reads the bytes from the send queue. */
    private void sendSegment(int seq, int len, int flags, boolean withPayload) {
        boolean syn = (flags & TcpHeader.SYN) != 0;
        TcpHeader.Options opts;
        if (syn) {
            opts = state == TcpState.SYN_SENT
                ? TcpHeader.Options.syn(advMss, WINDOW_SCALE, tsVal(), 0)
                : synAckOptions();
        } else if (ts.enabled()) {
            opts = TcpHeader.Options.timestamps(tsVal(), ts.recent());
        } else {
            opts = TcpHeader.Options.NONE;
        }
        if (!syn && peerSackOk && (flags & TcpHeader.RST) == 0 && receiveQueue.hasOutOfOrder()) {
            // blocks take 4 + 8n bytes; a data segment carries only as many as fit its MSS
            int room = mss + (ts.enabled() ? TcpTimestamps.LENGTH : 0) - len - opts.length() - 4;
            int blocks = Math.min(ts.enabled() ? 3 : 4, room / 8);
            if (blocks > 0) {
                opts = opts.withSack(receiveQueue.sackBlocks(blocks));
            }
        }
        int rcvNxt = receiveQueue.rcvNxt() + (finReceived ? 1 : 0);
        int ack = (flags & TcpHeader.ACK) != 0 ? rcvNxt : 0;
        int window = syn ? initialWindow() : rcvWindow.select(rcvNxt, receiveQueue.heldBytes(), mss);
        int hl = TcpHeader.MIN_LENGTH + opts.length();
        SkBuff skb = SkBuff.allocate(SkBuff.DEFAULT_HEADROOM, hl + len);
        int off = skb.put(hl + len);
        byte[] b = skb.buf();
        new TcpHeader.Repr(localPort, remotePort, seq, ack, flags, window, 0, opts, hl).emit(b, off);
        if (withPayload && len > 0) {
            sendQueue.copy(seq - sndUna, b, off + hl, len);
        }
        TcpHeader.fillChecksum(b, off, hl + len, localAddr, remoteAddr);
        skb.transportHeader = off;
        segmentsOut++;
        if ((flags & TcpHeader.ACK) != 0) {
            acks.ackSent();
        }
        ns.ip().sendL4(skb, route, remoteAddr, Ipv4Header.PROTO_TCP, ns.sysctl().defaultTtl, 0, true);
    }

    private TcpHeader.Options synAckOptions() {
        int ws = windowScaling ? WINDOW_SCALE : -1;
        boolean t = ts.enabled();
        return new TcpHeader.Options(advMss, ws, peerSackOk, t ? tsVal() : 0, t ? ts.recent() : 0, t,
            java.util.List.of());
    }

    private long tsVal() {
        return ts.value(ns.sim().now());
    }

    /**
     * A pure ACK carries the highest sequence number sent (RFC 9293's SND.NXT), not the
     * retransmission point that {@code sndNxt} becomes after a timeout: with the older number
     * the peer would find it outside its window and drop it unread, and two such peers would
     * exchange ACKs for ever.
     */
    private void sendAck() {
        sendSegment(highSent, 0, TcpHeader.ACK, false);
    }

    // ---- timers

    private void armRetransmit() {
        if (retransmitTimer != null) {
            retransmitTimer.cancel();
        }
        retransmitTimer = ns.sim().after(rtt.rto(), () -> tcp.locked(this::onRetransmitTimeout));
    }

    private void onRetransmitTimeout() {
        retransmitTimer = null;
        if (state == TcpState.CLOSED || state == TcpState.TIME_WAIT || sndUna == highSent) {
            return;
        }
        retries++;
        int limit = switch (state) {
            case SYN_SENT -> SYN_RETRIES;
            case SYN_RECEIVED -> SYNACK_RETRIES;
            default -> DATA_RETRIES;
        };
        if (retries > limit) {
            fail(Errno.ETIMEDOUT);
            return;
        }
        rtt.backOff();
        rttTiming = false;
        if (state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED) {
            retransmits++;
            sendSyn();
            return;
        }
        cc.onTimeout(highSent, highSent - sndUna);
        scoreboard.clear(); // RFC 2018 section 8: the receiver may have reneged
        retransmitNext = sndUna;
        sndNxt = sndUna; // go back to the first unacknowledged byte (RFC 6298 section 5.4)
        armRetransmit();
        pushPending();
    }

    // ---- input (RFC 9293 section 3.10.7)

    void receive(SkBuff skb) {
        byte[] b = skb.buf();
        int off = skb.data();
        int hl = TcpHeader.headerLength(b, off);
        int flags = TcpHeader.flags(b, off);
        int seq = TcpHeader.seq(b, off);
        int ack = TcpHeader.ack(b, off);
        int payload = skb.len() - hl;
        switch (state) {
            case SYN_SENT -> synSent(skb, b, off, flags, seq, ack);
            case CLOSED -> ns.drop(skb, ns.device(skb.iif), DropReason.NO_SOCKET);
            default -> synchronizedInput(skb, b, off, hl, flags, seq, ack, payload);
        }
    }

    /**
     * A port unreachable about our SYN (a firewall's {@code reject}) ends the connect with
     * ECONNREFUSED, as {@code tcp_v4_err} does; other unreachables stay soft errors here.
     */
    void unreachable(int code) {
        if (state == TcpState.SYN_SENT && code == io.knetsim.packet.IcmpHeader.PORT_UNREACHABLE) {
            fail(Errno.ECONNREFUSED);
        }
    }

    private void synSent(SkBuff skb, byte[] b, int off, int flags, int seq, int ack) {
        boolean hasAck = (flags & TcpHeader.ACK) != 0;
        if (hasAck && ack != iss + 1) {
            if ((flags & TcpHeader.RST) == 0) {
                tcp.sendReset(skb, remoteAddr, localAddr);
            }
            ns.drop(skb, ns.device(skb.iif), DropReason.TCP_INVALID_SEGMENT);
            return;
        }
        if ((flags & TcpHeader.RST) != 0) {
            if (hasAck) {
                fail(Errno.ECONNREFUSED);
            } else {
                ns.drop(skb, ns.device(skb.iif), DropReason.TCP_INVALID_SEGMENT);
            }
            return;
        }
        if ((flags & TcpHeader.SYN) == 0 || !hasAck) {
            // a bare ACK, or a simultaneous open, which this model does not take up
            ns.drop(skb, ns.device(skb.iif), DropReason.TCP_INVALID_SEGMENT);
            return;
        }
        irs = seq;
        receiveQueue.init(seq + 1);
        takeSynOptions(b, off);
        sndUna = ack;
        sndWnd = TcpHeader.window(b, off); // never scaled on a SYN (RFC 7323 section 2.2)
        sndWl1 = seq;
        sndWl2 = ack;
        retries = 0;
        if (rttTiming) {
            sampleRtt();
        }
        cancelRetransmit();
        state = TcpState.ESTABLISHED;
        keepalive.connected();
        sendAck();
        handler.onConnected(this);
        pushPending();
    }

    private void synchronizedInput(SkBuff skb, byte[] b, int off, int hl, int flags, int seq, int ack, int payload) {
        boolean fin = (flags & TcpHeader.FIN) != 0;
        int segLen = payload + (fin ? 1 : 0) + ((flags & TcpHeader.SYN) != 0 ? 1 : 0);
        int rcvNxt = receiveQueue.rcvNxt() + (finReceived ? 1 : 0);
        // first: sequence number acceptable?
        if (!rcvWindow.acceptable(seq, segLen, rcvNxt)) {
            if ((flags & TcpHeader.RST) == 0 && !rcvWindow.outOfWindowAckLimited(segLen, ns.sim().now())) {
                sendAck();
            }
            ns.drop(skb, ns.device(skb.iif), DropReason.TCP_INVALID_SEGMENT);
            return;
        }
        // second: RST (RFC 5961 section 3.2: only an exact match resets, others get a challenge ACK)
        if ((flags & TcpHeader.RST) != 0) {
            if (seq == rcvNxt) {
                if (state == TcpState.SYN_RECEIVED && parent != null) {
                    closeQuietly(); // back to LISTEN: the listener stays, the child goes
                } else if (state == TcpState.TIME_WAIT) {
                    closeQuietly();
                } else {
                    fail(Errno.ECONNRESET);
                }
            } else {
                sendAck();
            }
            return;
        }
        // fourth: a SYN in a synchronized state gets a challenge ACK (RFC 5961 section 4.2)
        if ((flags & TcpHeader.SYN) != 0) {
            if (state == TcpState.SYN_RECEIVED && seq == irs) {
                sendSyn(); // the peer's SYN again: our SYN-ACK was lost
            } else {
                sendAck();
            }
            return;
        }
        // fifth: the ACK field
        if ((flags & TcpHeader.ACK) == 0) {
            ns.drop(skb, ns.device(skb.iif), DropReason.TCP_INVALID_SEGMENT);
            return;
        }
        TcpHeader.Options opts = hl > TcpHeader.MIN_LENGTH
            ? TcpHeader.Options.parse(b, off + TcpHeader.OPTIONS, hl - TcpHeader.MIN_LENGTH)
            : TcpHeader.Options.NONE;
        ts.onSegment(opts, seq, rcvNxt);
        boolean handshakeAck = state == TcpState.SYN_RECEIVED;
        if (handshakeAck) {
            if (SeqNum.le(ack, sndUna) || SeqNum.gt(ack, highSent)) {
                tcp.sendReset(skb, remoteAddr, localAddr);
                ns.drop(skb, ns.device(skb.iif), DropReason.TCP_INVALID_SEGMENT);
                return;
            }
            sndUna = ack;
            if (rttTiming) {
                sampleRtt();
            }
            cancelRetransmit();
            sndWnd = (long) TcpHeader.window(b, off) << sndWscale;
            sndWl1 = seq;
            sndWl2 = ack;
            established();
            if (state == TcpState.CLOSED) {
                return;
            }
        }
        if (peerSackOk) {
            for (TcpHeader.SackBlock blk : opts.sackBlocks()) {
                scoreboard.add(blk.left(), blk.right(), SeqNum.max(sndUna, ack), highSent);
            }
        }
        if (!processAck(b, off, seq, ack, payload, fin, !handshakeAck)) {
            return;
        }
        if (state == TcpState.CLOSED) {
            return;
        }
        // seventh: segment text
        if (payload > 0) {
            if (state == TcpState.ESTABLISHED || state == TcpState.FIN_WAIT_1 || state == TcpState.FIN_WAIT_2) {
                receiveData(seq, b, off + hl, payload);
            }
        }
        // eighth: FIN
        if (fin && !finSeqKnown) {
            finSeq = seq + payload;
            noteFin();
        } else if (fin) {
            noteFin();
        } else if (payload > 0 && finPending()) {
            noteFin();
        }
        if (state != TcpState.CLOSED) {
            pushPending();
        }
    }

    private void established() {
        state = TcpState.ESTABLISHED;
        retries = 0;
        keepalive.connected();
        if (parent != null) {
            parent.childLeftSynQueue();
            handler = parent.acceptor().accept(this);
            if (handler == null) {
                handler = new TcpHandler() {
                };
            }
            handler.onConnected(this);
        }
    }

    /** Returns false when the segment is to be dropped after the ACK step. */
    private boolean processAck(byte[] b, int off, int seq, int ack, int payload, boolean fin, boolean mayBeDup) {
        if (SeqNum.gt(ack, highSent)) {
            sendAck(); // acknowledges something not yet sent
            return false;
        }
        int window = TcpHeader.window(b, off);
        long wnd = (long) window << sndWscale;
        boolean nothingInFlight = highSent == sndUna;
        boolean writable = false;
        if (SeqNum.ge(ack, sndUna)) {
            persist.heard();
            keepalive.heard();
        }
        if (SeqNum.gt(ack, sndUna)) {
            int ackedSeq = ack - sndUna;
            int dataAcked = Math.min(ackedSeq, sendQueue.size());
            sendQueue.drop(dataAcked);
            if (rttTiming && SeqNum.ge(ack, rttSeq)) {
                sampleRtt();
            }
            sndUna = ack;
            scoreboard.ackedTo(sndUna);
            if (SeqNum.lt(sndNxt, sndUna)) {
                sndNxt = sndUna;
            }
            retries = 0;
            rtt.resetBackoff();
            boolean partial = cc.onAck(ack, ackedSeq, highSent - sndUna);
            if (sndUna == highSent) {
                cancelRetransmit();
            } else {
                armRetransmit();
            }
            if (partial && !(peerSackOk && retransmitNextHole()) && SeqNum.le(retransmitNext, sndUna)) {
                retransmitHead();
            }
            writable = wantWritable && sendQueue.free() > 0 && !finQueued;
            afterOurFinAcked();
        } else if (mayBeDup && ack == sndUna && payload == 0 && !fin && wnd == sndWnd && sndUna != highSent) {
            boolean wasInRecovery = cc.inRecovery();
            if (cc.onDupAck(sndUna, highSent, highSent - sndUna)) {
                retransmitHead();
                armRetransmit();
            } else if (wasInRecovery && peerSackOk && retransmitNextHole()) {
                cc.spend(); // this duplicate's segment went to fill a hole, not to new data
            }
        }
        if (SeqNum.lt(sndWl1, seq) || (sndWl1 == seq && SeqNum.le(sndWl2, ack))) {
            sndWnd = wnd;
            sndWl1 = seq;
            sndWl2 = ack;
        }
        // the application hears of the room only once SND.WND is this segment's (tcp_ack updates
        // the window before tcp_data_snd_check and sk_write_space): what it writes from onWritable
        // must not go beyond the right edge the peer offers now
        if (writable && wantWritable) {
            wantWritable = false;
            handler.onWritable(this);
        }
        if (nothingInFlight && state != TcpState.CLOSED) {
            persist.ackWhileIdle();
        }
        return state != TcpState.CLOSED;
    }

    private void sampleRtt() {
        rtt.sample(ns.sim().now() - rttStart);
        rttTiming = false;
    }

    /** Resends the first unacknowledged segment (fast retransmit, or a NewReno partial ACK). */
    private void retransmitHead() {
        int len = Math.min(mss, sendQueue.size());
        boolean fin = ourFinSent && len == sendQueue.size();
        if (len > 0 || fin) {
            sendData(sndUna, len, fin);
        }
        retransmitNext = sndUna + len;
    }

    /**
     * In SACK recovery, resends the next segment of the next hole below SACKed data that this
     * recovery has not resent yet (RFC 6675 section 5, NextSeg rule 1, without its loss test).
     */
    private boolean retransmitNextHole() {
        if (!scoreboard.findHole(SeqNum.max(retransmitNext, sndUna))) {
            return false;
        }
        int start = scoreboard.holeStart();
        int len = Math.min(mss, Math.min(scoreboard.holeEnd() - start, sndUna + sendQueue.size() - start));
        if (len <= 0) {
            return false;
        }
        sendData(start, len, false);
        retransmitNext = start + len;
        return true;
    }

    /** State changes once our FIN is acknowledged (RFC 9293 section 3.10.7.4, fifth step). */
    private void afterOurFinAcked() {
        if (!ourFinAcked()) {
            return;
        }
        switch (state) {
            case FIN_WAIT_1 -> state = TcpState.FIN_WAIT_2;
            case CLOSING -> enterTimeWait();
            case LAST_ACK -> closeQuietly();
            default -> {
            }
        }
    }

    private boolean ourFinAcked() {
        return ourFinSent && SeqNum.gt(sndUna, ourFinSeq);
    }

    private void receiveData(int seq, byte[] b, int off, int len) {
        boolean wasInOrder = seq == receiveQueue.rcvNxt() && !receiveQueue.hasOutOfOrder();
        int delivered = receiveQueue.receive(seq, b, off, len, this::deliver);
        rcvWindow.grow(delivered, receiveQueue.heldBytes());
        keepalive.heard();
        if (state == TcpState.CLOSED) {
            return;
        }
        if (!wasInOrder || delivered == 0 || receiveQueue.hasOutOfOrder()) {
            sendAck(); // out of order or filling a hole: acknowledge at once (RFC 5681 section 4.2)
            return;
        }
        if (acks.inOrderData(receiveQueue, rcvWindow, mss)) {
            sendAck();
        }
    }

    private void deliver(byte[] b, int off, int len) {
        handler.onData(this, b, off, len);
    }

    private void resumeReadingLocked() {
        if (!receiveQueue.paused()) {
            return;
        }
        int copied = receiveQueue.resume(this::deliver);
        if (state == TcpState.CLOSED) {
            return;
        }
        if (copied > 0 && !finReceived && acks.afterRead(receiveQueue, rcvWindow, mss)) {
            sendAck();
        }
        if (peerClosedUnread && receiveQueue.unreadBytes() == 0 && !receiveQueue.paused()) {
            peerClosedUnread = false;
            handler.onPeerClosed(this);
        }
    }

    private boolean finPending() {
        return finSeqKnown && !finReceived;
    }

    /** A FIN arrived; it takes effect once every byte before it has (RFC 9293, eighth step). */
    private void noteFin() {
        finSeqKnown = true;
        if (finReceived || receiveQueue.rcvNxt() != finSeq) {
            return; // out of order: the data path acknowledged it already
        }
        finReceived = true;
        sendAck();
        switch (state) {
            case ESTABLISHED, SYN_RECEIVED -> {
                state = TcpState.CLOSE_WAIT;
                peerClosed();
            }
            case FIN_WAIT_1 -> {
                state = TcpState.CLOSING; // FIN_WAIT_1 means our FIN is not yet acknowledged
                peerClosed();
            }
            case FIN_WAIT_2 -> {
                enterTimeWait();
                peerClosed();
            }
            case TIME_WAIT -> enterTimeWait();
            default -> {
            }
        }
    }

    /** End of stream: told at once, or after the unread bytes once the application reads them. */
    private void peerClosed() {
        if (receiveQueue.unreadBytes() > 0 || receiveQueue.paused()) {
            peerClosedUnread = true;
        } else {
            handler.onPeerClosed(this);
        }
    }

    // ---- closing

    private void enterTimeWait() {
        state = TcpState.TIME_WAIT;
        cancelRetransmit();
        persist.cancel();
        keepalive.cancel();
        if (timeWaitTimer != null) {
            timeWaitTimer.cancel();
        }
        timeWaitTimer = ns.sim().after(TIME_WAIT_LEN, () -> tcp.locked(this::closeQuietly));
    }

    private void fail(Errno e) {
        TcpHandler h = handler;
        closeQuietly0();
        if (h != null) {
            h.onError(this, e);
            h.onClosed(this);
        }
    }

    private void closeQuietly() {
        TcpHandler h = handler;
        closeQuietly0();
        if (h != null) {
            h.onClosed(this);
        }
    }

    private void closeQuietly0() {
        if (state == TcpState.SYN_RECEIVED && parent != null) {
            parent.childLeftSynQueue();
        }
        state = TcpState.CLOSED;
        cancelRetransmit();
        persist.cancel();
        keepalive.cancel();
        acks.cancel();
        if (timeWaitTimer != null) {
            timeWaitTimer.cancel();
        }
        tcp.remove(this);
    }

    private void cancelRetransmit() {
        if (retransmitTimer != null) {
            retransmitTimer.cancel();
            retransmitTimer = null;
        }
    }

    @Override
    public String toString() {
        return "tcp " + Ipv4Address.format(localAddr) + ":" + localPort + " -> "
            + Ipv4Address.format(remoteAddr) + ":" + remotePort + " " + state;
    }
}
