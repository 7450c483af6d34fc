package io.knetsim.app.dns;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.ipv4.UdpSocket;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpListener;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.packet.DnsFormatException;
import io.knetsim.packet.DnsMessage;
import io.knetsim.packet.DnsMessage.Question;
import io.knetsim.packet.DnsMessage.Record;
import io.knetsim.packet.DnsMessage.Repr;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An authoritative DNS server on port 53, UDP and TCP, answering from {@link DnsZone}s as
 * CoreDNS does for its server blocks.
 *
 * <pre>
 *   query --UDP/53--> [parse] --bad--> FORMERR (header readable) or dropped (reason counted)
 *                        |
 *                 opcode QUERY? --no--> NOTIMP
 *                        |
 *                 a zone covers the name? --no--> REFUSED
 *                        |
 *                 zone.answer(q): NOERROR / NXDOMAIN + SOA / SERVFAIL, flags qr aa (rd copied)
 *                        |
 *                 UDP and bigger than 512 bytes (or the client's EDNS0 size)?
 *                        --> as many answers as fit, TC set: the client asks again over TCP
 * </pre>
 *
 * Over TCP each message has a two-byte length in front (RFC 1035 4.2.2); several queries may
 * come on one connection. A query with an EDNS0 OPT record gets one back advertising
 * {@link #EDNS_UDP_SIZE} bytes. What the server could not answer at all (shorter than a
 * header, or itself a response) is dropped and counted under its reason
 * ({@link #dropped()}); malformed queries whose header can be read get FORMERR, counted too.
 */
public final class DnsServer {
    /** The UDP payload size this server advertises with EDNS0 (the DNS flag day 2020 value, CoreDNS's too). */
    public static final int EDNS_UDP_SIZE = 1232;

    private final NetNamespace ns;
    private final int port;
    private final List<DnsZone> zones;
    private final Map<String, Long> dropped = new LinkedHashMap<>();
    private final java.util.ArrayDeque<String> log = new java.util.ArrayDeque<>();
    private UdpSocket udp;
    private TcpListener tcp;
    private long queries;
    private long truncated;

    public DnsServer(NetNamespace ns, List<DnsZone> zones) {
        this(ns, DnsMessage.PORT, zones);
    }

    public DnsServer(NetNamespace ns, int port, List<DnsZone> zones) {
        this.ns = ns;
        this.port = port;
        this.zones = List.copyOf(zones);
    }

    /** Binds UDP and TCP {@code port} on every address of the namespace. */
    public DnsServer start() {
        udp = UdpSocket.open(ns).bind(Ipv4Address.ANY, port).onReceive(d -> {
            byte[] reply = respond(d.payload(), true);
            if (reply != null) {
                udp.sendTo(reply, d.src(), d.srcPort());
            }
        });
        tcp = Tcp.listen(ns, port, 128, s -> new Connection());
        return this;
    }

    /** Unbinds both sockets. */
    public void stop() {
        if (udp != null) {
            udp.close();
        }
        if (tcp != null) {
            tcp.close();
        }
    }

    /** Queries answered (with any response code). */
    public long queries() {
        return queries;
    }

    /** UDP answers sent truncated (TC set). */
    public long truncated() {
        return truncated;
    }

    /**
     * The last {@link #LOG_SIZE} questions answered, oldest first, as CoreDNS's {@code log}
     * plugin names them: {@code "A IN web.default.svc.cluster.local. udp NOERROR"}.
     */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** How many questions {@link #log()} keeps. */
    public static final int LOG_SIZE = 1000;

    private void log(Question q, boolean overUdp, int rcode) {
        if (log.size() == LOG_SIZE) {
            log.removeFirst();
        }
        log.addLast(DnsMessage.typeName(q.type()) + " IN " + io.knetsim.packet.DnsName.absolute(q.name()) + " "
            + (overUdp ? "udp" : "tcp") + " " + DnsMessage.rcodeName(rcode));
    }

    /** Messages dropped or answered with FORMERR, counted by reason. */
    public Map<String, Long> dropped() {
        return Map.copyOf(dropped);
    }

    private void drop(String reason) {
        dropped.merge(reason, 1L, Long::sum);
    }

    /** The answer to one message, or null to drop it. */
    byte[] respond(byte[] msg, boolean overUdp) {
        if (msg.length < DnsMessage.HEADER_LENGTH) {
            drop("message of " + msg.length + " bytes is shorter than the 12-byte header");
            return null;
        }
        if (DnsMessage.isResponse(msg, 0)) {
            drop("not a query: QR is set");
            return null;
        }
        int id = DnsMessage.id(msg, 0);
        int rd = DnsMessage.flags(msg, 0) & DnsMessage.RD;
        int opcodeBits = DnsMessage.flags(msg, 0) & 0x7800;
        Repr q;
        try {
            q = Repr.parse(msg, 0, msg.length);
        } catch (DnsFormatException e) {
            drop("FORMERR: " + e.getMessage());
            queries++;
            return header(id, DnsMessage.QR | opcodeBits | rd | DnsMessage.FORMERR);
        }
        queries++;
        if (q.opcode() != DnsMessage.OPCODE_QUERY) {
            return header(id, DnsMessage.QR | opcodeBits | rd | DnsMessage.NOTIMP);
        }
        if (q.questions().size() != 1) {
            drop("FORMERR: " + q.questions().size() + " questions, expected 1");
            return header(id, DnsMessage.QR | rd | DnsMessage.FORMERR);
        }
        Question question = q.questions().get(0);
        Record clientOpt = q.opt();
        List<Record> opt = clientOpt == null ? List.of() : List.of(Record.opt(EDNS_UDP_SIZE));
        DnsZone zone = zoneFor(question.name());
        Repr reply;
        if (zone == null || question.cls() != DnsMessage.CLASS_IN) {
            reply = new Repr(id, DnsMessage.QR | rd | DnsMessage.REFUSED, q.questions(), List.of(), List.of(), opt);
        } else {
            ZoneAnswer a = zone.answer(question);
            int aa = a.rcode() == DnsMessage.SERVFAIL ? 0 : DnsMessage.AA;
            List<Record> additional = new ArrayList<>(a.additional());
            additional.addAll(opt);
            reply = new Repr(id, DnsMessage.QR | aa | rd | a.rcode(), q.questions(), a.answers(), a.authority(),
                additional);
        }
        log(question, overUdp, reply.rcode());
        byte[] out = reply.emit();
        if (overUdp) {
            int limit = clientOpt == null ? DnsMessage.UDP_MAX : Math.max(DnsMessage.UDP_MAX, clientOpt.cls());
            if (out.length > limit) {
                truncated++;
                out = truncate(reply, opt, limit);
            }
        }
        return out;
    }

    /** As many whole answers as fit in {@code limit} bytes, no authority or additional data but OPT, TC set. */
    private static byte[] truncate(Repr reply, List<Record> opt, int limit) {
        List<Record> answers = new ArrayList<>(reply.answers());
        while (true) {
            Repr t = new Repr(reply.id(), reply.flags() | DnsMessage.TC, reply.questions(), answers, List.of(), opt);
            byte[] b = t.emit();
            if (b.length <= limit || answers.isEmpty()) {
                return b;
            }
            answers.remove(answers.size() - 1);
        }
    }

    private DnsZone zoneFor(String name) {
        DnsZone best = null;
        int bestLen = -1;
        for (DnsZone z : zones) {
            String o = z.originOf(name);
            if (o != null && o.length() > bestLen) {
                best = z;
                bestLen = o.length();
            }
        }
        return best;
    }

    private static byte[] header(int id, int flags) {
        byte[] b = new byte[DnsMessage.HEADER_LENGTH];
        io.knetsim.packet.Bytes.put16(b, DnsMessage.ID, id);
        io.knetsim.packet.Bytes.put16(b, DnsMessage.FLAGS, flags);
        return b;
    }

    /** One TCP connection: length-prefixed queries in, length-prefixed answers out. */
    private final class Connection implements TcpHandler {
        private final ByteArrayOutputStream in = new ByteArrayOutputStream();

        @Override
        public void onData(TcpSocket s, byte[] b, int off, int len) {
            in.write(b, off, len);
            byte[] buf = in.toByteArray();
            int p = 0;
            while (buf.length - p >= 2) {
                int n = io.knetsim.packet.Bytes.u16(buf, p);
                if (buf.length - p - 2 < n) {
                    break;
                }
                byte[] msg = java.util.Arrays.copyOfRange(buf, p + 2, p + 2 + n);
                p += 2 + n;
                byte[] reply = respond(msg, false);
                if (reply != null) {
                    byte[] framed = new byte[reply.length + 2];
                    io.knetsim.packet.Bytes.put16(framed, 0, reply.length);
                    System.arraycopy(reply, 0, framed, 2, reply.length);
                    s.send(framed, 0, framed.length);
                }
            }
            in.reset();
            in.write(buf, p, buf.length - p);
        }

        @Override
        public void onPeerClosed(TcpSocket s) {
            s.close();
        }
    }
}
