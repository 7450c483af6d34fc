package io.knetsim.tool.curl;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.app.dns.StubResolver;
import io.knetsim.app.http.HttpResponseParser;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.Errno;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.net.tcp.TcpState;
import io.knetsim.sim.SimTime;
import io.knetsim.sim.Timer;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRegistry;
import io.knetsim.tool.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code curl [-s] [-S] [-v] [-i] [-o FILE] [-m SECS] [-X METHOD] [-H 'K: V'] [-d DATA] URL}
 * over the simulated TCP sockets, printing what curl 8.5.0 prints on a terminal: the body on
 * stdout exactly as received, {@code -v} trace lines on stderr ({@code *}, {@code >},
 * {@code <}; CRs of header lines dropped there), {@code -i} puts the response head on stdout
 * as received (CRLF). Errors are {@code curl: (N) text} on stderr with curl's exit codes:
 * 1 protocol, 3 bad URL, 6 host name not resolved ({@code localhost} is the loopback address, as curl
 * resolves it itself; other names go through the namespace's {@link StubResolver}:
 * {@code /etc/hosts}, then DNS with {@code /etc/resolv.conf}), 7 refused or unreachable, 18 short
 * body, 28 timeout ({@code -m}, or SYN retries running
 * out), 52 empty reply, 56 reset. Milliseconds in messages are simulated time, so a
 * {@code -m 1} timeout says 1000 where a real curl says about 1001. No progress meter is
 * ever shown (curl hides it when the body goes to a terminal, but would show it with
 * {@code -o FILE} and no {@code -s}: knetsim leaves it out there too). Responses are read by
 * the shared {@link HttpResponseParser}, so chunked bodies are decoded as curl decodes them
 * ({@code -i} still shows the head as received). Several URLs are fetched in turn, reusing a kept-alive connection
 * to the same host and port ({@code * Re-using existing connection with host H}); {@code -o}
 * applies to the first URL, later bodies go to stdout, and (a knetsim simplification) the
 * first failure ends the run where curl would go on with the next URL.
 */
public final class Curl implements Command {
    /** The version curl claims in {@code User-Agent}. */
    public static final String VERSION = "8.5.0";

    /** Registers {@code curl} and {@code wget}. */
    public static void registerAll(ToolRegistry r) {
        r.register(new Curl());
        r.register(new Wget());
    }

    @Override
    public String name() {
        return "curl";
    }

    @Override
    public String synopsis() {
        return "curl [-s] [-S] [-v] [-i] [-o FILE] [-m SECS] [-X METHOD] [-H 'K: V'] [-d DATA] URL...";
    }

    @Override
    public void start(Invocation inv) {
        Options o = parse(inv.args());
        new Fetch(inv, o, false).start();
    }

    /** What one call asks for. */
    static final class Options {
        boolean silent;
        boolean showError;
        boolean verbose;
        boolean include;
        String output;
        long maxTime = -1;
        String method;
        final List<String> headers = new ArrayList<>();
        String data;
        final List<String> urls = new ArrayList<>();
    }

    private static UsageException usage(String first) {
        return new UsageException(first + "\ncurl: try 'curl --help' or 'curl --manual' for more information", 2);
    }

    static Options parse(List<String> args) {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.startsWith("-") && w.length() > 2 && !w.startsWith("--") && w.substring(1).chars()
                .allMatch(c -> "sSvi".indexOf(c) >= 0)) {
                for (char c : w.substring(1).toCharArray()) {
                    flag(o, "-" + c);
                }
                continue;
            }
            switch (w) {
                case "-s", "--silent", "-S", "--show-error", "-v", "--verbose", "-i", "--include" -> flag(o, w);
                case "-o", "--output", "-m", "--max-time", "-X", "--request", "-H", "--header", "-d", "--data" -> {
                    if (i + 1 >= args.size()) {
                        throw usage("curl: option " + w + ": requires parameter");
                    }
                    String v = args.get(++i);
                    switch (w) {
                        case "-o", "--output" -> o.output = v;
                        case "-m", "--max-time" -> {
                            try {
                                double d = Double.parseDouble(v);
                                if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
                                    throw new NumberFormatException();
                                }
                                o.maxTime = Math.round(d * 1e9);
                            } catch (NumberFormatException e) {
                                throw usage("curl: option " + w + ": expected a proper numerical parameter");
                            }
                        }
                        case "-X", "--request" -> o.method = v;
                        case "-H", "--header" -> o.headers.add(v);
                        default -> o.data = o.data == null ? v : o.data + "&" + v;
                    }
                }
                default -> {
                    if (w.startsWith("-") && w.length() > 1) {
                        throw usage("curl: option " + w + ": is unknown");
                    }
                    o.urls.add(w);
                }
            }
        }
        if (o.urls.isEmpty()) {
            throw usage("curl: no URL specified!");
        }
        return o;
    }

    private static void flag(Options o, String f) {
        switch (f) {
            case "-s", "--silent" -> o.silent = true;
            case "-S", "--show-error" -> o.showError = true;
            case "-v", "--verbose" -> o.verbose = true;
            default -> o.include = true;
        }
    }

    /** One request and its response; shared with {@link Wget}, which only changes the messages. */
    static final class Fetch implements TcpHandler {
        private final Invocation inv;
        private final Options o;
        private final boolean wget;
        private HttpResponseParser parser;
        private int index = -1;
        private int connectionNumber = -1;
        private HttpUrl url;
        private HttpUrl socketUrl;
        private String address;
        private TcpSocket socket;
        private Timer deadline;
        private long startedAt;
        private boolean connected;
        private boolean headReported;
        private boolean anyReceived;
        private boolean serverCloses;
        private int status;

        Fetch(Invocation inv, Options o, boolean wget) {
            this.inv = inv;
            this.o = o;
            this.wget = wget;
        }

        void start() {
            inv.onExit(() -> {
                if (deadline != null) {
                    deadline.cancel();
                }
                closeSocket();
            });
            next();
        }

        private void closeSocket() {
            if (socket != null && socket.state() != TcpState.CLOSED) {
                socket.close();
            }
            socket = null;
        }

        /** Starts the transfer of the next URL, reusing the open connection when it goes to the same place. */
        private void next() {
            index++;
            parser = new HttpResponseParser(method());
            headReported = false;
            anyReceived = false;
            serverCloses = false;
            status = 0;
            startedAt = inv.sim().now();
            if (deadline != null) {
                deadline.cancel();
                deadline = null;
            }
            try {
                url = HttpUrl.parse(o.urls.get(index));
            } catch (HttpUrl.BadUrl e) {
                fail(e.code, e.getMessage());
                return;
            }
            if (o.maxTime >= 0) {
                deadline = inv.sim().after(o.maxTime, this::timedOut);
            }
            if (socket != null && socket.state() == TcpState.ESTABLISHED && url.host().equals(socketUrl.host())
                && url.port() == socketUrl.port()) {
                verbose("* Re-using existing connection with host " + url.host());
                byte[] req = request();
                socket.send(req, 0, req.length);
                return;
            }
            closeSocket();
            connected = false;
            address = null;
            int urlIndex = index;
            new StubResolver(inv.ns()).resolve(url.address(), r -> {
                if (inv.finished() || urlIndex != index) {
                    return;
                }
                if (!r.ok()) {
                    verbose("* Could not resolve host: " + url.host());
                    verbose("* Closing connection");
                    fail(6, "Could not resolve host: " + url.host());
                    return;
                }
                connect(r.addresses().get(0).toString());
            });
        }

        /** Opens the connection to the first address the host name resolved to. */
        private void connect(String addr) {
            address = addr;
            connectionNumber++;
            socketUrl = url;
            verbose("*   Trying " + addr + ":" + url.port() + "...");
            try {
                socket = Tcp.connect(inv.ns(), Ipv4Address.parse(addr).bits(), url.port(), this);
                socket.setNoDelay(true); // curl sets TCP_NODELAY (--tcp-nodelay is its default since 7.50.2)
            } catch (IllegalStateException e) {
                verbose("* Immediate connect fail for " + addr + ": " + e.getMessage().replaceFirst("^connect: ", ""));
                verbose("* Failed to connect to " + url.host() + " port " + url.port() + " after " + ms()
                    + " ms: Couldn't connect to server");
                verbose("* Closing connection");
                fail(7, "Failed to connect to " + url.host() + " port " + url.port() + " after " + ms()
                    + " ms: Couldn't connect to server");
            }
        }

        private long ms() {
            return (inv.sim().now() - startedAt) / SimTime.ms(1);
        }

        private void verbose(String line) {
            if (o.verbose && !wget) {
                inv.eprintln(line);
            }
        }

        private String method() {
            return o.method != null ? o.method : o.data != null ? "POST" : "GET";
        }

        private byte[] request() {
            String method = method();
            List<String[]> hs = new ArrayList<>();
            hs.add(new String[] {"Host", url.hostHeader()});
            hs.add(new String[] {"User-Agent", wget ? "Wget/1.21.4" : "curl/" + VERSION});
            hs.add(new String[] {"Accept", "*/*"});
            if (wget) {
                hs.add(new String[] {"Accept-Encoding", "identity"});
                hs.add(new String[] {"Connection", "Keep-Alive"});
            }
            for (String h : o.headers) {
                int c = h.indexOf(':');
                if (c <= 0) {
                    continue;
                }
                String name = h.substring(0, c).strip();
                String value = h.substring(c + 1).strip();
                hs.removeIf(x -> x[0].equalsIgnoreCase(name));
                if (!value.isEmpty()) {
                    hs.add(new String[] {name, value});
                }
            }
            if (o.data != null) {
                int len = o.data.getBytes(StandardCharsets.UTF_8).length;
                if (hs.stream().noneMatch(x -> x[0].equalsIgnoreCase("Content-Length"))) {
                    hs.add(new String[] {"Content-Length", Integer.toString(len)});
                }
                if (hs.stream().noneMatch(x -> x[0].equalsIgnoreCase("Content-Type"))) {
                    hs.add(new String[] {"Content-Type", "application/x-www-form-urlencoded"});
                }
            }
            StringBuilder sb = new StringBuilder();
            sb.append(method).append(' ').append(url.path()).append(" HTTP/1.1\r\n");
            for (String[] h : hs) {
                sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            sb.append("\r\n");
            String[] lines = sb.toString().split("\r\n");
            for (String line : lines) {
                verbose("> " + line);
            }
            verbose("> ");
            if (o.data != null) {
                sb.append(o.data);
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void onConnected(TcpSocket s) {
            connected = true;
            verbose("* Connected to " + url.host() + " (" + address + ") port " + url.port());
            byte[] req = request();
            s.send(req, 0, req.length);
        }

        @Override
        public void onData(TcpSocket s, byte[] b, int off, int len) {
            if (inv.finished() || s != socket) {
                return;
            }
            anyReceived = true;
            boolean complete;
            try {
                complete = parser.feed(b, off, len);
            } catch (HttpResponseParser.BadResponse e) {
                verbose("* Closing connection");
                fail(1, "Received HTTP/0.9 when not allowed");
                return;
            }
            if (parser.headSeen() && !headReported) {
                headReported = true;
                parseHead(parser.headBytes());
            }
            if (complete) {
                done();
            }
        }

        private void parseHead(byte[] h) {
            String text = new String(h, StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\r?\n");
            String[] sl = lines[0].split(" ", 3);
            try {
                status = Integer.parseInt(sl[1]);
            } catch (RuntimeException e) {
                status = 0;
            }
            if (sl[0].equals("HTTP/1.0")) {
                // curl says so when it reads the status line, before it shows the line itself.
                verbose("* HTTP 1.0, assume close after body");
            }
            for (String line : lines) {
                verbose("< " + line);
                int c = line.indexOf(':');
                if (c > 0) {
                    String name = line.substring(0, c).strip().toLowerCase(Locale.ROOT);
                    String value = line.substring(c + 1).strip();
                    if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                        serverCloses = true;
                    }
                }
            }
            verbose("< ");
            if (sl[0].equals("HTTP/1.0")) {
                serverCloses = !text.toLowerCase(Locale.ROOT).contains("connection: keep-alive");
            }
        }

        @Override
        public void onPeerClosed(TcpSocket s) {
            if (inv.finished() || s != socket) {
                return;
            }
            if (!anyReceived) {
                verbose("* Empty reply from server");
                verbose("* Closing connection");
                fail(52, "Empty reply from server");
            } else if (!parser.headSeen()) {
                verbose("* Closing connection");
                fail(8, "Weird server reply");
            } else {
                try {
                    parser.closed();
                } catch (HttpResponseParser.BadResponse e) {
                    long contentLength = parser.contentLength();
                    String m = contentLength >= 0
                        ? "transfer closed with " + (contentLength - parser.bodyReceived()) + " bytes remaining to read"
                        : "transfer closed with outstanding read data remaining";
                    verbose("* " + m);
                    verbose("* Closing connection");
                    fail(18, m);
                    return;
                }
                serverCloses = true;
                done();
            }
        }

        @Override
        public void onError(TcpSocket s, Errno error) {
            if (inv.finished() || s != socket) {
                return;
            }
            if (!connected) {
                int code = error == Errno.ETIMEDOUT ? 28 : 7;
                verbose("* connect to " + address + " port " + url.port() + " from "
                    + Ipv4Address.format(s.localAddress()) + " port " + s.localPort() + " failed: " + error.message());
                String m = "Failed to connect to " + url.host() + " port " + url.port() + " after " + ms()
                    + " ms: Couldn't connect to server";
                verbose("* " + m);
                verbose("* Closing connection");
                fail(code, m);
            } else {
                String m = "Recv failure: " + error.message();
                verbose("* " + m);
                verbose("* Closing connection");
                fail(56, m);
            }
        }

        private void timedOut() {
            if (inv.finished()) {
                return;
            }
            String m;
            long contentLength = parser.contentLength();
            long bodyReceived = parser.bodyReceived();
            if (address == null) {
                m = "Resolving timed out after " + ms() + " milliseconds";
            } else if (!connected) {
                m = "Connection timed out after " + ms() + " milliseconds";
            } else if (contentLength >= 0) {
                m = "Operation timed out after " + ms() + " milliseconds with " + bodyReceived + " out of "
                    + contentLength + " bytes received";
            } else {
                m = "Operation timed out after " + ms() + " milliseconds with " + bodyReceived + " bytes received";
            }
            verbose("* " + m);
            verbose("* Closing connection");
            fail(28, m);
        }

        private void done() {
            if (serverCloses) {
                verbose("* Closing connection");
            } else {
                verbose("* Connection #" + connectionNumber + " to host " + url.host() + " left intact");
            }
            if (wget && status >= 400) {
                // wget keeps an error page only with --content-on-error.
                inv.exit(8);
                return;
            }
            flush();
            if (serverCloses) {
                closeSocket();
            }
            if (index + 1 < o.urls.size()) {
                next();
                return;
            }
            inv.exit(0);
        }

        /** What curl has to show: the head as received with {@code -i}, then the decoded body so far. */
        private void flush() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (o.include && !wget && parser.headSeen()) {
                out.writeBytes(parser.headBytes());
            }
            out.writeBytes(parser.bodySoFar());
            byte[] bytes = out.toByteArray();
            if (o.output != null && !o.output.equals("-") && index == 0) {
                try {
                    Files.write(inv.resolve(o.output), bytes);
                } catch (IOException e) {
                    inv.eprintln("curl: (23) Failure writing output to destination");
                }
            } else {
                inv.print(new String(bytes, StandardCharsets.UTF_8));
            }
        }

        private void fail(int code, String message) {
            flush();
            if (wget) {
                inv.exit(code == 1 || code == 3 ? 1 : 4);
                return;
            }
            if (!o.silent || o.showError) {
                inv.eprintln("curl: (" + code + ") " + message);
            }
            inv.exit(code);
        }
    }
}
