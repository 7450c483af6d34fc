package io.knetsim.tool.tcpdump;

import io.knetsim.tool.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * tcpdump's command line, parsed as GNU getopt does for it: options may be bundled
 * ({@code -nnvv}, {@code -c5}), may follow the expression ({@code tcpdump icmp -n}), and
 * {@code --} ends them. The words left over are joined with spaces into the filter expression.
 */
public final class TcpdumpOptions {
    public static final String VERSION = "tcpdump version 4.99.3 (knetsim)\nlibpcap version 1.10.3 (knetsim)";
    static final String USAGE = VERSION + "\n"
        + "Usage: tcpdump [-AelnpqStUvxX] [ -c count ] [ -i interface ] [ -r file ] [ -s snaplen ]\n"
        + "\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ] [ --version ]\n"
        + "\t\t[ -w file ] [ -y datalinktype ] [ expression ]";
    private static final String WITH_ARG = "cirswy";
    private static final String FLAGS = "elnpqStUvhDxXA";

    /** {@code -i}: the interface, {@code any}, or null for the first one that is up. */
    public String iface;
    /** {@code -n} count ({@code -nn} is 2; any is enough to print numbers). */
    public int numeric;
    /** {@code -e}: print the link-level header. */
    public boolean linkHeader;
    /** {@code -c}: stop after this many packets; -1 for no limit. */
    public long count = -1;
    public String writeFile;
    public String readFile;
    public int verbose;
    public boolean quiet;
    /** {@code -S}: absolute TCP sequence numbers. */
    public boolean absoluteSeq;
    /** {@code -t} count: 0 time of day, 1 none, 2 seconds since the epoch, 3 delta, 4 date and time, 5 since first. */
    public int tflag;
    /** {@code --nano}: nanosecond timestamps in output. */
    public boolean nano;
    /** {@code -U}: flush the {@code -w} file after every packet. */
    public boolean packetBuffered;
    /** {@code -y}: the link type to capture with. */
    public String dataLinkType;
    public int snaplen = 262144;
    public boolean version;
    public boolean help;
    public boolean listInterfaces;
    /** {@code -x}: hex dump of each packet after its link header; {@code -xx} from the link header. */
    public int hex;
    /** {@code -X}: hex and ASCII; {@code -XX} including the link header. */
    public int hexAscii;
    /** {@code -A}: the packet in ASCII; {@code -AA} including the link header. */
    public int ascii;
    /** The filter expression, words joined by spaces. */
    public String expression = "";

    /** Parses the arguments after {@code tcpdump}; bad ones throw with tcpdump's message and status 1. */
    public static TcpdumpOptions parse(List<String> args) {
        TcpdumpOptions o = new TcpdumpOptions();
        List<String> words = new ArrayList<>();
        boolean optionsDone = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (optionsDone || !a.startsWith("-") || a.equals("-")) {
                words.add(a);
                continue;
            }
            if (a.equals("--")) {
                optionsDone = true;
                continue;
            }
            if (a.startsWith("--")) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                switch (name) {
                    case "nano" -> o.nano = true;
                    case "micro" -> o.nano = false;
                    case "version" -> o.version = true;
                    case "help" -> o.help = true;
                    case "immediate-mode", "print" -> {
                    }
                    case "time-stamp-precision" -> {
                        if (value == null) {
                            if (i + 1 >= args.size()) {
                                throw usage("tcpdump: option '--time-stamp-precision' requires an argument");
                            }
                            value = args.get(++i);
                        }
                        switch (value) {
                            case "nano" -> o.nano = true;
                            case "micro" -> o.nano = false;
                            default -> throw new UsageException("tcpdump: unsupported time stamp precision", 1);
                        }
                    }
                    default -> throw usage("tcpdump: unrecognized option '" + a + "'");
                }
                continue;
            }
            for (int j = 1; j < a.length(); j++) {
                char c = a.charAt(j);
                if (WITH_ARG.indexOf(c) >= 0) {
                    String v;
                    if (j + 1 < a.length()) {
                        v = a.substring(j + 1);
                    } else if (i + 1 < args.size()) {
                        v = args.get(++i);
                    } else {
                        throw usage("tcpdump: option requires an argument -- '" + c + "'");
                    }
                    o.set(c, v);
                    break;
                }
                if (FLAGS.indexOf(c) < 0) {
                    throw usage("tcpdump: invalid option -- '" + c + "'");
                }
                o.flag(c);
            }
        }
        o.expression = String.join(" ", words);
        return o;
    }

    private void set(char c, String v) {
        switch (c) {
            case 'c' -> {
                long n;
                try {
                    n = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    n = -1;
                }
                if (n <= 0) {
                    throw new UsageException("tcpdump: invalid packet count " + v, 1);
                }
                count = n;
            }
            case 'i' -> iface = v;
            case 'r' -> readFile = v;
            case 'w' -> writeFile = v;
            case 'y' -> dataLinkType = v;
            case 's' -> {
                int n;
                try {
                    n = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    n = -1;
                }
                if (n < 0 || n > 262144) {
                    throw new UsageException("tcpdump: invalid snaplen " + v, 1);
                }
                snaplen = n == 0 ? 262144 : n;
            }
            default -> throw new IllegalStateException(String.valueOf(c));
        }
    }

    private void flag(char c) {
        switch (c) {
            case 'e' -> linkHeader = true;
            case 'n' -> numeric++;
            case 'q' -> quiet = true;
            case 'S' -> absoluteSeq = true;
            case 't' -> tflag++;
            case 'U' -> packetBuffered = true;
            case 'v' -> verbose++;
            case 'h' -> help = true;
            case 'D' -> listInterfaces = true;
            case 'x' -> hex++;
            case 'X' -> hexAscii++;
            case 'A' -> ascii++;
            case 'l', 'p' -> {
                // line buffering and no promiscuous mode change nothing here
            }
            default -> throw new IllegalStateException(String.valueOf(c));
        }
    }

    private static UsageException usage(String first) {
        return new UsageException(first + "\n" + USAGE, 1);
    }
}
