package io.knetsim.net.tcp;

import io.knetsim.packet.TcpHeader;
import java.util.List;

/**
 * The TCP options of one connection, as Linux builds them ({@code tcp_syn_options},
 * {@code tcp_synack_options}, {@code tcp_established_options}) and takes them from the peer's
 * SYN ({@code tcp_parse_options}, {@code tcp_sync_mss}).
 *
 * <pre>
 *   SYN       mss advmss, sackOK, TS val 0, nop, wscale 7
 *   SYN-ACK   mss advmss, and sackOK / TS / wscale only if the peer's SYN offered them
 *   otherwise TS val ecr once negotiated, and SACK blocks while data waits beyond a hole
 *             (as many as fit beside the payload: 3 with timestamps, else 4)
 *   peer SYN  MSS = min(peer's or 536, advmss) - 12 with timestamps; window scale up to 14
 * </pre>
 */
final class TcpOptions {
    private final TcpSocket sk;

    TcpOptions(TcpSocket sk) {
        this.sk = sk;
    }

    /** Takes the options of the peer's SYN or SYN-ACK: MSS, SACK, timestamps, window scale. */
    void takeSyn(byte[] b, int off) {
        TcpHeader.Options o = TcpHeader.Options.parse(b, off + TcpHeader.OPTIONS,
            TcpHeader.headerLength(b, off) - TcpHeader.MIN_LENGTH);
        int peerMss = o.mss() > 0 ? o.mss() : TcpSocket.DEFAULT_MSS;
        sk.ts.negotiate(o);
        sk.peerSackOk = o.sackPermitted();
        sk.windowScaling = o.windowScale() >= 0;
        sk.sndWscale = sk.windowScaling ? Math.min(14, o.windowScale()) : 0;
        sk.mss = Math.min(peerMss, sk.advMss) - (sk.ts.enabled() ? TcpTimestamps.LENGTH : 0);
        sk.cc = new NewReno(sk.mss);
        sk.rcvWindow.init(initialWindow(), sk.windowScaling ? TcpSocket.WINDOW_SCALE : 0, sk.receiveQueue.rcvNxt());
    }

    /**
     * The window a SYN or SYN-ACK carries, as {@code tcp_select_initial_window} rounds 65535
     * down to a multiple of the MSS: 64240 on a SYN with MSS 1460, 65160 on a SYN-ACK that
     * knows timestamps take 12 bytes.
     */
    int initialWindow() {
        int m = sk.state == TcpState.SYN_SENT ? sk.advMss : sk.mss;
        return 65535 / m * m;
    }

    /** The options of an outgoing segment with these {@code flags} and {@code len} bytes of payload. */
    TcpHeader.Options forSegment(int flags, int len) {
        boolean syn = (flags & TcpHeader.SYN) != 0;
        TcpHeader.Options opts;
        if (syn) {
            opts = sk.state == TcpState.SYN_SENT
                ? TcpHeader.Options.syn(sk.advMss, TcpSocket.WINDOW_SCALE, tsVal(), 0)
                : synAck();
        } else if (sk.ts.enabled()) {
            opts = TcpHeader.Options.timestamps(tsVal(), sk.ts.recent());
        } else {
            opts = TcpHeader.Options.NONE;
        }
        if (!syn && sk.peerSackOk && (flags & TcpHeader.RST) == 0 && sk.receiveQueue.hasOutOfOrder()) {
            // blocks take 4 + 8n bytes; a data segment carries only as many as fit its MSS
            int room = sk.mss + (sk.ts.enabled() ? TcpTimestamps.LENGTH : 0) - len - opts.length() - 4;
            int blocks = Math.min(sk.ts.enabled() ? 3 : 4, room / 8);
            if (blocks > 0) {
                opts = opts.withSack(sk.receiveQueue.sackBlocks(blocks));
            }
        }
        return opts;
    }

    private TcpHeader.Options synAck() {
        int ws = sk.windowScaling ? TcpSocket.WINDOW_SCALE : -1;
        boolean t = sk.ts.enabled();
        return new TcpHeader.Options(sk.advMss, ws, sk.peerSackOk, t ? tsVal() : 0, t ? sk.ts.recent() : 0, t,
            List.of());
    }

    private long tsVal() {
        return sk.ts.value(sk.ns.sim().now());
    }
}
