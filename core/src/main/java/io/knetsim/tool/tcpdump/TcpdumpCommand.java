package io.knetsim.tool.tcpdump;

import io.knetsim.net.NetDevice;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.dev.Loopback;
import io.knetsim.pcap.Capture;
import io.knetsim.pcap.CapturedPacket;
import io.knetsim.pcap.LinkType;
import io.knetsim.pcap.PcapFormatException;
import io.knetsim.pcap.PcapReader;
import io.knetsim.pcap.PcapRecord;
import io.knetsim.pcap.PcapWriter;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * {@code tcpdump}, as tcpdump 4.99.3 with libpcap 1.10 behaves on Linux.
 *
 * <pre>
 *   live:  parse options -> open the interface (or any) -> compile the filter -> banner on stderr
 *          -> Capture taps -> filter -> print a line (or write the -w file) -> after -c N packets,
 *          or when interrupted (the world went idle, or Ctrl-C): the counts on stderr, exit 0
 *   -r:    open the file -> "reading from file ..." -> compile -> print every matching record
 * </pre>
 *
 * Captures on {@code any} use Linux cooked v2, as tcpdump 4.99 asks libpcap for, so each line
 * names its interface and direction; {@code -y LINUX_SLL} gives v1. {@code -w} files have
 * nanosecond timestamps (virtual time is in nanoseconds) and open in Wireshark.
 */
public final class TcpdumpCommand implements Command {
    @Override
    public String name() {
        return "tcpdump";
    }

    @Override
    public String synopsis() {
        return "tcpdump [-enqStv] [-c count] [-i interface] [-r file] [-w file] [-y type] [expression]: "
            + "print or save the packets crossing an interface";
    }

    @Override
    public void start(Invocation inv) {
        TcpdumpOptions o = TcpdumpOptions.parse(inv.args());
        if (o.version) {
            inv.println(TcpdumpOptions.VERSION);
            inv.exit(0);
            return;
        }
        if (o.help) {
            inv.println(TcpdumpOptions.USAGE);
            inv.exit(0);
            return;
        }
        if (o.listInterfaces) {
            listInterfaces(inv);
            inv.exit(0);
            return;
        }
        if (o.readFile != null) {
            read(inv, o);
        } else {
            live(inv, o);
        }
    }

    private static IntFunction<String> ifnames(NetNamespace ns) {
        return i -> {
            NetDevice d = ns.device(i);
            return d == null ? null : d.name();
        };
    }

    // ---- live capture ---------------------------------------------------------------------

    private void live(Invocation inv, TcpdumpOptions o) {
        NetNamespace ns = inv.ns();
        String ifname = o.iface != null ? o.iface : defaultInterface(ns);
        boolean any = ifname.equals("any");
        NetDevice dev = any ? null : ns.device(ifname);
        if (!any && dev == null) {
            throw new UsageException("tcpdump: " + ifname + ": No such device exists\n(SIOCGIFHWADDR: No such device)", 1);
        }
        LinkType lt = any ? LinkType.LINUX_SLL2 : LinkType.ETHERNET;
        if (o.dataLinkType != null) {
            LinkType want = LinkType.fromName(o.dataLinkType);
            if (want == null) {
                throw new UsageException("tcpdump: invalid data link type " + o.dataLinkType, 1);
            }
            if (any != want.isCooked()) {
                throw new UsageException("tcpdump: " + want.dltName() + " is not one of the DLTs supported by this device", 1);
            }
            lt = want;
            inv.eprintln("tcpdump: data link type " + lt.dltName());
        }
        Filter filter = compile(o.expression);
        PcapWriter writer = o.writeFile != null ? openWriter(inv, o, lt) : null;
        if (o.verbose == 0 && writer == null) {
            inv.eprintln("tcpdump: verbose output suppressed, use -v[v]... for full protocol decode");
        } else {
            inv.eprint("tcpdump: ");
        }
        inv.eprintln("listening on " + ifname + ", link-type " + lt.dltName() + " (" + lt.description()
            + "), snapshot length " + o.snaplen + " bytes");
        new LiveRun(inv, o, ns, filter, writer).start(any ? Capture.onAny(ns).linkType(lt) : Capture.on(dev));
    }

    /** The first interface that is up, other than loopback, as tcpdump picks with no {@code -i}; else any. */
    private static String defaultInterface(NetNamespace ns) {
        for (NetDevice d : ns.devices()) {
            if (!(d instanceof Loopback) && d.isUp()) {
                return d.name();
            }
        }
        return "any";
    }

    /** One running live capture: counts, printing or writing, and the ending. */
    private static final class LiveRun {
        private final Invocation inv;
        private final TcpdumpOptions o;
        private final Filter filter;
        private final PcapWriter writer;
        private final PacketPrinter printer;
        private Capture capture;
        private long captured;
        private long received;
        private boolean done;

        LiveRun(Invocation inv, TcpdumpOptions o, NetNamespace ns, Filter filter, PcapWriter writer) {
            this.inv = inv;
            this.o = o;
            this.filter = filter;
            this.writer = writer;
            this.printer = writer == null ? new PacketPrinter(o, ifnames(ns)) : null;
        }

        void start(Capture.Builder b) {
            inv.onInterrupt(() -> end(true));
            inv.onExit(this::close);
            capture = b.to(this::packet);
        }

        private void packet(CapturedPacket p) {
            if (done) {
                return;
            }
            byte[] data = p.data().length > o.snaplen ? Arrays.copyOf(p.data(), o.snaplen) : p.data();
            Frame f = Frame.of(new CapturedPacket(p.timeNanos(), p.device(), p.direction(), p.pktType(),
                p.linkType(), data, p.originalLength()));
            if (!filter.matches(f)) {
                return;
            }
            received++;
            captured++;
            if (writer != null) {
                try {
                    writer.write(new PcapRecord(p.timeNanos(), p.originalLength(), data));
                    if (o.packetBuffered) {
                        writer.flush();
                    }
                } catch (IOException e) {
                    inv.eprintln("tcpdump: " + o.writeFile + ": " + e.getMessage());
                    close();
                    inv.exit(1);
                    return;
                }
            } else {
                inv.println(printer.print(f));
            }
            if (o.count > 0 && captured >= o.count) {
                end(false);
            }
        }

        /** After -c packets, or on an interrupt: stop, report, exit 0 as tcpdump does. */
        private void end(boolean interrupted) {
            if (done) {
                return;
            }
            close();
            if (interrupted && writer == null) {
                inv.print("\n"); // "perhaps we didn't manage to finish a line": tcpdump's extra newline, on stdout
            }
            inv.eprintln(plural(captured, "captured"));
            inv.eprintln(plural(received, "received by filter"));
            inv.eprintln(plural(0, "dropped by kernel"));
            inv.exit(0);
        }

        private void close() {
            if (done) {
                return;
            }
            done = true;
            if (capture != null) {
                capture.stop();
            }
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    inv.eprintln("tcpdump: " + o.writeFile + ": " + e.getMessage());
                }
            }
        }
    }

    private static String plural(long n, String what) {
        return n + (n == 1 ? " packet " : " packets ") + what;
    }

    // ---- reading a file --------------------------------------------------------------------

    private void read(Invocation inv, TcpdumpOptions o) {
        Path path = inv.resolve(o.readFile);
        try (PcapReader r = PcapReader.open(path)) {
            LinkType lt = r.linkType();
            if (lt == null) {
                inv.eprintln("reading from file " + o.readFile + ", link-type " + r.linkTypeCode() + ", snapshot length "
                    + r.snaplen());
                throw new UsageException("tcpdump: packet printing is not supported for link type " + r.linkTypeCode()
                    + ": use -w", 1);
            }
            inv.eprintln("reading from file " + o.readFile + ", link-type " + lt.dltName() + " (" + lt.description()
                + "), snapshot length " + r.snaplen());
            Filter filter = compile(o.expression);
            PcapWriter writer = o.writeFile != null ? openWriter(inv, o, lt) : null;
            PacketPrinter printer = new PacketPrinter(o, ifnames(inv.ns()));
            long n = 0;
            try {
                for (PcapRecord rec = r.next(); rec != null; rec = r.next()) {
                    Frame f = Frame.of(lt, rec);
                    if (!filter.matches(f)) {
                        continue;
                    }
                    n++;
                    if (writer != null) {
                        writer.write(rec);
                    } else {
                        inv.println(printer.print(f));
                    }
                    if (o.count > 0 && n >= o.count) {
                        break;
                    }
                }
            } catch (PcapFormatException e) {
                inv.eprintln("tcpdump: pcap_loop: " + e.getMessage());
                closeQuietly(writer);
                inv.exit(1);
                return;
            }
            if (writer != null) {
                writer.close();
            }
            inv.exit(0);
        } catch (NoSuchFileException e) {
            throw new UsageException("tcpdump: " + o.readFile + ": No such file or directory", 1);
        } catch (AccessDeniedException e) {
            throw new UsageException("tcpdump: " + o.readFile + ": Permission denied", 1);
        } catch (PcapFormatException e) {
            throw new UsageException("tcpdump: " + e.getMessage(), 1);
        } catch (IOException e) {
            throw new UsageException("tcpdump: " + o.readFile + ": " + e.getMessage(), 1);
        }
    }

    private static void closeQuietly(PcapWriter w) {
        if (w != null) {
            try {
                w.close();
            } catch (IOException e) {
                // the read error is the one worth reporting
            }
        }
    }

    // ---- shared ----------------------------------------------------------------------------

    private static Filter compile(String expression) {
        try {
            return Filter.compile(expression);
        } catch (FilterException e) {
            throw new UsageException("tcpdump: " + e.getMessage(), 1);
        }
    }

    private static PcapWriter openWriter(Invocation inv, TcpdumpOptions o, LinkType lt) {
        Path path = inv.resolve(o.writeFile);
        OutputStream os = null;
        try {
            os = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
            return new PcapWriter(os, lt, o.snaplen, PcapWriter.Precision.NANO);
        } catch (NoSuchFileException e) {
            throw new UsageException("tcpdump: " + o.writeFile + ": No such file or directory", 1);
        } catch (AccessDeniedException e) {
            throw new UsageException("tcpdump: " + o.writeFile + ": Permission denied", 1);
        } catch (IOException e) {
            if (os != null) {
                try {
                    os.close();
                } catch (IOException ignored) {
                    // reporting the first failure
                }
            }
            throw new UsageException("tcpdump: " + o.writeFile + ": " + e.getMessage(), 1);
        }
    }

    /**
     * {@code tcpdump -D}: the interfaces that are up first, then {@code any}, loopback, and those
     * that are down, numbered, with libpcap's flags.
     */
    private static void listInterfaces(Invocation inv) {
        List<String> lines = new ArrayList<>();
        List<NetDevice> down = new ArrayList<>();
        NetDevice lo = null;
        for (NetDevice d : inv.ns().devices()) {
            if (d instanceof Loopback) {
                lo = d;
            } else if (d.isUp()) {
                lines.add(d.name() + " [Up" + (d.hasCarrier() ? ", Running, Connected]" : ", Disconnected]"));
            } else {
                down.add(d);
            }
        }
        lines.add("any (Pseudo-device that captures on all interfaces) [Up, Running]");
        if (lo != null) {
            lines.add(lo.name() + (lo.isUp() ? " [Up, Running, Loopback]" : " [Loopback]"));
        }
        for (NetDevice d : down) {
            lines.add(d.name() + " [Disconnected]");
        }
        for (int i = 0; i < lines.size(); i++) {
            inv.println((i + 1) + "." + lines.get(i));
        }
    }
}
