package io.knetsim.tool.dnsutils;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.app.dns.DnsClient;
import io.knetsim.app.dns.ResolvConf;
import io.knetsim.packet.DnsMessage;
import io.knetsim.packet.DnsMessage.Record;
import io.knetsim.packet.DnsMessage.Repr;
import io.knetsim.packet.DnsName;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code dig [@SERVER] NAME [TYPE] [-x ADDR] [+short] [+tcp] [+noedns] [+time=N] [+tries=N]
 * [+ignore]}, printing what BIND 9.18's dig prints: the header line with opcode, status and id,
 * the flags and counts, the OPT pseudosection when EDNS0 was used (dig's default, advertising
 * 1232 bytes, no cookie as with {@code +nocookie}), the question, answer, authority and
 * additional sections in master-file form, then query time, server, date and message size.
 * The server is the first {@code nameserver} of {@code /etc/resolv.conf} unless {@code @SERVER}
 * names one; the search list is not used (dig's {@code +nosearch} default). A truncated answer
 * is asked again over TCP ({@code ;; Truncated, retrying in TCP mode.}). Without an answer
 * after the tries ({@code +tries=3}, {@code +time=5} by default) it prints
 * {@code ;; communications error to ...} lines and {@code ;; no servers could be reached},
 * exit status 9. Query time and date come from the simulated clock (the date counts from 1970).
 */
public final class Dig implements Command {
    /** The version dig reports. */
    public static final String VERSION = "9.18.28-1~deb12u2-Debian";
    private static final int EDNS_SIZE = 1232;

    @Override
    public String name() {
        return "dig";
    }

    @Override
    public String synopsis() {
        return "dig [@server] name [type] [-x addr] [+short] [+tcp] [+noedns] [+time=N] [+tries=N] [+ignore]";
    }

    private static final class Options {
        String server;
        String name;
        int type = -1;
        boolean reverse;
        boolean shortForm;
        boolean tcp;
        boolean edns = true;
        boolean ignoreTc;
        long timeout = SimTime.seconds(5);
        int tries = 3;
    }

    @Override
    public void start(Invocation inv) {
        Options o = parse(inv.args());
        ResolvConf conf = ResolvConf.read(inv.ns().files());
        Ipv4Address server;
        if (o.server != null) {
            if (!Ipv4Address.isValid(o.server)) {
                throw new UsageException("dig: couldn't get address for '" + o.server + "': not found", 10);
            }
            server = Ipv4Address.parse(o.server);
        } else {
            server = conf.nameservers().get(0);
        }
        String qname = o.name == null ? "" : o.name;
        int type = o.type >= 0 ? o.type : o.name == null ? DnsMessage.TYPE_NS : DnsMessage.TYPE_A;
        if (o.reverse) {
            qname = DnsTarget.reverseName(Ipv4Address.parse(o.name));
            type = o.type >= 0 ? o.type : DnsMessage.TYPE_PTR;
        }
        if (!DnsName.isValid(qname)) {
            throw new UsageException("dig: '" + qname + "' is not a legal name (label too long)", 10);
        }
        int id = inv.sim().random("dig/" + inv.ns().name() + "/" + inv.sim().now()).nextInt(65536);
        Repr base = Repr.query(id, DnsName.key(qname), type);
        Repr query = o.edns ? new Repr(id, base.flags(), base.questions(), List.of(), List.of(),
            List.of(Record.opt(EDNS_SIZE))) : base;
        String cmdline = String.join(" ", inv.args());
        List<String> errors = new ArrayList<>();
        DnsTarget.ask(inv.ns(), server, DnsTarget.port(), query, o.timeout, o.tries, o.tcp, !o.ignoreTc,
            (n, failed) -> errors.add(";; communications error to " + server + "#53: " + DnsTarget.failure(failed)),
            out -> {
                if (!o.shortForm) {
                    errors.forEach(inv::println);
                }
                if (!out.ok()) {
                    if (!o.shortForm) {
                        inv.println("");
                        inv.println("; <<>> DiG " + VERSION + " <<>> " + cmdline);
                        inv.println(";; global options: +cmd");
                    }
                    inv.println(";; no servers could be reached");
                    if (!o.shortForm) {
                        inv.println("");
                    }
                    inv.exit(9);
                    return;
                }
                print(inv, o, cmdline, server, out);
                inv.exit(0);
            });
    }

    private static void print(Invocation inv, Options o, String cmdline, Ipv4Address server, DnsClient.Outcome out) {
        Repr r = out.response();
        if (o.shortForm) {
            for (Record rec : r.answers()) {
                inv.println(rec.data().text());
            }
            return;
        }
        if (out.tcp() && !o.tcp) {
            inv.println(";; Truncated, retrying in TCP mode.");
        }
        inv.println("");
        inv.println("; <<>> DiG " + VERSION + " <<>> " + cmdline);
        inv.println(";; global options: +cmd");
        inv.println(";; Got answer:");
        inv.println(";; ->>HEADER<<- opcode: QUERY, status: " + DnsMessage.rcodeName(r.rcode()) + ", id: " + r.id());
        List<String> flags = new ArrayList<>();
        String[] names = {"qr", "aa", "tc", "rd", "ra", "ad", "cd"};
        int[] bits = {DnsMessage.QR, DnsMessage.AA, DnsMessage.TC, DnsMessage.RD, DnsMessage.RA, DnsMessage.AD,
            DnsMessage.CD};
        for (int i = 0; i < bits.length; i++) {
            if (r.has(bits[i])) {
                flags.add(names[i]);
            }
        }
        inv.println(";; flags: " + String.join(" ", flags) + "; QUERY: " + r.questions().size() + ", ANSWER: "
            + r.answers().size() + ", AUTHORITY: " + r.authority().size() + ", ADDITIONAL: " + r.additional().size());
        if (r.has(DnsMessage.RD) && !r.has(DnsMessage.RA)) {
            inv.println(";; WARNING: recursion requested but not available");
        }
        inv.println("");
        Record opt = r.opt();
        if (opt != null) {
            inv.println(";; OPT PSEUDOSECTION:");
            inv.println("; EDNS: version: " + ((opt.ttl() >>> 16) & 0xff) + ", flags:"
                + ((opt.ttl() & 0x8000) != 0 ? " do" : "") + "; udp: " + opt.cls());
        }
        inv.println(";; QUESTION SECTION:");
        for (DnsMessage.Question q : r.questions()) {
            inv.println(MasterFormat.question(q));
        }
        section(inv, "ANSWER", r.answers());
        section(inv, "AUTHORITY", r.authority());
        List<Record> additional = new ArrayList<>(r.additional());
        additional.removeIf(x -> x.type() == DnsMessage.TYPE_OPT);
        section(inv, "ADDITIONAL", additional);
        inv.println("");
        inv.println(";; Query time: " + out.rtt() / SimTime.MS + " msec");
        inv.println(";; SERVER: " + server + "#53(" + server + ") (" + (out.tcp() ? "TCP" : "UDP") + ")");
        inv.println(";; WHEN: " + DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ENGLISH)
            .format(Instant.ofEpochSecond(inv.sim().now() / SimTime.SECOND).atOffset(ZoneOffset.UTC)));
        inv.println(";; MSG SIZE  rcvd: " + out.size());
        inv.println("");
    }

    private static void section(Invocation inv, String title, List<Record> records) {
        if (records.isEmpty()) {
            return;
        }
        inv.println("");
        inv.println(";; " + title + " SECTION:");
        for (Record rec : records) {
            inv.println(MasterFormat.record(rec));
        }
    }

    private static Options parse(List<String> args) {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.startsWith("@")) {
                o.server = w.substring(1);
            } else if (w.equals("-x")) {
                if (i + 1 >= args.size() || !Ipv4Address.isValid(args.get(i + 1))) {
                    throw new UsageException("dig: Invalid IP address " + (i + 1 < args.size() ? args.get(i + 1) : ""),
                        1);
                }
                o.reverse = true;
                o.name = args.get(++i);
            } else if (w.startsWith("+")) {
                plus(o, w.substring(1));
            } else if (w.startsWith("-")) {
                throw new UsageException("Invalid option: " + w + "\nUsage:  dig [@global-server] [domain] [q-type] "
                    + "[q-class] {q-opt}", 1);
            } else if (o.name != null && o.type < 0 && DnsMessage.typeOf(w) >= 0) {
                o.type = DnsMessage.typeOf(w);
            } else if (w.equalsIgnoreCase("IN")) {
                continue;
            } else if (o.name == null) {
                o.name = w;
            } else {
                throw new UsageException("dig: knetsim's dig asks one question: " + w, 1);
            }
        }
        return o;
    }

    private static void plus(Options o, String opt) {
        String key = opt.contains("=") ? opt.substring(0, opt.indexOf('=')) : opt;
        String value = opt.contains("=") ? opt.substring(opt.indexOf('=') + 1) : null;
        switch (key) {
            case "short" -> o.shortForm = true;
            case "noshort" -> o.shortForm = false;
            case "tcp", "vc" -> o.tcp = true;
            case "notcp", "novc" -> o.tcp = false;
            case "noedns" -> o.edns = false;
            case "edns" -> o.edns = true;
            case "ignore" -> o.ignoreTc = true;
            case "time", "tries", "retry" -> {
                int n;
                try {
                    n = Integer.parseInt(value == null ? "" : value);
                } catch (NumberFormatException e) {
                    throw new UsageException("dig: '" + (value == null ? "" : value) + "' is not a number", 1);
                }
                if (key.equals("time")) {
                    o.timeout = SimTime.seconds(Math.max(1, n));
                } else {
                    o.tries = Math.max(1, key.equals("retry") ? n + 1 : n);
                }
            }
            default -> throw new UsageException("Invalid option: +" + opt, 1);
        }
    }
}
