package io.knetsim.tool.ss;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpListener;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.net.tcp.TcpState;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code ss} from iproute2: {@code -t} TCP (the default), {@code -u} UDP, {@code -a} listening
 * and unconnected sockets too, {@code -l} those only, {@code -n} numeric (names are never
 * resolved here, so it is always on). A bound UDP port is {@code UNCONN}, shown with
 * {@code -a} or {@code -l}. With both {@code -t} and {@code -u} a {@code Netid} column comes
 * first. Columns as iproute2 lays them out:
 *
 * <pre>
 * State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process
 * LISTEN 0      128          0.0.0.0:80        0.0.0.0:*
 * ESTAB  0      0           10.0.0.2:80       10.0.0.1:40000
 * </pre>
 *
 * For a listener Recv-Q is the accept queue (always 0: connections are handed to the acceptor
 * as they complete) and Send-Q the backlog. For a connection Recv-Q is what Linux counts,
 * RCV.NXT minus what the application has read ({@link TcpSocket#receiveQueueBytes}): 0 while
 * the application reads as data arrives, growing while it has paused reading, one more for a
 * FIN it has not yet read (segments beyond a hole are not counted, as Linux does not count its
 * out-of-order queue), and Send-Q the bytes written and not yet acknowledged. Addresses are
 * right-aligned and ports left-aligned around the colon, each column as wide as its widest entry.
 */
final class SsCommand implements Command {
    @Override
    public String name() {
        return "ss";
    }

    @Override
    public String synopsis() {
        return "ss [-tuanl]: list TCP and UDP sockets (state, queues, local and peer address:port)";
    }

    @Override
    public void start(Invocation inv) {
        boolean all = false;
        boolean listening = false;
        boolean tcpWanted = false;
        boolean udpWanted = false;
        for (String a : inv.args()) {
            if (!a.startsWith("-") || a.length() < 2 || a.startsWith("--")) {
                throw new UsageException("ss: unsupported argument '" + a + "': expected options among -t -u -a -n -l", 1);
            }
            for (char c : a.substring(1).toCharArray()) {
                switch (c) {
                    case 't' -> tcpWanted = true;
                    case 'u' -> udpWanted = true;
                    case 'n' -> {
                    }
                    case 'a' -> all = true;
                    case 'l' -> listening = true;
                    default -> throw new UsageException("ss: invalid option -- '" + c + "'", 1);
                }
            }
        }
        if (!udpWanted) {
            tcpWanted = true;
        }
        boolean netid = tcpWanted && udpWanted;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Netid", "State", "Recv-Q", "Send-Q", "Local Address", "Port", "Peer Address", "Port"});
        if (udpWanted && (all || listening)) {
            for (int port : inv.ns().udp().boundPorts()) {
                rows.add(new String[] {"udp", "UNCONN", "0", "0", "0.0.0.0", Integer.toString(port), "0.0.0.0", "*"});
            }
        }
        if (tcpWanted) {
            tcpRows(Tcp.of(inv.ns()), all, listening, rows);
        }
        print(inv, rows, netid);
        inv.exit(0);
    }

    private static void tcpRows(Tcp tcp, boolean all, boolean listening, List<String[]> rows) {
        if (all || listening) {
            List<TcpListener> ls = tcp.listeners();
            ls.sort(Comparator.comparingInt(TcpListener::port));
            for (TcpListener l : ls) {
                rows.add(new String[] {"tcp", TcpState.LISTEN.label(), "0", Integer.toString(l.backlog()), "0.0.0.0",
                    Integer.toString(l.port()), "0.0.0.0", "*"});
            }
        }
        if (!listening) {
            List<TcpSocket> cs = tcp.connections();
            cs.sort(Comparator.comparingLong((TcpSocket s) -> Integer.toUnsignedLong(s.localAddress()))
                .thenComparingInt(TcpSocket::localPort)
                .thenComparingLong(s -> Integer.toUnsignedLong(s.remoteAddress()))
                .thenComparingInt(TcpSocket::remotePort));
            for (TcpSocket s : cs) {
                rows.add(new String[] {"tcp", s.state().label(), Integer.toString(s.receiveQueueBytes()),
                    Integer.toString(s.sendQueueBytes()), Ipv4Address.format(s.localAddress()),
                    Integer.toString(s.localPort()), Ipv4Address.format(s.remoteAddress()),
                    Integer.toString(s.remotePort())});
            }
        }
    }

    /** Rows are {@code netid, state, recv-q, send-q, local addr, port, peer addr, port}. */
    private static void print(Invocation inv, List<String[]> rows, boolean netid) {
        int[] w = new int[8];
        for (String[] r : rows) {
            for (int i = 0; i < 8; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (int k = 0; k < rows.size(); k++) {
            String[] r = rows.get(k);
            StringBuilder sb = new StringBuilder();
            if (netid) {
                sb.append(pad(r[0], w[0])).append(' ');
            }
            sb.append(pad(r[1], w[1])).append(' ');
            sb.append(pad(r[2], w[2])).append(' ');
            sb.append(pad(r[3], w[3])).append(' ');
            sb.append(left(r[4], w[4])).append(':').append(pad(r[5], w[5])).append(' ');
            sb.append(left(r[6], w[6])).append(':').append(pad(r[7], w[7])).append(' ');
            if (k == 0) {
                sb.append("Process");
            }
            inv.println(sb.toString().stripTrailing());
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String left(String s, int width) {
        return " ".repeat(width - s.length()) + s;
    }
}
