package io.knetsim.tool.iputils;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.app.dns.StubResolver;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.ipv4.IcmpEchoListener;
import io.knetsim.net.ipv4.RouteResult;
import io.knetsim.packet.IcmpHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.SkBuff;
import io.knetsim.sim.SimTime;
import io.knetsim.sim.Timer;
import io.knetsim.tool.Args;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code ping} as iputils prints it: one line per reply or error, then statistics. Options:
 * {@code -c COUNT -s SIZE -i INTERVAL -t TTL -W TIMEOUT -w DEADLINE -M do|dont|want -q -n}.
 * The payload is what iputils sends: a timestamp, then bytes counting up from 0x10.
 * RTTs come from the simulated clock, so they are exact and repeatable. A host name is looked
 * up with the namespace's {@link StubResolver} ({@code /etc/hosts}, then DNS); a failure is
 * {@code ping: NAME: Name or service not known} (or {@code Temporary failure in name
 * resolution}, ...), exit status 2, and replies from a named target show
 * {@code from NAME (ADDR)} with the address's PTR name, as iputils prints them without {@code -n}.
 */
public final class Ping implements Command {
    private static final int DEFAULT_SIZE = 56;
    private static final long LINGER = SimTime.seconds(10);

    @Override
    public String name() {
        return "ping";
    }

    @Override
    public String synopsis() {
        return "ping [-c count] [-s size] [-i interval] [-t ttl] [-W timeout] [-w deadline] [-M do|dont|want] [-q] HOST";
    }

    @Override
    public void start(Invocation inv) {
        new Run(inv).start();
    }

    private static final class Run implements IcmpEchoListener {
        private final Invocation inv;
        private final NetNamespace ns;
        private long count = -1;
        private int size = DEFAULT_SIZE;
        private long interval = SimTime.SECOND;
        private int ttl;
        private long timeout = LINGER;
        private long deadline = -1;
        private String pmtu = "want";
        private boolean quiet;
        private String target;
        private boolean numeric;
        private String replierName;
        private int dst;
        private int id;
        private int seq;
        private long startTime;
        private final PingStats stats = new PingStats();
        private final Map<Integer, Long> sentAt = new HashMap<>();
        private Timer nextSend;
        private Timer lingerTimer;

        Run(Invocation inv) {
            this.inv = inv;
            this.ns = inv.ns();
            this.ttl = ns.sysctl().defaultTtl;
        }

        void start() {
            parse();
            if (Ipv4Address.isValid(target)) {
                begin(Ipv4Address.parse(target).bits());
                return;
            }
            StubResolver resolver = new StubResolver(ns);
            resolver.resolve(target, r -> {
                if (!r.ok()) {
                    inv.eprintln("ping: " + target + ": " + r.error().message());
                    inv.exit(2);
                    return;
                }
                Ipv4Address addr = r.addresses().get(0);
                if (numeric) {
                    begin(addr.bits());
                    return;
                }
                // iputils names the replier through getnameinfo when the target was a name
                resolver.reverse(addr, name -> {
                    replierName = name == null ? addr.toString() : name;
                    begin(addr.bits());
                });
            });
        }

        /** Sends the first echo request to {@code address}. */
        private void begin(int address) {
            if (inv.finished()) {
                return;
            }
            dst = address;
            RouteResult rt = ns.ip().route(dst, 0, null);
            if (!rt.ok()) {
                inv.eprintln("ping: connect: " + rt.error().message());
                inv.exit(2);
                return;
            }
            id = allocateId();
            inv.println("PING " + target + " (" + Ipv4Address.format(dst) + ") " + size + "(" + (size + 28)
                + ") bytes of data.");
            startTime = inv.sim().now();
            inv.onInterrupt(this::finish);
            inv.onExit(() -> {
                ns.icmp().unbindEcho(id);
                if (nextSend != null) {
                    nextSend.cancel();
                }
                if (lingerTimer != null) {
                    lingerTimer.cancel();
                }
            });
            if (deadline >= 0) {
                inv.sim().after(deadline, this::finish);
            }
            send();
        }

        private int allocateId() {
            var r = inv.sim().random("ping-id/" + ns.name() + "/" + inv.sim().now());
            for (int tries = 0; tries < 65536; tries++) {
                int candidate = r.nextInt(65536);
                try {
                    ns.icmp().bindEcho(candidate, this);
                    return candidate;
                } catch (IllegalStateException busy) {
                    // try another identifier
                }
            }
            throw new UsageException("ping: socket: Address already in use", 2);
        }

        private void parse() {
            Args a = new Args("ping", inv.args());
            while (a.hasNext()) {
                String w = a.next();
                switch (w) {
                    case "-c" -> count = a.intValue(w, 1, Integer.MAX_VALUE);
                    case "-s" -> size = a.intValue(w, 0, 65507);
                    case "-i" -> interval = a.secondsValue(w);
                    case "-t" -> ttl = a.intValue(w, 1, 255);
                    case "-W" -> timeout = a.secondsValue(w);
                    case "-w" -> deadline = a.secondsValue(w);
                    case "-M" -> {
                        pmtu = a.value(w);
                        if (!pmtu.equals("do") && !pmtu.equals("dont") && !pmtu.equals("want")) {
                            throw new UsageException("ping: invalid -M argument: " + pmtu, 2);
                        }
                    }
                    case "-q" -> quiet = true;
                    case "-n" -> numeric = true;
                    default -> {
                        if (w.startsWith("-")) {
                            throw new UsageException("ping: invalid option -- '" + w.substring(1) + "'\n" + usage(), 2);
                        }
                        if (target != null) {
                            throw new UsageException(usage(), 2);
                        }
                        target = w;
                    }
                }
            }
            if (target == null) {
                throw new UsageException("ping: usage error: Destination address required", 1);
            }
        }

        private static String usage() {
            return "Usage\n  ping [options] <destination>";
        }

        private void send() {
            nextSend = null;
            if (inv.finished()) {
                return;
            }
            seq++;
            stats.transmitted++;
            RouteResult rt = ns.ip().route(dst, 0, null);
            boolean df = !pmtu.equals("dont");
            if (rt.ok() && pmtu.equals("want") && size + 28 > rt.mtu()) {
                df = false; // IP_PMTUDISC_WANT fragments locally what does not fit
            }
            if (!rt.ok()) {
                stats.errors++;
                inv.println("ping: sendmsg: " + rt.error().message());
            } else {
                sentAt.put(seq & 0xffff, inv.sim().now());
                ns.icmp().sendEcho(rt, dst, id, seq & 0xffff, payload(), ttl, 0, df);
            }
            if (count > 0 && seq >= count) {
                lingerTimer = inv.sim().after(timeout, this::finish);
            } else {
                nextSend = inv.sim().after(interval, this::send);
            }
            checkDone();
        }

        /** A struct timeval (little-endian, as on x86-64) then bytes 0x10, 0x11, ... */
        private byte[] payload() {
            byte[] p = new byte[size];
            for (int i = 16; i < size; i++) {
                p[i] = (byte) i;
            }
            if (size >= 16) {
                long now = inv.sim().now();
                long sec = now / SimTime.SECOND;
                long usec = (now % SimTime.SECOND) / 1000;
                for (int i = 0; i < 8; i++) {
                    p[i] = (byte) (sec >>> (8 * i));
                    p[8 + i] = (byte) (usec >>> (8 * i));
                }
            }
            return p;
        }

        @Override
        public void echoReply(SkBuff skb, int from, int echoId, int echoSeq) {
            Long sent = sentAt.remove(echoSeq);
            if (sent == null || inv.finished()) {
                return; // a duplicate or a reply after we gave up
            }
            long rttUs = (inv.sim().now() - sent) / 1000;
            stats.addRtt(rttUs);
            if (!quiet) {
                int replyTtl = Ipv4Header.ttl(skb.buf(), skb.networkHeader);
                int bytes = skb.len();
                String who = replierName != null && from == dst ? replierName + " (" + Ipv4Address.format(from) + ")"
                    : Ipv4Address.format(from);
                inv.println(bytes + " bytes from " + who + ": icmp_seq=" + echoSeq + " ttl="
                    + replyTtl + " time=" + PingStats.tripTime(rttUs));
            }
            checkDone();
        }

        @Override
        public void error(int from, int type, int code, int info, int errSeq, boolean local) {
            if (inv.finished()) {
                return;
            }
            stats.errors++;
            sentAt.remove(errSeq);
            if (local && type == IcmpHeader.DEST_UNREACHABLE && code == IcmpHeader.FRAG_NEEDED) {
                inv.println("ping: local error: message too long, mtu=" + info);
            } else if (!quiet) {
                inv.println("From " + Ipv4Address.format(from) + " icmp_seq=" + errSeq + " " + IcmpErrorText.of(type, code, info));
            }
            checkDone();
        }

        private void checkDone() {
            if (count > 0 && stats.received + stats.errors >= count && seq >= count) {
                finish();
            }
        }

        private void finish() {
            if (inv.finished()) {
                return;
            }
            long elapsedMs = (inv.sim().now() - startTime) / SimTime.MS;
            inv.println("");
            inv.println("--- " + target + " ping statistics ---");
            inv.print(stats.summary(elapsedMs));
            inv.exit(stats.received > 0 ? 0 : 1);
        }
    }
}
