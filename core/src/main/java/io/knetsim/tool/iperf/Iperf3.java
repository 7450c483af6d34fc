package io.knetsim.tool.iperf;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.ipv4.RouteResult;
import io.knetsim.net.ipv4.UdpListener;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.Errno;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpListener;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.net.tcp.TcpState;
import io.knetsim.sim.SimTime;
import io.knetsim.sim.Timer;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.UsageException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code iperf3}, with iperf3 3.x's report layout, measured on the simulator's clock.
 * <ul>
 *   <li>{@code iperf3 -s [-p PORT] [-1]}: listens on TCP and UDP PORT (default 5201) and
 *       prints a receiver summary per test; {@code -1} exits after one test.</li>
 *   <li>{@code iperf3 -c HOST [-p PORT] [-t SECS] [-i SECS] [-N] [-u [-b RATE[K|M|G]] [-l LEN]]};
 *       {@code -N} sets {@code TCP_NODELAY} on the data connection (Nagle stays on without it,
 *       as in iperf3).</li>
 * </ul>
 * Simplifications (knetsim): there is no control connection and no cookie exchange. In TCP
 * mode the client opens one data connection, writes 128 KiB blocks as fast as the socket
 * takes them for {@code -t} seconds of simulated time, then half-closes; the server closes
 * once it has read everything, and the client prints the totals. The sender counts bytes the
 * socket accepted (as iperf3 counts {@code write()}s); Retr comes from the socket's
 * retransmission counter and Cwnd from its congestion window. The receiver line is what the
 * server counted: since both ends live in one simulated world, the client reads the server's
 * counters directly where real iperf3 would receive them over the control connection; its
 * interval ends when the server read the FIN. In UDP mode the client sends {@code -l} byte
 * datagrams (default 1460; payload starts with send time in seconds and microseconds and a
 * sequence number from 1, as iperf3's) paced at {@code -b} (default 1 Mbit/s), waits one
 * simulated second for stragglers, then prints the receiver's jitter (RFC 1889 estimator,
 * from simulated send and arrival times) and losses against what was sent; the receiver's
 * interval ends at its last arrival (never before {@code -t}). The UDP server reports every
 * {@code -i} seconds from the first datagram until {@code -t} has passed (the test length the
 * real client announces on its control connection; here it is read from the client's record),
 * with the jitter so far and the interval's losses against the highest sequence number seen, as
 * iperf3's receiver counts them; datagrams still queued after that count in its summary only.
 * The TCP server reports every {@code -i} seconds of the connection, the last interval partial,
 * as iperf3's server does.
 */
public final class Iperf3 implements Command {
    /** The stream id iperf3 prints for its first data socket. */
    static final int STREAM_ID = 5;
    static final int DEFAULT_PORT = 5201;
    static final int TCP_BLOCK = 128 * 1024;
    static final int UDP_DEFAULT_LEN = 1460;
    static final long UDP_DEFAULT_RATE = 1_000_000;
    static final long UDP_GRACE = SimTime.SECOND;
    static final String SEPARATOR = "- - - - - - - - - - - - - - - - - - - - - - - - -";
    static final String DASHES = "-----------------------------------------------------------";
    static final String SHORT_USAGE = "Usage: iperf3 [-s|-c host] [options]\n"
        + "       iperf3 [-h|--help] [-v|--version]\n\n"
        + "Try `iperf3 --help' for more information.";

    /** Registers {@code iperf3}. */
    public static void registerAll(ToolRegistry r) {
        r.register(new Iperf3());
    }

    @Override
    public String name() {
        return "iperf3";
    }

    @Override
    public String synopsis() {
        return "iperf3 -s [-p PORT] [-1] | -c HOST [-p PORT] [-t SECS] [-i SECS] [-N] [-u [-b RATE] [-l LEN]]";
    }

    // ---- what a server counted, looked up by the client (same simulated world)

    /** One test as the server saw it, keyed by the client's address and port. */
    static final class Received {
        long bytes;
        long datagrams;
        long maxSeq;
        long lastAt;
        /** RFC 1889 interarrival jitter, nanoseconds. */
        double jitter;
        long lastTransit;
        boolean haveTransit;
        long endAt = -1;
        /** UDP: the receiver's interval for the summary, which the client gives when it ends the test. */
        long duration;
        /** UDP: the test length ({@code -t}), which the client announces before it sends. */
        long testLength;
        Runnable onEnd;
    }

    /**
     * What each test's receiver counted, by the client's {@code address:port}, kept per world:
     * iperf3's client and server exchange these over their control connection, which knetsim
     * does not model, so they meet here instead.
     */
    static final class Results {
        final Map<String, Received> byClient = new HashMap<>();
    }

    private static Received received(io.knetsim.net.World world, int addr, int port, boolean create) {
        Map<String, Received> m = world.service(Results.class, Results::new).byClient;
        String key = Ipv4Address.format(addr) + ":" + port;
        Received r = m.get(key);
        if (create && (r == null || r.endAt >= 0)) {
            // A new test, or a new one from a port an ended test used before.
            r = new Received();
            m.put(key, r);
        }
        return r;
    }

    // ---- arguments

    private static final class Options {
        boolean server;
        String host;
        int port = DEFAULT_PORT;
        boolean oneOff;
        long duration = SimTime.seconds(10);
        long interval = SimTime.SECOND;
        boolean udp;
        long rate = -1;
        int len = -1;
        boolean noDelay;
    }

    private static UsageException paramError(String msg) {
        return new UsageException("iperf3: parameter error - " + msg + "\n\n" + SHORT_USAGE, 1);
    }

    private static Options parse(List<String> args) {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            String opt = w.length() == 2 && w.charAt(0) == '-' ? w.substring(1) : null;
            if (opt == null) {
                throw new UsageException("iperf3: parameter error - unknown argument '" + w + "'\n\n" + SHORT_USAGE, 1);
            }
            if ("cptiblm".indexOf(opt.charAt(0)) >= 0 && !"-m".equals(w) && i + 1 >= args.size()) {
                throw new UsageException("iperf3: option requires an argument -- '" + opt + "'\n" + SHORT_USAGE, 1);
            }
            switch (opt) {
                case "s" -> o.server = true;
                case "c" -> o.host = args.get(++i);
                case "1" -> o.oneOff = true;
                case "u" -> o.udp = true;
                case "N" -> o.noDelay = true;
                case "p" -> {
                    String v = args.get(++i);
                    o.port = parseInt(v);
                    if (o.port < 1 || o.port > 65535) {
                        throw paramError("bad port number");
                    }
                }
                case "t" -> {
                    String v = args.get(++i);
                    int t = parseInt(v);
                    if (t < 1 || t > 86400) {
                        throw paramError("test duration valid values are 1 to 86400 seconds (knetsim: whole seconds)");
                    }
                    o.duration = SimTime.seconds(t);
                }
                case "i" -> {
                    String v = args.get(++i);
                    double d;
                    try {
                        d = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        d = -1;
                    }
                    if (d != 0 && (d < 0.1 || d > 60)) {
                        throw paramError("invalid report interval (min = 0.1, max = 60 seconds)");
                    }
                    o.interval = Math.round(d * 1e9);
                }
                case "b" -> o.rate = parseRate(args.get(++i));
                case "l" -> o.len = parseInt(args.get(++i));
                default -> throw new UsageException("iperf3: invalid option -- '" + opt + "'\n" + SHORT_USAGE, 1);
            }
        }
        if (o.server && o.host != null) {
            throw paramError("cannot be both server and client");
        }
        if (!o.server && o.host == null) {
            throw paramError("must either be a client (-c) or server (-s)");
        }
        if (o.server && (o.udp || o.rate >= 0 || o.len >= 0)) {
            throw paramError("some option you are trying to set is client only");
        }
        if (!o.server && o.oneOff) {
            throw paramError("some option you are trying to set is server only");
        }
        if (!o.udp && o.rate >= 0) {
            throw new UsageException("iperf3: knetsim: -b is supported only with -u", 1);
        }
        if (o.udp) {
            if (o.len < 0) {
                o.len = UDP_DEFAULT_LEN;
            } else if (o.len < 16 || o.len > 65507) {
                throw paramError("block size invalid (minimum = 16 bytes, maximum = 65507 bytes)");
            }
            if (o.rate < 0) {
                o.rate = UDP_DEFAULT_RATE;
            } else if (o.rate == 0) {
                throw new UsageException("iperf3: knetsim: -b 0 (unlimited) is not supported", 1);
            }
        } else if (o.len >= 0) {
            if (o.len < 1 || o.len > 1024 * 1024) {
                throw paramError("block size too large (maximum = 1048576 bytes)");
            }
        }
        return o;
    }

    private static int parseInt(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code 10M}, {@code 500K}, {@code 1G}, {@code 2000}: bits per second, decimal units. */
    static long parseRate(String v) {
        long mult = 1;
        String n = v;
        if (!v.isEmpty()) {
            switch (Character.toUpperCase(v.charAt(v.length() - 1))) {
                case 'K' -> mult = 1_000;
                case 'M' -> mult = 1_000_000;
                case 'G' -> mult = 1_000_000_000;
                default -> mult = 1;
            }
            if (mult != 1) {
                n = v.substring(0, v.length() - 1);
            }
        }
        try {
            double d = Double.parseDouble(n);
            if (d >= 0 && !Double.isInfinite(d)) {
                return Math.round(d * mult);
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw paramError("bad bitrate '" + v + "'");
    }

    // ---- command

    @Override
    public void start(Invocation inv) {
        Options o = parse(inv.args());
        if (o.server) {
            new Server(inv, o).start();
            return;
        }
        if (!Ipv4Address.isValid(o.host)) {
            inv.eprintln("iperf3: error - unable to connect to server: Name or service not known");
            inv.exit(1);
            return;
        }
        int dst = Ipv4Address.parse(o.host).bits();
        inv.println("Connecting to host " + o.host + ", port " + o.port);
        if (o.udp) {
            new UdpClient(inv, o, dst).start();
        } else {
            new TcpClient(inv, o, dst).start();
        }
    }

    private static String connected(int local, int localPort, int remote, int remotePort) {
        return String.format(Locale.ROOT, "[%3d] local %s port %d connected to %s port %d", STREAM_ID,
            Ipv4Address.format(local), localPort, Ipv4Address.format(remote), remotePort);
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }

    private static String transferAndRate(long bytes, long nanos) {
        double bps = nanos <= 0 ? 0 : bytes * 8.0 / secs(nanos);
        return IperfFormat.bytes(bytes) + "s  " + IperfFormat.bits(bps) + "s/sec";
    }

    // ---- TCP client

    private static final class TcpClient implements TcpHandler {
        final Invocation inv;
        final Options o;
        final int dst;
        final byte[] block;
        TcpSocket sock;
        boolean connected;
        boolean stopped;
        long start;
        long sent;
        long intervalStartBytes;
        long intervalStartRetr;
        long intervalStart;
        Timer tick;

        TcpClient(Invocation inv, Options o, int dst) {
            this.inv = inv;
            this.o = o;
            this.dst = dst;
            this.block = new byte[o.len > 0 ? o.len : TCP_BLOCK];
        }

        void start() {
            try {
                sock = Tcp.connect(inv.ns(), dst, o.port, this);
                sock.setNoDelay(o.noDelay); // -N: TCP_NODELAY; iperf3 leaves Nagle on by default
            } catch (IllegalStateException e) {
                fail("unable to connect to server: " + e.getMessage().replaceFirst("^connect: ", ""));
                return;
            }
            inv.onInterrupt(this::interrupted);
            inv.onExit(() -> {
                if (tick != null) {
                    tick.cancel();
                }
                if (sock.state() != TcpState.CLOSED) {
                    sock.abort();
                }
            });
        }

        void fail(String msg) {
            if (!inv.finished()) {
                inv.eprintln("iperf3: error - " + msg);
                inv.exit(1);
            }
        }

        @Override
        public void onConnected(TcpSocket s) {
            connected = true;
            start = inv.sim().now();
            intervalStart = start;
            inv.println(connected(s.localAddress(), s.localPort(), s.remoteAddress(), s.remotePort()));
            if (o.interval > 0) {
                inv.println("[ ID] Interval           Transfer     Bitrate         Retr  Cwnd");
            }
            scheduleTick();
            onWritable(s);
        }

        private void scheduleTick() {
            long end = start + o.duration;
            long next = o.interval > 0 ? Math.min(intervalStart + o.interval, end) : end;
            tick = inv.sim().at(next, this::onTick);
        }

        private void printInterval(long now) {
            long retr = sock.retransmits();
            inv.println(IperfFormat.interval(secs(intervalStart - start), secs(now - start)) + "  "
                + transferAndRate(sent - intervalStartBytes, now - intervalStart)
                + String.format(Locale.ROOT, "  %3d   %ss       ", retr - intervalStartRetr,
                    IperfFormat.bytes(sock.cwnd())));
            intervalStartBytes = sent;
            intervalStartRetr = retr;
        }

        /**
         * Ctrl-C mid-test, as iperf3 reports it: the partial interval, then totals so far; the
         * receiver line is empty because the results exchange never happened.
         */
        private void interrupted() {
            if (connected && !stopped) {
                long now = inv.sim().now();
                if (o.interval > 0 && now > intervalStart) {
                    printInterval(now);
                }
                long d = now - start;
                inv.println(SEPARATOR);
                inv.println("[ ID] Interval           Transfer     Bitrate         Retr");
                inv.println(IperfFormat.interval(0, secs(d)) + "  " + transferAndRate(sent, d)
                    + String.format(Locale.ROOT, "  %3d             sender", sock.retransmits()));
                inv.println(IperfFormat.interval(0, secs(d)) + "  " + transferAndRate(0, d)
                    + "                  receiver");
            }
            inv.eprintln("iperf3: interrupt - the client has terminated");
            inv.exit(1);
        }

        private void onTick() {
            long now = inv.sim().now();
            if (o.interval > 0) {
                printInterval(now);
            }
            intervalStart = now;
            if (now >= start + o.duration) {
                stopped = true;
                sock.shutdownOutput();
            } else {
                scheduleTick();
            }
        }

        @Override
        public void onWritable(TcpSocket s) {
            while (!stopped) {
                int n = s.send(block, 0, block.length);
                sent += n;
                if (n < block.length) {
                    return;
                }
            }
        }

        @Override
        public void onPeerClosed(TcpSocket s) {
            if (!stopped) {
                fail("control socket has closed unexpectedly");
                return;
            }
            s.close();
            summary();
        }

        private void summary() {
            inv.println(SEPARATOR);
            inv.println("[ ID] Interval           Transfer     Bitrate         Retr");
            inv.println(IperfFormat.interval(0, secs(o.duration)) + "  " + transferAndRate(sent, o.duration)
                + String.format(Locale.ROOT, "  %3d             sender", sock.retransmits()));
            Received r = received(inv.ns().world(), sock.localAddress(), sock.localPort(), false);
            if (r != null && r.endAt >= 0) {
                long d = r.endAt - start;
                inv.println(IperfFormat.interval(0, secs(d)) + "  " + transferAndRate(r.bytes, d)
                    + "                  receiver");
            }
            inv.println("");
            inv.println("iperf Done.");
            inv.exit(0);
        }

        @Override
        public void onError(TcpSocket s, Errno error) {
            // Real iperf3 hears of a dead server on its control connection first.
            fail(connected ? "control socket has closed unexpectedly"
                : "unable to connect to server: " + error.message());
        }
    }

    // ---- UDP client

    private static final class UdpClient {
        final Invocation inv;
        final Options o;
        final int dst;
        final byte[] payload;
        int src;
        int srcPort;
        long start;
        long seq;
        long intervalStart;
        long intervalStartSeq;
        Timer next;
        Timer tick;

        UdpClient(Invocation inv, Options o, int dst) {
            this.inv = inv;
            this.o = o;
            this.dst = dst;
            this.payload = new byte[o.len];
        }

        void start() {
            NetNamespace ns = inv.ns();
            RouteResult rt = ns.ip().route(dst, 0, null);
            if (!rt.ok()) {
                inv.eprintln("iperf3: error - unable to connect to server: " + rt.error().message());
                inv.exit(1);
                return;
            }
            src = rt.src();
            srcPort = ns.udp().bindEphemeral((UdpListener) (skb, s, sp, d, dp) -> {
            });
            inv.onExit(() -> {
                ns.udp().unbind(srcPort);
                if (next != null) {
                    next.cancel();
                }
                if (tick != null) {
                    tick.cancel();
                }
            });
            inv.onInterrupt(() -> {
                inv.eprintln("iperf3: interrupt - the client has terminated");
                inv.exit(1);
            });
            start = inv.sim().now();
            intervalStart = start;
            // What real iperf3 sends in its test parameters: the server reports intervals until then.
            received(inv.ns().world(), src, srcPort, true).testLength = o.duration;
            inv.println(connected(src, srcPort, dst, o.port));
            if (o.interval > 0) {
                inv.println("[ ID] Interval           Transfer     Bitrate         Total Datagrams");
            }
            scheduleTick();
            send();
        }

        /** When datagram {@code k} (from 0) leaves: {@code k * len * 8 / rate} seconds after the start. */
        private long sendTime(long k) {
            return start + Math.round(k * (double) o.len * 8e9 / o.rate);
        }

        private void send() {
            long now = inv.sim().now();
            if (now >= start + o.duration) {
                return;
            }
            seq++;
            long rel = now;
            putInt(0, (int) (rel / SimTime.SECOND));
            putInt(4, (int) ((rel % SimTime.SECOND) / SimTime.US));
            putInt(8, (int) seq);
            inv.ns().udp().send(src, srcPort, dst, o.port, payload.clone());
            long at = sendTime(seq);
            if (at < start + o.duration) {
                next = inv.sim().at(at, this::send);
            }
        }

        private void putInt(int off, int v) {
            payload[off] = (byte) (v >>> 24);
            payload[off + 1] = (byte) (v >>> 16);
            payload[off + 2] = (byte) (v >>> 8);
            payload[off + 3] = (byte) v;
        }

        private void scheduleTick() {
            long end = start + o.duration;
            long at = o.interval > 0 ? Math.min(intervalStart + o.interval, end) : end;
            tick = inv.sim().at(at, this::onTick);
        }

        private void onTick() {
            long now = inv.sim().now();
            if (o.interval > 0) {
                long n = seq - intervalStartSeq;
                inv.println(IperfFormat.interval(secs(intervalStart - start), secs(now - start)) + "  "
                    + transferAndRate(n * o.len, now - intervalStart) + "  " + n + "  ");
                intervalStartSeq = seq;
            }
            intervalStart = now;
            if (now >= start + o.duration) {
                tick = inv.sim().after(UDP_GRACE, this::summary);
            } else {
                scheduleTick();
            }
        }

        private void summary() {
            inv.println(SEPARATOR);
            inv.println("[ ID] Interval           Transfer     Bitrate         Jitter    Lost/Total Datagrams");
            inv.println(IperfFormat.interval(0, secs(o.duration)) + "  " + transferAndRate(seq * o.len, o.duration)
                + "  0.000 ms  0/" + seq + " (0%)  sender");
            Received r = received(inv.ns().world(), src, srcPort, false);
            long got = r == null ? 0 : r.datagrams;
            long bytes = r == null ? 0 : r.bytes;
            double jitterMs = r == null ? 0 : r.jitter / 1e6;
            long lost = Math.max(0, seq - got);
            double pct = seq == 0 ? 0 : 100.0 * lost / seq;
            // The receiver's interval runs until its last arrival, so a queue that drains after
            // the sender stopped does not inflate the rate.
            long d = r == null ? o.duration : Math.max(o.duration, r.lastAt - start);
            inv.println(IperfFormat.interval(0, secs(d)) + "  " + transferAndRate(bytes, d)
                + String.format(Locale.ROOT, "  %5.3f ms  %d/%d (%s%%)  receiver", jitterMs, lost, seq,
                    IperfFormat.g2(pct)));
            if (r != null) {
                r.endAt = inv.sim().now();
                r.duration = d;
                Runnable end = r.onEnd;
                // The world's table is weak in the simulator; drop the server's callback so it
                // does not keep the world reachable.
                r.onEnd = null;
                if (end != null) {
                    end.run();
                }
            }
            inv.println("");
            inv.println("iperf Done.");
            inv.exit(0);
        }
    }

    // ---- server

    private static final class Server {
        final Invocation inv;
        final Options o;
        TcpListener listener;
        boolean udpBound;
        /** UDP tests whose end this server waits to hear of. */
        final List<Received> udpTests = new ArrayList<>();
        /** The running test's next interval report. */
        Timer tick;
        /** The TCP test's data connection, reset if the server is stopped mid-test. */
        TcpSocket data;

        Server(Invocation inv, Options o) {
            this.inv = inv;
            this.o = o;
        }

        void start() {
            NetNamespace ns = inv.ns();
            try {
                listener = Tcp.listen(ns, o.port, 5, this::accept);
            } catch (IllegalStateException e) {
                inv.eprintln("iperf3: error - unable to start listener for connections: Address already in use");
                inv.eprintln("iperf3: exiting");
                inv.exit(1);
                return;
            }
            if (!ns.udp().isBound(o.port)) {
                ns.udp().bind(o.port, this::datagram);
                udpBound = true;
            }
            inv.onExit(() -> {
                if (tick != null) {
                    tick.cancel();
                }
                listener.close();
                if (data != null && data.state() != TcpState.CLOSED) {
                    data.abort();
                }
                udpTests.forEach(t -> t.onEnd = null);
                if (udpBound) {
                    ns.udp().unbind(o.port);
                }
            });
            inv.onInterrupt(() -> {
                inv.eprintln("iperf3: interrupt - the server has terminated"); // iperf_errexit: stderr
                inv.exit(1);
            });
            listening();
        }

        private void listening() {
            inv.println(DASHES);
            inv.println("Server listening on " + o.port);
            inv.println(DASHES);
        }

        private TcpHandler accept(TcpSocket s) {
            inv.println("Accepted connection from " + Ipv4Address.format(s.remoteAddress()) + ", port " + s.remotePort());
            inv.println(connected(s.localAddress(), s.localPort(), s.remoteAddress(), s.remotePort()));
            Received r = received(inv.ns().world(), s.remoteAddress(), s.remotePort(), true);
            data = s;
            long accepted = inv.sim().now();
            long[] from = {accepted, 0};
            if (o.interval > 0) {
                inv.println("[ ID] Interval           Transfer     Bitrate");
                tick = inv.sim().after(o.interval, new Runnable() {
                    @Override
                    public void run() {
                        intervalLine(r, accepted, from);
                        tick = inv.sim().after(o.interval, this);
                    }
                });
            }
            return new TcpHandler() {
                @Override
                public void onData(TcpSocket sock, byte[] b, int off, int len) {
                    r.bytes += len;
                }

                @Override
                public void onPeerClosed(TcpSocket sock) {
                    r.endAt = inv.sim().now();
                    sock.close();
                    if (tick != null) {
                        tick.cancel();
                        tick = null;
                        if (r.endAt > from[0]) {
                            intervalLine(r, accepted, from);
                        }
                    }
                    long d = r.endAt - accepted;
                    inv.println(SEPARATOR);
                    // The client's results (sent before the server prints) say its sender counts
                    // retransmits, so the summary header has Retr although the line has none.
                    inv.println("[ ID] Interval           Transfer     Bitrate         Retr");
                    inv.println(IperfFormat.interval(0, secs(d)) + "  " + transferAndRate(r.bytes, d)
                        + "                  receiver");
                    testDone();
                }
            };
        }

        /** {@code [  5]   0.00-1.00   sec  11.2 MBytes  94.1 Mbits/sec}, then iperf3's trailing blanks. */
        private void intervalLine(Received r, long accepted, long[] from) {
            long now = inv.sim().now();
            inv.println(IperfFormat.interval(secs(from[0] - accepted), secs(now - accepted)) + "  "
                + transferAndRate(r.bytes - from[1], now - from[0]) + "                  ");
            from[0] = now;
            from[1] = r.bytes;
        }

        private void datagram(io.knetsim.packet.SkBuff skb, int src, int srcPort, int dst, int dstPort) {
            Received r = received(inv.ns().world(), src, srcPort, true);
            if (r.datagrams == 0) {
                inv.println("Accepted connection from " + Ipv4Address.format(src) + ", port " + srcPort);
                inv.println(connected(dst, dstPort, src, srcPort));
                udpTests.add(r);
                if (o.interval > 0) {
                    inv.println("[ ID] Interval           Transfer     Bitrate         Jitter    Lost/Total Datagrams");
                    long first = inv.sim().now();
                    long end = first + (r.testLength > 0 ? r.testLength : o.interval);
                    long[] from = {first, 0, 0, 0};
                    tick = inv.sim().at(Math.min(first + o.interval, end), new Runnable() {
                        @Override
                        public void run() {
                            udpIntervalLine(r, first, from);
                            long now = inv.sim().now();
                            tick = now < end ? inv.sim().at(Math.min(now + o.interval, end), this) : null;
                        }
                    });
                }
                r.onEnd = () -> {
                    if (tick != null) {
                        tick.cancel();
                        tick = null;
                    }
                    long d = r.duration;
                    long lost = Math.max(0, r.maxSeq - r.datagrams);
                    double pct = r.maxSeq == 0 ? 0 : 100.0 * lost / r.maxSeq;
                    inv.println(SEPARATOR);
                    inv.println("[ ID] Interval           Transfer     Bitrate         Jitter    Lost/Total Datagrams");
                    inv.println(IperfFormat.interval(0, secs(d)) + "  " + transferAndRate(r.bytes, d)
                        + String.format(Locale.ROOT, "  %5.3f ms  %d/%d (%s%%)  receiver", r.jitter / 1e6,
                            lost, r.maxSeq, IperfFormat.g2(pct)));
                    testDone();
                };
            }
            r.datagrams++;
            r.bytes += skb.len();
            r.lastAt = inv.sim().now();
            if (skb.len() >= 12) {
                byte[] b = skb.buf();
                int p = skb.data();
                long sec = readInt(b, p) & 0xffffffffL;
                long usec = readInt(b, p + 4) & 0xffffffffL;
                r.maxSeq = Math.max(r.maxSeq, readInt(b, p + 8) & 0xffffffffL);
                long transit = inv.sim().now() - (sec * SimTime.SECOND + usec * SimTime.US);
                if (r.haveTransit) {
                    double d = Math.abs(transit - r.lastTransit);
                    r.jitter += (d - r.jitter) / 16.0;
                }
                r.lastTransit = transit;
                r.haveTransit = true;
            }
        }

        /**
         * {@code [  5]   0.00-1.00   sec  1.19 MBytes  10.0 Mbits/sec  0.000 ms  0/856 (0%)  }: the
         * interval's bytes and datagrams (by highest sequence number), the jitter so far.
         * {@code from} holds the interval's start, and bytes, highest sequence and losses then.
         */
        private void udpIntervalLine(Received r, long first, long[] from) {
            long now = inv.sim().now();
            long lostNow = Math.max(0, r.maxSeq - r.datagrams);
            long total = r.maxSeq - from[2];
            long lost = lostNow - from[3];
            double pct = total <= 0 ? 0 : 100.0 * lost / total;
            inv.println(IperfFormat.interval(secs(from[0] - first), secs(now - first)) + "  "
                + transferAndRate(r.bytes - from[1], now - from[0])
                + String.format(Locale.ROOT, "  %5.3f ms  %d/%d (%s%%)  ", r.jitter / 1e6, lost, total,
                    IperfFormat.g2(pct)));
            from[0] = now;
            from[1] = r.bytes;
            from[2] = r.maxSeq;
            from[3] = lostNow;
        }

        private static int readInt(byte[] b, int p) {
            return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
        }

        private void testDone() {
            if (o.oneOff) {
                inv.exit(0);
            } else {
                listening();
            }
        }
    }
}
