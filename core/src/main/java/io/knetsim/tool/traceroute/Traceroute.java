package io.knetsim.tool.traceroute;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.ipv4.RouteResult;
import io.knetsim.net.ipv4.UdpListener;
import io.knetsim.packet.IcmpHeader;
import io.knetsim.packet.SkBuff;
import io.knetsim.sim.SimTime;
import io.knetsim.sim.Timer;
import io.knetsim.tool.Args;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;

/**
 * {@code traceroute} (the modern Linux one, UDP method): probes to port 33434 and up with TTL
 * 1, 2, ...; each router that drops a probe answers "time exceeded" and so names itself, and
 * the destination answers "port unreachable". Options: {@code -n -m MAX -q N -w SECS -f FIRST -p PORT}.
 *
 * <pre>
 * traceroute to 10.0.0.5 (10.0.0.5), 30 hops max, 60 byte packets
 *  1  10.0.0.1 (10.0.0.1)  0.120 ms  0.120 ms  0.120 ms
 *  2  10.0.0.5 (10.0.0.5)  0.240 ms  0.240 ms  0.240 ms
 * </pre>
 */
public final class Traceroute implements Command {
    private static final int DATA = 32;

    @Override
    public String name() {
        return "traceroute";
    }

    @Override
    public String synopsis() {
        return "traceroute [-n] [-m max_ttl] [-q nqueries] [-w waittime] [-f first_ttl] [-p port] HOST";
    }

    @Override
    public void start(Invocation inv) {
        new Run(inv).start();
    }

    private static final class Run implements UdpListener {
        private final Invocation inv;
        private final NetNamespace ns;
        private boolean numeric;
        private int maxTtl = 30;
        private int queries = 3;
        private long wait = SimTime.seconds(5);
        private int firstTtl = 1;
        private int basePort = 33434;
        private String target;
        private int dst;
        private int srcPort;
        private int ttl;
        private int probe;
        private int port;
        private long sentAt;
        private Timer timeout;
        private int lastAddr;
        private boolean reached;
        private final StringBuilder line = new StringBuilder();

        Run(Invocation inv) {
            this.inv = inv;
            this.ns = inv.ns();
        }

        void start() {
            Args a = new Args("traceroute", inv.args());
            while (a.hasNext()) {
                String w = a.next();
                switch (w) {
                    case "-n" -> numeric = true;
                    case "-m" -> maxTtl = a.intValue(w, 1, 255);
                    case "-q" -> queries = a.intValue(w, 1, 10);
                    case "-w" -> wait = a.secondsValue(w);
                    case "-f" -> firstTtl = a.intValue(w, 1, 255);
                    case "-p" -> basePort = a.intValue(w, 1, 65535);
                    default -> {
                        if (w.startsWith("-") || target != null) {
                            throw new UsageException("Bad option `" + w + "' (argc " + inv.args().indexOf(w) + ")", 2);
                        }
                        target = w;
                    }
                }
            }
            if (target == null) {
                throw new UsageException("Specify \"host\" missing argument.", 2);
            }
            if (!Ipv4Address.isValid(target)) {
                inv.eprintln(target + ": Name or service not known");
                inv.eprintln("Cannot handle \"host\" cmdline arg `" + target + "' on position 1 (argc 1)");
                inv.exit(2);
                return;
            }
            dst = Ipv4Address.parse(target).bits();
            RouteResult rt = ns.ip().route(dst, 0, null);
            if (!rt.ok()) {
                inv.eprintln("connect: " + rt.error().message());
                inv.exit(2);
                return;
            }
            srcPort = ns.udp().bindEphemeral(this);
            inv.onExit(() -> {
                ns.udp().unbind(srcPort);
                if (timeout != null) {
                    timeout.cancel();
                }
            });
            inv.onInterrupt(() -> {
                if (line.length() > 0) {
                    inv.println(line.toString());
                }
                inv.exit(0);
            });
            inv.println("traceroute to " + target + " (" + Ipv4Address.format(dst) + "), " + maxTtl + " hops max, "
                + (DATA + 28) + " byte packets");
            ttl = firstTtl;
            port = basePort + (firstTtl - 1) * queries;
            startHop();
        }

        private void startHop() {
            line.setLength(0);
            line.append(String.format("%2d ", ttl));
            lastAddr = 0;
            probe = 0;
            sendProbe();
        }

        private void sendProbe() {
            SkBuff skb = SkBuff.allocate(SkBuff.DEFAULT_HEADROOM, DATA);
            skb.put(DATA);
            for (int i = 0; i < DATA; i++) {
                skb.buf()[skb.data() + i] = (byte) (0x40 + i);
            }
            sentAt = inv.sim().now();
            int probePort = port;
            timeout = inv.sim().after(wait, () -> answered(probePort, 0, -1, -1));
            var err = ns.udp().send(skb, 0, srcPort, dst, port, ttl, 0, false, true);
            if (err != null) {
                timeout.cancel();
                inv.println(line.toString());
                inv.eprintln("send failed: " + err.message());
                inv.exit(1);
            }
        }

        @Override
        public void receive(SkBuff skb, int src, int sport, int d, int dport) {
            // a reply to a probe would be odd; traceroute ignores data on its socket
        }

        @Override
        public void icmpError(int from, int type, int code, int info, int errDst, int errPort) {
            if (errDst == dst && errPort == port && !inv.finished()) {
                answered(errPort, from, type, code);
            }
        }

        private void answered(int probePort, int from, int type, int code) {
            if (probePort != port || inv.finished()) {
                return;
            }
            if (timeout != null) {
                timeout.cancel();
                timeout = null;
            }
            if (type < 0) {
                line.append(" *");
            } else {
                if (from != lastAddr) {
                    String a = Ipv4Address.format(from);
                    line.append(" ").append(a);
                    if (!numeric) {
                        line.append(" (").append(a).append(')');
                    }
                    lastAddr = from;
                }
                line.append("  ").append(SimTime.millis3(inv.sim().now() - sentAt)).append(" ms");
                line.append(annotation(type, code));
                if (type == IcmpHeader.DEST_UNREACHABLE) {
                    reached = true;
                }
            }
            port++;
            probe++;
            if (probe < queries) {
                sendProbe();
                return;
            }
            inv.println(line.toString());
            line.setLength(0);
            if (reached || ttl >= maxTtl) {
                inv.exit(0);
                return;
            }
            ttl++;
            startHop();
        }

        private static String annotation(int type, int code) {
            if (type != IcmpHeader.DEST_UNREACHABLE) {
                return "";
            }
            return switch (code) {
                case IcmpHeader.PORT_UNREACHABLE -> "";
                case IcmpHeader.NET_UNREACHABLE -> " !N";
                case IcmpHeader.HOST_UNREACHABLE -> " !H";
                case IcmpHeader.PROTOCOL_UNREACHABLE -> " !P";
                case IcmpHeader.FRAG_NEEDED -> " !F";
                case IcmpHeader.ADMIN_PROHIBITED, IcmpHeader.NET_PROHIBITED, IcmpHeader.HOST_PROHIBITED -> " !X";
                default -> " !<" + code + ">";
            };
        }
    }
}
