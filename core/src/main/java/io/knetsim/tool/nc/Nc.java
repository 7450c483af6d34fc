package io.knetsim.tool.nc;

import io.knetsim.net.Errno;

import io.knetsim.app.dns.StubResolver;
import io.knetsim.net.ipv4.RouteResult;
import io.knetsim.net.ipv4.UdpListener;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpListener;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.net.tcp.TcpState;
import io.knetsim.packet.SkBuff;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.UsageException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code nc}, OpenBSD netcat's messages, for a simulator without standard input (a HOST name is
 * looked up with the namespace's {@link StubResolver}: {@code /etc/hosts}, then DNS):
 * <ul>
 *   <li>{@code nc -l [-p] PORT}: accepts one TCP connection, prints what it receives, exits 0
 *       when the peer closes;</li>
 *   <li>{@code nc [-v] -z HOST PORT}: connects and closes; exit 0 / 1. Only with {@code -v}
 *       (as Debian's netcat-openbsd) does it print
 *       {@code Connection to HOST PORT port [tcp/*] succeeded!} or
 *       {@code nc: connect to HOST port PORT (tcp) failed: Connection refused} on stderr;</li>
 *   <li>{@code nc HOST PORT [--send TEXT]}: connects, sends TEXT (knetsim option: what
 *       {@code echo TEXT | nc -N} would send, with the newline echo adds) then half-closes,
 *       prints what the server sends, exits 0 when the server closes;</li>
 *   <li>{@code nc -u -l [-p] PORT}: prints each datagram until interrupted;
 *       {@code nc -u HOST PORT --send TEXT}: sends TEXT plus a newline as one datagram and exits.</li>
 * </ul>
 */
public final class Nc implements Command {
    /** Registers {@code nc} and its alias {@code netcat}. */
    public static void registerAll(ToolRegistry r) {
        Nc nc = new Nc();
        r.register(nc);
        r.alias("netcat", nc);
    }

    @Override
    public String name() {
        return "nc";
    }

    @Override
    public String synopsis() {
        return "nc [-u] [-v] [-z] -l [-p] PORT | HOST PORT [--send TEXT] (knetsim: no stdin; --send gives the data)";
    }

    private static UsageException usage() {
        return new UsageException("usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n"
            + "\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n"
            + "\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n"
            + "\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n"
            + "\t  [destination] [port]", 1);
    }

    @Override
    public void start(Invocation inv) {
        boolean listen = false;
        boolean udp = false;
        boolean verbose = false;
        boolean zero = false;
        String send = null;
        String host = null;
        String port = null;
        List<String> args = inv.args();
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("--send")) {
                if (i + 1 >= args.size()) {
                    throw usage();
                }
                send = args.get(++i);
            } else if (w.equals("-p")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("nc: option requires an argument -- 'p'\n" + usage().getMessage(), 1);
                }
                port = args.get(++i);
            } else if (w.startsWith("-") && w.length() > 1) {
                for (char c : w.substring(1).toCharArray()) {
                    switch (c) {
                        case 'l' -> listen = true;
                        case 'u' -> udp = true;
                        case 'v' -> verbose = true;
                        case 'z' -> zero = true;
                        case 'n', 'N' -> {
                        }
                        case 'p' -> {
                            // -lp PORT
                            if (i + 1 >= args.size()) {
                                throw usage();
                            }
                            port = args.get(++i);
                        }
                        default -> throw new UsageException("nc: invalid option -- '" + c + "'\n"
                            + usage().getMessage(), 1);
                    }
                }
            } else if (listen || host != null) {
                if (port != null) {
                    throw usage();
                }
                port = w;
            } else {
                host = w;
            }
        }
        if (port == null || (!listen && host == null)) {
            throw usage();
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 1 || p > 65535) {
            throw new UsageException("nc: port number invalid: " + port, 1);
        }
        if (listen) {
            if (udp) {
                udpListen(inv, p);
            } else {
                tcpListen(inv, p);
            }
            return;
        }
        String name = host;
        int port1 = p;
        boolean udp1 = udp;
        boolean zero1 = zero;
        boolean verbose1 = verbose;
        String send1 = send;
        new StubResolver(inv.ns()).resolve(host, r -> {
            if (!r.ok()) {
                inv.eprintln("nc: getaddrinfo for host \"" + name + "\" port " + port1 + ": " + r.error().message());
                inv.exit(1);
                return;
            }
            connect(inv, name, r.addresses().get(0).bits(), port1, udp1, zero1, verbose1, send1);
        });
    }

    private static void connect(Invocation inv, String host, int dst, int p, boolean udp, boolean zero,
                                boolean verbose, String send) {
        if (udp) {
            if (send == null) {
                // Like nc -u with empty stdin: nothing to send.
                inv.exit(0);
                return;
            }
            byte[] payload = (send + "\n").getBytes(StandardCharsets.UTF_8);
            var udpStack = inv.ns().udp();
            int src = udpStack.bindEphemeral((skb, s, sp, d, dp) -> {
            });
            Errno err = udpStack.send(0, src, dst, p, payload);
            udpStack.unbind(src);
            if (err != null) {
                inv.eprintln("nc: connect to " + host + " port " + p + " (udp) failed: " + err.message());
                inv.exit(1);
                return;
            }
            if (verbose) {
                inv.eprintln("Connection to " + host + " " + p + " port [udp/*] succeeded!");
            }
            inv.exit(0);
            return;
        }
        tcpConnect(inv, host, dst, p, zero, verbose, send);
    }

    private static void tcpListen(Invocation inv, int port) {
        TcpListener[] l = new TcpListener[1];
        TcpSocket[] accepted = new TcpSocket[1];
        try {
            l[0] = Tcp.listen(inv.ns(), port, 1, s -> {
                l[0].close();
                accepted[0] = s;
                return new Printer(inv);
            });
        } catch (IllegalStateException e) {
            inv.eprintln("nc: Address already in use");
            inv.exit(1);
            return;
        }
        inv.onExit(() -> {
            l[0].close();
            if (accepted[0] != null && accepted[0].state() != TcpState.CLOSED) {
                accepted[0].close();
            }
        });
    }

    private static void udpListen(Invocation inv, int port) {
        try {
            inv.ns().udp().bind(port, (UdpListener) (skb, src, srcPort, dst, dstPort) ->
                inv.print(new String(skb.buf(), skb.data(), skb.len(), StandardCharsets.UTF_8)));
        } catch (IllegalStateException e) {
            inv.eprintln("nc: Address already in use");
            inv.exit(1);
            return;
        }
        inv.onExit(() -> inv.ns().udp().unbind(port));
    }

    private static void tcpConnect(Invocation inv, String host, int dst, int port, boolean zero, boolean verbose,
                                   String send) {
        TcpSocket s;
        Printer printer = new Printer(inv) {
            @Override
            public void onConnected(TcpSocket sock) {
                super.onConnected(sock);
                if (verbose) {
                    inv.eprintln("Connection to " + host + " " + port + " port [tcp/" + service(port) + "] succeeded!");
                }
                if (zero) {
                    sock.close();
                    inv.exit(0);
                    return;
                }
                if (send != null) {
                    byte[] b = (send + "\n").getBytes(StandardCharsets.UTF_8);
                    sock.send(b, 0, b.length);
                    sock.shutdownOutput();
                }
            }

            @Override
            public void onError(TcpSocket sock, Errno error) {
                if (!connected) {
                    if (verbose) {
                        inv.eprintln("nc: connect to " + host + " port " + port + " (tcp) failed: " + error.message());
                    }
                    inv.exit(1);
                } else {
                    super.onError(sock, error);
                }
            }
        };
        try {
            s = Tcp.connect(inv.ns(), dst, port, printer);
        } catch (IllegalStateException e) {
            if (verbose) {
                inv.eprintln("nc: connect to " + host + " port " + port + " (tcp) failed: "
                    + e.getMessage().replaceFirst("^connect: ", ""));
            }
            inv.exit(1);
            return;
        }
        inv.onExit(() -> {
            if (s.state() != TcpState.CLOSED) {
                s.close();
            }
        });
    }

    private static String service(int port) {
        return switch (port) {
            case 22 -> "ssh";
            case 53 -> "domain";
            case 80 -> "http";
            case 443 -> "https";
            default -> "*";
        };
    }

    /** Prints what the peer sends; exits 0 when the peer closes, 1 on a reset. */
    private static class Printer implements TcpHandler {
        final Invocation inv;
        boolean connected;

        Printer(Invocation inv) {
            this.inv = inv;
        }

        @Override
        public void onConnected(TcpSocket s) {
            connected = true;
        }

        @Override
        public void onData(TcpSocket s, byte[] b, int off, int len) {
            connected = true;
            if (!inv.finished()) {
                inv.print(new String(b, off, len, StandardCharsets.UTF_8));
            }
        }

        @Override
        public void onPeerClosed(TcpSocket s) {
            s.close();
            inv.exit(0);
        }

        @Override
        public void onError(TcpSocket s, Errno error) {
            if (!inv.finished()) {
                inv.eprintln("nc: read failed: " + error.message());
                inv.exit(1);
            }
        }
    }
}
