package io.knetsim.tool.dnsutils;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.app.dns.DnsClient;
import io.knetsim.app.dns.ResolvConf;
import io.knetsim.packet.DnsMessage;
import io.knetsim.packet.DnsMessage.Record;
import io.knetsim.packet.DnsMessage.Repr;
import io.knetsim.packet.DnsName;
import io.knetsim.packet.DnsRdata;
import io.knetsim.sim.SimRandom;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;
import java.util.List;

/**
 * {@code nslookup NAME [SERVER]} in BIND 9's non-interactive form:
 *
 * <pre>
 *   Server:		10.96.0.10
 *   Address:	10.96.0.10#53
 *
 *   Name:	web.default.svc.cluster.local
 *   Address: 10.96.0.20
 *
 * </pre>
 *
 * The server is SERVER or the first {@code nameserver} of {@code /etc/resolv.conf}; the names
 * tried are those of the resolv.conf search list and ndots, in glibc's order, until one
 * answers. A CNAME is shown as {@code NAME\tcanonical name = TARGET.}, an answer from a server
 * that is not authoritative under {@code Non-authoritative answer:}, an address as NAME asks
 * for its PTR ({@code 20.0.96.10.in-addr.arpa\tname = web.default.svc.cluster.local.}). A name
 * no server knows ends with {@code ** server can't find NAME: NXDOMAIN} (or the last status)
 * and exit status 1; no answer after two tries of 5 s with
 * {@code ;; connection timed out; no servers could be reached}, status 1.
 */
public final class Nslookup implements Command {
    @Override
    public String name() {
        return "nslookup";
    }

    @Override
    public String synopsis() {
        return "nslookup NAME [SERVER]: ask the name's addresses (or an address's name) of a DNS server";
    }

    @Override
    public void start(Invocation inv) {
        List<String> args = inv.args();
        if (args.isEmpty() || args.size() > 2 || args.get(0).startsWith("-")) {
            throw new UsageException("Usage: nslookup NAME [SERVER]  (knetsim: non-interactive form only)", 1);
        }
        String name = args.get(0);
        ResolvConf conf = ResolvConf.read(inv.ns().files());
        Ipv4Address server;
        if (args.size() == 2) {
            if (!Ipv4Address.isValid(args.get(1))) {
                throw new UsageException("nslookup: couldn't get address for '" + args.get(1) + "': not found", 1);
            }
            server = Ipv4Address.parse(args.get(1));
        } else {
            server = conf.nameservers().get(0);
        }
        List<String> names;
        int type;
        if (Ipv4Address.isValid(name)) {
            names = List.of(DnsTarget.reverseName(Ipv4Address.parse(name)));
            type = DnsMessage.TYPE_PTR;
        } else {
            if (!DnsName.isValid(name)) {
                throw new UsageException("nslookup: '" + name + "' is not a legal name", 1);
            }
            names = conf.candidates(name);
            type = DnsMessage.TYPE_A;
        }
        SimRandom random = inv.sim().random("nslookup/" + inv.ns().name() + "/" + inv.sim().now());
        new Run(inv, server, name, names, type, random).next(0, null);
    }

    private static final class Run {
        private final Invocation inv;
        private final Ipv4Address server;
        private final String typed;
        private final List<String> names;
        private final int type;
        private final SimRandom random;

        Run(Invocation inv, Ipv4Address server, String typed, List<String> names, int type, SimRandom random) {
            this.inv = inv;
            this.server = server;
            this.typed = typed;
            this.names = names;
            this.type = type;
            this.random = random;
        }

        void next(int i, Repr last) {
            if (i >= names.size()) {
                head();
                inv.println("** server can't find " + typed + ": " + DnsMessage.rcodeName(last.rcode()));
                inv.println("");
                inv.exit(1);
                return;
            }
            Repr query = Repr.query(random.nextInt(65536), names.get(i), type);
            DnsTarget.ask(inv.ns(), server, DnsTarget.port(), query, SimTime.seconds(5), 2, false, true,
                (n, o) -> { }, o -> {
                    if (!o.ok()) {
                        inv.println(";; connection timed out; no servers could be reached");
                        inv.println("");
                        inv.exit(1);
                        return;
                    }
                    Repr r = o.response();
                    if (r.rcode() == DnsMessage.NOERROR && !r.answers().isEmpty()) {
                        answer(r);
                        return;
                    }
                    if (r.rcode() == DnsMessage.NOERROR && i == names.size() - 1) {
                        head();
                        inv.println("*** Can't find " + typed + ": No answer");
                        inv.println("");
                        inv.exit(1);
                        return;
                    }
                    next(i + 1, r);
                });
        }

        private void head() {
            inv.println("Server:\t\t" + server);
            inv.println("Address:\t" + server + "#53");
            inv.println("");
        }

        private void answer(Repr r) {
            head();
            if (!r.has(DnsMessage.AA)) {
                inv.println("Non-authoritative answer:");
            }
            for (Record rec : r.answers()) {
                if (rec.data() instanceof DnsRdata.A a) {
                    inv.println("Name:\t" + rec.name());
                    inv.println("Address: " + a.address());
                } else if (rec.data() instanceof DnsRdata.Name n && rec.type() == DnsMessage.TYPE_CNAME) {
                    inv.println(rec.name() + "\tcanonical name = " + DnsName.absolute(n.name()));
                } else if (rec.data() instanceof DnsRdata.Name n && rec.type() == DnsMessage.TYPE_PTR) {
                    inv.println(rec.name() + "\tname = " + DnsName.absolute(n.name()));
                } else {
                    inv.println(rec.name() + "\t" + rec.data().text());
                }
            }
            inv.println("");
            inv.exit(0);
        }
    }
}
