package io.knetsim.app.dns;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.Errno;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.ipv4.UdpSocket;
import io.knetsim.net.ipv4.UdpSocketException;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.net.tcp.TcpState;
import io.knetsim.packet.Bytes;
import io.knetsim.packet.DnsFormatException;
import io.knetsim.packet.DnsMessage;
import io.knetsim.packet.DnsMessage.Repr;
import io.knetsim.sim.Timer;
import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * One query to one server and its answer, on the simulator's clock: the query goes out over
 * UDP from a fresh connected socket; an answer with TC set is asked again over TCP (two-byte
 * length prefix), as resolvers do. Answers whose ID or question do not match the query, and
 * datagrams that do not parse, are ignored while the timeout runs (counted in
 * {@link Outcome#ignored}); an ICMP port unreachable ends the exchange at once as
 * {@link Failure#REFUSED}.
 *
 * <pre>
 *   exchange(q) --UDP--> server           answer, TC=0 --> Outcome(response)
 *                   <--  answer, TC=1 --TCP connect, [len][q] --> [len][answer] --> Outcome(tcp)
 *                   ... timeout         --> Outcome(TIMEOUT)
 * </pre>
 */
public final class DnsClient {
    /** Why there is no answer. */
    public enum Failure {
        /** Nothing came back in time. */
        TIMEOUT,
        /** ICMP port unreachable (UDP) or RST (TCP): nothing listens on the port. */
        REFUSED,
        /** No route to the server, or another socket error. */
        UNREACHABLE
    }

    /**
     * The end of one exchange: the response and its size on the wire (without the TCP length
     * prefix), whether it came over TCP, when the exchange started and ended; or the failure.
     */
    public record Outcome(Repr response, int size, boolean tcp, long rtt, Failure failure, String detail,
                          int ignored) {
        public boolean ok() {
            return response != null;
        }
    }

    private DnsClient() {
    }

    /**
     * Sends {@code query} to {@code server:port} and calls {@code done} once, from a simulator
     * event (or at once for a local socket error). {@code tcpFallback} asks again over TCP when
     * the UDP answer is truncated; {@code tcpOnly} skips UDP ({@code dig +tcp}).
     */
    public static void exchange(NetNamespace ns, Ipv4Address server, int port, Repr query, long timeout,
                                boolean tcpFallback, boolean tcpOnly, Consumer<Outcome> done) {
        new Exchange(ns, server, port, query, timeout, tcpFallback, done).start(tcpOnly);
    }

    private static final class Exchange implements TcpHandler {
        private final NetNamespace ns;
        private final Ipv4Address server;
        private final int port;
        private final Repr query;
        private final byte[] wire;
        private final long timeout;
        private final boolean tcpFallback;
        private final Consumer<Outcome> done;
        private final long started;
        private final ByteArrayOutputStream tcpIn = new ByteArrayOutputStream();
        private UdpSocket udp;
        private TcpSocket tcp;
        private Timer timer;
        private boolean finished;
        private int ignored;

        Exchange(NetNamespace ns, Ipv4Address server, int port, Repr query, long timeout, boolean tcpFallback,
                 Consumer<Outcome> done) {
            this.ns = ns;
            this.server = server;
            this.port = port;
            this.query = query;
            this.wire = query.emit();
            this.timeout = timeout;
            this.tcpFallback = tcpFallback;
            this.done = done;
            this.started = ns.sim().now();
        }

        void start(boolean tcpOnly) {
            timer = ns.sim().after(timeout, () -> fail(Failure.TIMEOUT, "timed out"));
            if (tcpOnly) {
                startTcp();
                return;
            }
            try {
                udp = UdpSocket.open(ns).onReceive(this::udpAnswer).onError(this::udpError);
                udp.connect(server, port);
                udp.send(wire);
            } catch (UdpSocketException e) {
                fail(e.errno() == Errno.ECONNREFUSED ? Failure.REFUSED : Failure.UNREACHABLE, e.getMessage());
            }
        }

        private void udpError(Errno e) {
            fail(e == Errno.ECONNREFUSED ? Failure.REFUSED : Failure.UNREACHABLE, e.message());
        }

        private void udpAnswer(UdpSocket.Datagram d) {
            if (finished) {
                return;
            }
            Repr r = matching(d.payload());
            if (r == null) {
                return;
            }
            if (r.has(DnsMessage.TC) && tcpFallback) {
                udp.close();
                udp = null;
                startTcp();
                return;
            }
            finish(new Outcome(r, d.payload().length, false, ns.sim().now() - started, null, null, ignored));
        }

        /** The parsed answer if it answers our query; null (ignored) otherwise. */
        private Repr matching(byte[] msg) {
            try {
                Repr r = Repr.parse(msg, 0, msg.length);
                if (r.isResponse() && r.id() == query.id() && (r.questions().isEmpty()
                    || r.questions().equals(query.questions()) || sameQuestion(r))) {
                    return r;
                }
            } catch (DnsFormatException e) {
                // a resolver drops what it cannot read and keeps waiting
            }
            ignored++;
            return null;
        }

        private boolean sameQuestion(Repr r) {
            return r.questions().size() == 1 && query.questions().size() == 1
                && r.questions().get(0).name().equalsIgnoreCase(query.questions().get(0).name())
                && r.questions().get(0).type() == query.questions().get(0).type();
        }

        private void startTcp() {
            try {
                tcp = Tcp.connect(ns, server.bits(), port, this);
            } catch (IllegalStateException e) {
                fail(Failure.UNREACHABLE, e.getMessage().replaceFirst("^connect: ", ""));
            }
        }

        @Override
        public void onConnected(TcpSocket s) {
            byte[] framed = new byte[wire.length + 2];
            Bytes.put16(framed, 0, wire.length);
            System.arraycopy(wire, 0, framed, 2, wire.length);
            s.send(framed, 0, framed.length);
        }

        @Override
        public void onData(TcpSocket s, byte[] b, int off, int len) {
            if (finished) {
                return;
            }
            tcpIn.write(b, off, len);
            byte[] buf = tcpIn.toByteArray();
            if (buf.length < 2 || buf.length - 2 < Bytes.u16(buf, 0)) {
                return;
            }
            int n = Bytes.u16(buf, 0);
            byte[] msg = java.util.Arrays.copyOfRange(buf, 2, 2 + n);
            Repr r = matching(msg);
            if (r == null) {
                fail(Failure.UNREACHABLE, "mismatched answer over TCP");
                return;
            }
            finish(new Outcome(r, n, true, ns.sim().now() - started, null, null, ignored));
        }

        @Override
        public void onPeerClosed(TcpSocket s) {
            fail(Failure.UNREACHABLE, "connection closed before an answer");
        }

        @Override
        public void onError(TcpSocket s, Errno error) {
            fail(error == Errno.ECONNREFUSED ? Failure.REFUSED : error == Errno.ETIMEDOUT ? Failure.TIMEOUT
                : Failure.UNREACHABLE, error.message());
        }

        private void fail(Failure f, String detail) {
            finish(new Outcome(null, 0, tcp != null, ns.sim().now() - started, f, detail, ignored));
        }

        private void finish(Outcome o) {
            if (finished) {
                return;
            }
            finished = true;
            timer.cancel();
            if (udp != null) {
                udp.close();
            }
            if (tcp != null && tcp.state() != TcpState.CLOSED) {
                tcp.close();
            }
            done.accept(o);
        }
    }
}
