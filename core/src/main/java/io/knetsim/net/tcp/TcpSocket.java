package io.knetsim.net.tcp;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.Errno;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.ipv4.RouteResult;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;
import io.knetsim.packet.TcpHeader;
import io.knetsim.sim.SimTime;

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
 * <p>This class holds the connection's variables and its user API ({@code tcp.c}); the work is
 * done by one piece per part of Linux's TCP, each reading and writing these variables as
 * Linux's functions use {@code tp->snd_una}:
 *
 * <pre>
 *   send() --&gt; TcpSendQueue --&gt; TcpOutput (tcp_write_xmit: cwnd, SND.WND, TcpNagle) --&gt; IPv4
 *                                   |  TcpOptions (SYN, SYN-ACK, timestamps, SACK blocks)
 *                                   \-- window shut, nothing in flight: TcpPersistTimer probes
 *   IPv4 --&gt; Tcp --&gt; TcpInput (tcp_rcv_state_process) --&gt; TcpAck (tcp_ack: RttEstimator, NewReno,
 *                        |                                      SackScoreboard, FIN acked)
 *                        \--&gt; TcpReceiveQueue --&gt; onData; reading paused: TcpReceiveWindow closes
 *   timers: TcpRetransmitTimer (RTO, Karn), TcpAckScheduler (delayed ACK), TcpPersistTimer,
 *           TcpKeepalive, TIME-WAIT (here)
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

    final Tcp tcp;
    final NetNamespace ns;
    final RouteResult route;
    final int localAddr;
    final int localPort;
    final int remoteAddr;
    final int remotePort;
    TcpHandler handler;
    TcpListener parent;
    TcpState state = TcpState.CLOSED;

    // send sequence variables (RFC 9293 section 3.3.1)
    int iss;
    int sndUna;
    int sndNxt;
    int highSent;
    long sndWnd;
    int sndWl1;
    int sndWl2;
    int sndWscale;
    final TcpSendQueue sendQueue = new TcpSendQueue(SEND_BUFFER);
    boolean finQueued;
    boolean ourFinSent;
    int ourFinSeq;
    boolean wantWritable;

    // receive side
    int irs;
    final TcpReceiveWindow rcvWindow = new TcpReceiveWindow(RECEIVE_BUFFER);
    final TcpReceiveQueue receiveQueue = new TcpReceiveQueue();
    int finSeq;
    boolean finSeqKnown;
    boolean finReceived;
    boolean peerClosedUnread;

    // options negotiated
    final int advMss;
    int mss;
    final TcpTimestamps ts;
    boolean windowScaling;
    boolean peerSackOk;

    // estimators and counters
    final RttEstimator rtt = new RttEstimator();
    NewReno cc;
    int retries;
    long segmentsOut;
    long retransmits;

    // the parts of the stack that work on these variables, and the timers
    final TcpOptions options = new TcpOptions(this);
    final TcpOutput output = new TcpOutput(this);
    final TcpInput input = new TcpInput(this);
    final TcpAck ack = new TcpAck(this);
    final TcpRetransmitTimer rtx = new TcpRetransmitTimer(this);
    final TcpAckScheduler acks;
    final TcpPersistTimer persist;
    final TcpKeepalive keepalive;
    final TcpClose closing = new TcpClose(this);

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
                output.sendAck();
            }
        });
        this.persist = new TcpPersistTimer(ns.sim(), tcp::locked, output.persistSender());
        this.keepalive = new TcpKeepalive(ns.sim(), tcp::locked, () -> highSent != sndUna || output.sendWaiting(),
            () -> output.sendSegment(sndUna - 1, 0, TcpHeader.ACK, false),
            () -> {
                output.sendSegment(highSent, 0, TcpHeader.RST | TcpHeader.ACK, false);
                closing.fail(Errno.ETIMEDOUT);
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
        tcp.locked(input::resumeReading);
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
                output.pushPending();
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
            tcp.locked(output::pushPending);
        }
        return n;
    }

    /** {@code shutdown(SHUT_WR)}: a FIN follows the queued data. */
    public void shutdownOutput() {
        tcp.locked(closing::shutdown);
    }

    /** {@code close()}: as {@link #shutdownOutput}; data that still arrives is delivered and acknowledged. */
    public void close() {
        shutdownOutput();
    }

    /** {@code close()} with {@code SO_LINGER} 0: sends RST and forgets the connection. */
    public void abort() {
        tcp.locked(closing::abort);
    }

    // ---- opening (tcp_connect, tcp_create_openreq_child)

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
                output.sendSyn();
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
        options.takeSyn(b, off);
        sndWnd = TcpHeader.window(b, off);
        sndWl1 = irs;
        sndWl2 = iss;
        state = TcpState.SYN_RECEIVED;
        output.sendSyn();
    }

    private void initSend(int isn) {
        iss = isn;
        sndUna = isn;
        sndNxt = isn;
        highSent = isn;
    }

    /** Segments from {@link Tcp}: see {@link TcpInput}. */
    void receive(SkBuff skb) {
        input.receive(skb);
    }

    /** An ICMP destination unreachable about this connection: see {@link TcpInput#unreachable}. */
    void unreachable(int code) {
        input.unreachable(code);
    }

    /** RCV.NXT, the FIN counted once it is in. */
    int rcvNxt() {
        return receiveQueue.rcvNxt() + (finReceived ? 1 : 0);
    }

    @Override
    public String toString() {
        return "tcp " + Ipv4Address.format(localAddr) + ":" + localPort + " -> "
            + Ipv4Address.format(remoteAddr) + ":" + remotePort + " " + state;
    }
}
