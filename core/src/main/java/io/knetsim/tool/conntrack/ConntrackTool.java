package io.knetsim.tool.conntrack;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.netfilter.conntrack.Conntrack;
import io.knetsim.netfilter.conntrack.ConntrackEntry;
import io.knetsim.netfilter.conntrack.CtTuple;
import io.knetsim.netfilter.conntrack.TcpCtState;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code conntrack} (conntrack-tools 1.4.6) over the namespace's connection tracking table:
 *
 * <pre>
 * conntrack -L [conntrack] [filters]   list flows; "N flow entries have been shown." on stderr
 * conntrack -D [filters]               delete flows (printed as they go); exit 1 when none matched
 * conntrack -F                         flush the table
 * conntrack -C                         count the flows
 *
 * filters: -p|--proto tcp|udp|icmp|N  -s|--src|--orig-src IP  -d|--dst|--orig-dst IP
 *          -r|--reply-src IP  -q|--reply-dst IP  --sport|--orig-port-src P  --dport|--orig-port-dst P
 *          --reply-port-src P  --reply-port-dst P  --state TCPSTATE  -m|--mark N[/MASK]
 *          -n|--src-nat [IP]  -g|--dst-nat [IP]  -f|--family ipv4|ipv6
 * </pre>
 *
 * Flows are listed in the order of their original tuple (the kernel walks its hash table);
 * the timeouts count down on the simulator clock. Parameter problems print conntrack's
 * {@code conntrack v1.4.6 (conntrack-tools): ...} line and the {@code -h} hint, exit status 2.
 */
public final class ConntrackTool implements Command {
    static final String PREFIX = "conntrack v1.4.6 (conntrack-tools): ";

    @Override
    public String name() {
        return "conntrack";
    }

    @Override
    public String synopsis() {
        return "conntrack -L|-D|-F|-C [-p PROTO] [-s|-d|-r|-q IP] [--sport|--dport P] [--state S]: the conntrack table";
    }

    /** Registers {@code conntrack}. */
    public static void registerAll(ToolRegistry r) {
        r.register(new ConntrackTool());
    }

    /** A problem with the command line: conntrack's PARAMETER_PROBLEM. */
    private static final class ParameterProblem extends RuntimeException {
        ParameterProblem(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public void start(Invocation inv) {
        char cmd;
        ConntrackFilter f = new ConntrackFilter();
        try {
            cmd = parse(inv.args(), f);
        } catch (ParameterProblem p) {
            inv.eprintln(PREFIX + p.getMessage());
            inv.eprintln("Try `conntrack -h' or 'conntrack --help' for more information.");
            inv.exit(2);
            return;
        }
        Conntrack ct = inv.ns().nftables().conntrack();
        long now = inv.sim().now();
        List<ConntrackEntry> flows = new ArrayList<>();
        for (ConntrackEntry e : ct.entries()) {
            if (f.matches(e)) {
                flows.add(e);
            }
        }
        flows.sort(Comparator.comparing(ConntrackEntry::original, ConntrackTool::compare));
        switch (cmd) {
            case 'L' -> {
                for (ConntrackEntry e : flows) {
                    inv.println(ConntrackLine.format(e, now));
                }
                inv.eprintln(PREFIX + flows.size() + " flow entries have been shown.");
                inv.exit(0);
            }
            case 'D' -> {
                for (ConntrackEntry e : flows) {
                    inv.println(ConntrackLine.format(e, now));
                    ct.delete(e);
                }
                inv.eprintln(PREFIX + flows.size() + " flow entries have been deleted.");
                inv.exit(flows.isEmpty() ? 1 : 0);
            }
            case 'F' -> {
                ct.flush();
                inv.eprintln(PREFIX + "connection tracking table has been emptied.");
                inv.exit(0);
            }
            default -> { // 'C'
                inv.println(Integer.toString(ct.entries().size()));
                inv.exit(0);
            }
        }
    }

    private static int compare(CtTuple a, CtTuple b) {
        int c = Integer.compare(a.proto(), b.proto());
        if (c == 0) {
            c = Integer.compareUnsigned(a.src(), b.src());
        }
        if (c == 0) {
            c = Integer.compareUnsigned(a.dst(), b.dst());
        }
        if (c == 0) {
            c = Integer.compare(a.sport(), b.sport());
        }
        return c != 0 ? c : Integer.compare(a.dport(), b.dport());
    }

    private static char parse(List<String> args, ConntrackFilter f) {
        char cmd = 0;
        List<String> portOptions = new ArrayList<>();
        String stateOption = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String inline = null;
            if (a.startsWith("--") && a.contains("=")) {
                inline = a.substring(a.indexOf('=') + 1);
                a = a.substring(0, a.indexOf('='));
            }
            char c = switch (a) {
                case "-L", "--dump" -> 'L';
                case "-D", "--delete" -> 'D';
                case "-F", "--flush" -> 'F';
                case "-C", "--count" -> 'C';
                default -> 0;
            };
            if (c != 0) {
                if (cmd != 0) {
                    throw new ParameterProblem("Invalid commands combination");
                }
                cmd = c;
                if (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                    String table = args.get(++i);
                    if (!table.equals("conntrack")) {
                        throw new ParameterProblem("Bad parameter `" + table + "'");
                    }
                }
                continue;
            }
            boolean optionalArg = a.equals("-n") || a.equals("--src-nat") || a.equals("-g") || a.equals("--dst-nat");
            String v = inline;
            if (v == null && optionalArg) {
                if (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                    v = args.get(++i);
                }
            } else if (v == null && !a.equals("-j") && !a.equals("--any-nat")) {
                if (!a.startsWith("-")) {
                    throw new ParameterProblem("Bad parameter `" + a + "'");
                }
                if (i + 1 >= args.size()) {
                    throw new ParameterProblem("option `" + a + "' requires an argument");
                }
                v = args.get(++i);
            }
            switch (a) {
                case "-p", "--proto", "--protonum" -> f.proto = proto(v);
                case "-s", "--src", "--orig-src" -> f.origSrc = addr(v);
                case "-d", "--dst", "--orig-dst" -> f.origDst = addr(v);
                case "-r", "--reply-src" -> f.replySrc = addr(v);
                case "-q", "--reply-dst" -> f.replyDst = addr(v);
                case "--sport", "--orig-port-src" -> {
                    f.origSport = port(v);
                    portOptions.add(a);
                }
                case "--dport", "--orig-port-dst" -> {
                    f.origDport = port(v);
                    portOptions.add(a);
                }
                case "--reply-port-src" -> {
                    f.replySport = port(v);
                    portOptions.add(a);
                }
                case "--reply-port-dst" -> {
                    f.replyDport = port(v);
                    portOptions.add(a);
                }
                case "--state" -> {
                    try {
                        f.state = TcpCtState.valueOf(v);
                    } catch (IllegalArgumentException e) {
                        throw new ParameterProblem("unknown state `" + v + "'");
                    }
                    stateOption = a;
                }
                case "-m", "--mark" -> mark(v, f);
                case "-n", "--src-nat" -> {
                    f.snatOnly = true;
                    f.snatAddr = v == null ? null : addr(v);
                }
                case "-g", "--dst-nat" -> {
                    f.dnatOnly = true;
                    f.dnatAddr = v == null ? null : addr(v);
                }
                case "-j", "--any-nat" -> {
                    f.snatOnly = false;
                    f.dnatOnly = false;
                }
                case "-f", "--family" -> {
                    switch (v) {
                        case "ipv4" -> f.ipv6 = false;
                        case "ipv6" -> f.ipv6 = true;
                        default -> throw new ParameterProblem("`" + v + "' unsupported protocol");
                    }
                }
                default -> throw new ParameterProblem("unknown option `" + a + "'");
            }
        }
        if (cmd == 0) {
            throw new ParameterProblem("no command specified");
        }
        boolean tcpUdp = f.proto == 6 || f.proto == 17;
        if (!portOptions.isEmpty() && !tcpUdp) {
            throw new ParameterProblem("`" + portOptions.get(0) + "' requires `-p tcp' or `-p udp'");
        }
        if (stateOption != null && f.proto != 6) {
            throw new ParameterProblem("`--state' requires `-p tcp'");
        }
        if ((cmd == 'F' || cmd == 'C') && (f.proto >= 0 || f.origSrc != null || f.origDst != null
            || f.replySrc != null || f.replyDst != null || f.mark >= 0 || f.snatOnly || f.dnatOnly)) {
            throw new ParameterProblem("Illegal option with this command");
        }
        return cmd;
    }

    private static int proto(String v) {
        return switch (v) {
            case "tcp" -> 6;
            case "udp" -> 17;
            case "icmp" -> 1;
            default -> {
                try {
                    int n = Integer.parseInt(v);
                    if (n < 0 || n > 255) {
                        throw new NumberFormatException();
                    }
                    yield n;
                } catch (NumberFormatException e) {
                    throw new ParameterProblem("`" + v + "' unsupported protocol");
                }
            }
        };
    }

    private static int addr(String v) {
        if (!Ipv4Address.isValid(v)) {
            throw new ParameterProblem("Invalid IP address `" + v + "'");
        }
        return Ipv4Address.parse(v).bits();
    }

    private static int port(String v) {
        try {
            int p = Integer.parseInt(v);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new ParameterProblem("invalid port `" + v + "'");
        }
    }

    private static void mark(String v, ConntrackFilter f) {
        try {
            String[] p = v.split("/", 2);
            f.mark = Long.decode(p[0]) & 0xffffffffL;
            f.markMask = p.length > 1 ? Long.decode(p[1]) & 0xffffffffL : 0xffffffffL;
            f.mark &= f.markMask;
        } catch (NumberFormatException e) {
            throw new ParameterProblem("Bad parameter `" + v + "'");
        }
    }
}
