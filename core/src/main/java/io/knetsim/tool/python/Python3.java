package io.knetsim.tool.python;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.app.http.HttpServer;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code python3 -m http.server [PORT] [-b ADDRESS] [-d DIRECTORY]}: CPython 3.12's static file
 * server on a TCP port of the namespace (default 8000), serving {@code DIRECTORY} of the
 * namespace's files (default the working directory, {@code /} at a knetsim prompt) with
 * {@link SimpleHttpRequestHandler}, as an HTTP/1.0 server that closes every connection after
 * its response. It prints {@code Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...}
 * and logs each request on stderr; it runs until interrupted (Ctrl-C, or {@code kill %N} for a
 * background job), then prints {@code Keyboard interrupt received, exiting.} after an empty
 * line and exits 0. A taken port ends it at once with
 * {@code OSError: [Errno 98] Address already in use} and status 1 (the real one prints a
 * traceback ending in that line). Bad arguments get argparse's usage and message, status 2.
 *
 * <p>Simplifications (knetsim): without {@code -b} the server binds 0.0.0.0 (a host without
 * IPv6, where the real one may say {@code ::}); with {@code -b} the address must be 0.0.0.0 or
 * one of the namespace's own, else {@code OSError: [Errno 99] Cannot assign requested address},
 * and it is shown in the startup line, but the socket still accepts on every address.
 * {@code --cgi} and {@code -p/--protocol} are not modelled, nor is any other use of
 * {@code python3}: those print what is modelled and exit 2.
 */
public final class Python3 implements Command {
    /** The version {@code python3 --version} and the server's {@code Server} header claim. */
    public static final String VERSION = "3.12.3";
    static final int DEFAULT_PORT = 8000;
    static final String USAGE = "usage: server.py [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION] [port]";

    /** Registers {@code python3}. */
    public static void registerAll(ToolRegistry r) {
        r.register(new Python3());
    }

    @Override
    public String name() {
        return "python3";
    }

    @Override
    public String synopsis() {
        return "python3 -m http.server [PORT] [-b ADDRESS] [-d DIRECTORY]: serve this host's files over HTTP";
    }

    /** What {@code python3 -m http.server} was asked to do. */
    record Options(int port, String bind, String directory) {
    }

    private static UsageException notModelled(String what) {
        return new UsageException("python3: knetsim models only 'python3 -m http.server [PORT] [-b ADDRESS] "
            + "[-d DIRECTORY]' (and --version)" + (what.isEmpty() ? "" : ": " + what + " is not modelled"), 2);
    }

    private static UsageException argparse(String message) {
        return new UsageException(USAGE + "\nserver.py: error: " + message, 2);
    }

    /** Parses the words after {@code python3} as {@code -m http.server}'s argparse would. */
    static Options parse(List<String> args) {
        if (args.size() == 1 && (args.get(0).equals("--version") || args.get(0).equals("-V"))) {
            return null;
        }
        if (args.size() < 2 || !args.get(0).equals("-m") || !args.get(1).equals("http.server")) {
            throw notModelled(args.isEmpty() ? "the interactive interpreter" : "'python3 " + String.join(" ", args) + "'");
        }
        String port = null;
        String bind = null;
        String dir = null;
        List<String> unrecognized = new ArrayList<>();
        for (int i = 2; i < args.size(); i++) {
            String w = args.get(i);
            String opt = w;
            String value = null;
            if (w.startsWith("--") && w.contains("=")) {
                opt = w.substring(0, w.indexOf('='));
                value = w.substring(w.indexOf('=') + 1);
            } else if (w.length() > 2 && (w.startsWith("-b") || w.startsWith("-d")) && !w.startsWith("--")) {
                opt = w.substring(0, 2);
                value = w.substring(2);
            }
            switch (opt) {
                case "-b", "--bind", "-d", "--directory" -> {
                    if (value == null) {
                        if (i + 1 >= args.size() || args.get(i + 1).startsWith("-") && args.get(i + 1).length() > 1) {
                            String both = opt.startsWith("-b") || opt.equals("--bind") ? "-b/--bind" : "-d/--directory";
                            throw argparse("argument " + both + ": expected one argument");
                        }
                        value = args.get(++i);
                    }
                    if (opt.equals("-b") || opt.equals("--bind")) {
                        bind = value;
                    } else {
                        dir = value;
                    }
                }
                case "--cgi", "-p", "--protocol", "-h", "--help" -> throw notModelled(opt);
                default -> {
                    if (w.startsWith("-") && w.length() > 1) {
                        unrecognized.add(w);
                    } else if (port == null) {
                        port = w;
                    } else {
                        unrecognized.add(w);
                    }
                }
            }
        }
        int p = DEFAULT_PORT;
        if (port != null) {
            try {
                p = Integer.parseInt(port.strip());
            } catch (NumberFormatException e) {
                throw argparse("argument port: invalid int value: '" + port + "'");
            }
        }
        if (!unrecognized.isEmpty()) {
            throw argparse("unrecognized arguments: " + String.join(" ", unrecognized));
        }
        if (p < 1 || p > 65535) {
            throw new UsageException("python3: knetsim: port " + p + " is not modelled (1-65535)", 2);
        }
        String directory = dir == null ? "/" : dir.startsWith("/") ? dir : "/" + dir;
        return new Options(p, bind, directory);
    }

    @Override
    public void start(Invocation inv) {
        Options o = parse(inv.args());
        if (o == null) {
            inv.println("Python " + VERSION);
            inv.exit(0);
            return;
        }
        String host = "0.0.0.0";
        if (o.bind() != null) {
            if (!Ipv4Address.isValid(o.bind())) {
                throw new UsageException("python3: knetsim: -b takes an IPv4 address here, not '" + o.bind() + "'", 2);
            }
            int a = Ipv4Address.parse(o.bind()).bits();
            if (a != 0 && !inv.ns().isLocalAddress(a)) {
                inv.eprintln("OSError: [Errno 99] Cannot assign requested address");
                inv.exit(1);
                return;
            }
            host = Ipv4Address.format(a);
        }
        HttpServer server = new HttpServer(inv.ns(), o.port(),
            new SimpleHttpRequestHandler(inv.sim(), inv.ns().files(), o.directory(), inv::eprint)).http10().rawHeaders();
        try {
            server.start();
        } catch (IllegalStateException e) {
            inv.eprintln("OSError: [Errno 98] Address already in use");
            inv.exit(1);
            return;
        }
        inv.onExit(server::stop);
        inv.onInterrupt(() -> {
            inv.println("");
            inv.println("Keyboard interrupt received, exiting.");
            inv.exit(0);
        });
        inv.println("Serving HTTP on " + host + " port " + o.port() + " (http://" + host + ":" + o.port() + "/) ...");
    }
}
