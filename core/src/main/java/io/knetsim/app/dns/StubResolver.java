package io.knetsim.app.dns;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.packet.DnsMessage;
import io.knetsim.packet.DnsMessage.Record;
import io.knetsim.packet.DnsMessage.Repr;
import io.knetsim.packet.DnsName;
import io.knetsim.packet.DnsRdata;
import io.knetsim.sim.SimRandom;
import io.knetsim.sim.SimTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The C library's host name lookup ({@code getaddrinfo} for IPv4) as a namespace's programs
 * use it, on the simulator's clock. The order is glibc's {@code hosts: files dns}:
 *
 * <pre>
 *   "10.0.0.2"              -> the address itself, no lookup
 *   /etc/hosts has the name -> its addresses
 *   otherwise DNS, with /etc/resolv.conf's servers, search list and ndots (res_search):
 *     name ending in "."        : only as it is
 *     dots &gt;= ndots             : as it is, then name.search1, name.search2, ...
 *     dots &lt;  ndots             : name.search1, name.search2, ..., then as it is
 *   each name: A query over UDP, TC -&gt; TCP; per attempt every server in turn, waiting
 *   timeout &lt;&lt; attempt / servers (at least 1 s); SERVFAIL, REFUSED or ICMP refused -&gt; next server
 * </pre>
 *
 * The search stops at the first name with addresses; NXDOMAIN and "no data" go on to the next
 * name, and so does SERVFAIL; a timeout or REFUSED ends the search list (the name as it is is
 * still tried, as glibc does). Failures are reported with {@code gai_strerror}'s words
 * ({@link Error}); {@code curl}, {@code ping}, {@code wget} and {@code nc} print them as they do.
 */
public final class StubResolver {
    /** The getaddrinfo error, with gai_strerror's message. */
    public enum Error {
        /** EAI_NONAME: every name was NXDOMAIN. */
        NONAME("Name or service not known"),
        /** EAI_AGAIN: timeouts or server failures. */
        AGAIN("Temporary failure in name resolution"),
        /** EAI_FAIL: REFUSED, FORMERR or NOTIMP. */
        FAIL("Non-recoverable failure in name resolution"),
        /** EAI_NODATA: the name exists without an A record. */
        NODATA("No address associated with hostname");

        private final String message;

        Error(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    /**
     * The outcome: the canonical name and addresses (the name in /etc/hosts, or the end of the
     * CNAME chain), or the error. {@code queries} counts the DNS messages sent.
     */
    public record Result(String name, String canonicalName, List<Ipv4Address> addresses, Error error, int queries) {
        public boolean ok() {
            return error == null;
        }
    }

    /** h_errno values of one name's lookup. */
    private enum Herrno { FOUND, HOST_NOT_FOUND, NO_DATA, TRY_AGAIN_SERVFAIL, TRY_AGAIN, NO_RECOVERY }

    private final NetNamespace ns;
    private final SimRandom random;

    public StubResolver(NetNamespace ns) {
        this.ns = ns;
        this.random = ns.sim().random("resolver/" + ns.name() + "/" + ns.sim().now());
    }

    /** Looks {@code host} up; {@code done} runs once, at once for an address or a hosts entry. */
    public void resolve(String host, Consumer<Result> done) {
        if (Ipv4Address.isValid(host)) {
            done.accept(new Result(host, host, List.of(Ipv4Address.parse(host)), null, 0));
            return;
        }
        List<HostsFile.Entry> hosts = HostsFile.read(ns.files()).lookup(host);
        if (!hosts.isEmpty()) {
            List<Ipv4Address> addrs = new ArrayList<>();
            hosts.forEach(e -> addrs.add(e.address()));
            done.accept(new Result(host, hosts.get(0).names().get(0), addrs, null, 0));
            return;
        }
        if (host.isEmpty() || !DnsName.isValid(host)) {
            done.accept(new Result(host, null, List.of(), Error.NONAME, 0));
            return;
        }
        new Search(host, ResolvConf.read(ns.files()), done).start();
    }

    /**
     * {@code getnameinfo} for an address: the first name of its {@code /etc/hosts} line, else
     * the PTR of {@code d.c.b.a.in-addr.arpa} from the resolv.conf servers; null when neither
     * has one. {@code done} runs once (at once for a hosts entry).
     */
    public void reverse(Ipv4Address address, Consumer<String> done) {
        HostsFile.Entry e = HostsFile.read(ns.files()).byAddress(address);
        if (e != null) {
            done.accept(e.names().get(0));
            return;
        }
        String[] o = address.toString().split("\\.");
        String qname = o[3] + "." + o[2] + "." + o[1] + "." + o[0] + ".in-addr.arpa";
        ResolvConf conf = ResolvConf.read(ns.files());
        Repr query = Repr.query(random.nextInt(65536), qname, DnsMessage.TYPE_PTR);
        reverseAttempt(conf, query, 0, done);
    }

    private void reverseAttempt(ResolvConf conf, Repr query, int n, Consumer<String> done) {
        int servers = conf.nameservers().size();
        if (n >= servers * conf.attempts()) {
            done.accept(null);
            return;
        }
        int attempt = n / servers;
        long wait = Math.max(SimTime.SECOND, (conf.timeout() << attempt) / servers);
        DnsClient.exchange(ns, conf.nameservers().get(n % servers), DnsMessage.PORT, query, wait, true, false, o -> {
            if (!o.ok() || o.response().rcode() == DnsMessage.SERVFAIL || o.response().rcode() == DnsMessage.REFUSED) {
                reverseAttempt(conf, query, n + 1, done);
                return;
            }
            for (Record r : o.response().answers()) {
                if (r.type() == DnsMessage.TYPE_PTR) {
                    done.accept(((DnsRdata.Name) r.data()).name());
                    return;
                }
            }
            done.accept(null);
        });
    }

    /** One res_search run. */
    private final class Search {
        private final String name;
        private final ResolvConf conf;
        private final Consumer<Result> done;
        private final List<String> searchNames = new ArrayList<>();
        private final boolean trailingDot;
        private final boolean asIsFirst;
        private int next;
        private boolean triedAsIs;
        private Herrno saved;
        private boolean gotNodata;
        private boolean gotServfail;
        private int queries;

        Search(String name, ResolvConf conf, Consumer<Result> done) {
            this.trailingDot = name.endsWith(".");
            this.name = trailingDot ? name.substring(0, name.length() - 1) : name;
            this.conf = conf;
            this.done = done;
            long dots = this.name.chars().filter(c -> c == '.').count();
            this.asIsFirst = trailingDot || dots >= conf.ndots();
            if (!trailingDot) {
                for (String d : conf.search()) {
                    searchNames.add(d.isEmpty() ? this.name : this.name + "." + d);
                }
            }
        }

        void start() {
            if (asIsFirst) {
                triedAsIs = true;
                lookup(name, (h, r) -> {
                    if (h == Herrno.FOUND) {
                        done.accept(r);
                        return;
                    }
                    saved = h;
                    if (trailingDot) {
                        finish(h);
                        return;
                    }
                    searchNext();
                });
                return;
            }
            searchNext();
        }

        private void searchNext() {
            if (next >= searchNames.size()) {
                afterSearch();
                return;
            }
            lookup(searchNames.get(next++), (h, r) -> {
                switch (h) {
                    case FOUND -> done.accept(r);
                    case NO_DATA -> {
                        gotNodata = true;
                        searchNext();
                    }
                    case HOST_NOT_FOUND -> searchNext();
                    case TRY_AGAIN_SERVFAIL -> {
                        gotServfail = true;
                        searchNext();
                    }
                    default -> afterSearch(); // anything else ends the search list
                }
            });
        }

        private void afterSearch() {
            if (triedAsIs) {
                finish(null);
                return;
            }
            triedAsIs = true;
            lookup(name, (h, r) -> {
                if (h == Herrno.FOUND) {
                    done.accept(r);
                } else {
                    finish(h);
                }
            });
        }

        private void finish(Herrno last) {
            Herrno h = saved != null ? saved : gotNodata ? Herrno.NO_DATA : gotServfail ? Herrno.TRY_AGAIN : last;
            Error e = switch (h == null ? Herrno.HOST_NOT_FOUND : h) {
                case NO_DATA -> Error.NODATA;
                case TRY_AGAIN, TRY_AGAIN_SERVFAIL -> Error.AGAIN;
                case NO_RECOVERY -> Error.FAIL;
                default -> Error.NONAME;
            };
            done.accept(new Result(name, null, List.of(), e, queries));
        }

        /** res_query for one name: every attempt, every server, until a usable answer. */
        private void lookup(String qname, java.util.function.BiConsumer<Herrno, Result> then) {
            int id = random.nextInt(65536);
            Repr query = Repr.query(id, qname, DnsMessage.TYPE_A);
            new Attempts(qname, query, then).next();
        }

        private final class Attempts {
            private final String qname;
            private final Repr query;
            private final java.util.function.BiConsumer<Herrno, Result> then;
            private int attempt;
            private int server;
            private Repr lastAnswer;

            Attempts(String qname, Repr query, java.util.function.BiConsumer<Herrno, Result> then) {
                this.qname = qname;
                this.query = query;
                this.then = then;
            }

            void next() {
                if (server >= conf.nameservers().size()) {
                    server = 0;
                    attempt++;
                }
                if (attempt >= conf.attempts()) {
                    then.accept(lastAnswer == null ? Herrno.TRY_AGAIN : herrno(lastAnswer), null);
                    return;
                }
                long wait = (conf.timeout() << attempt) / conf.nameservers().size();
                wait = Math.max(wait, SimTime.SECOND);
                Ipv4Address to = conf.nameservers().get(server++);
                queries++;
                DnsClient.exchange(ns, to, DnsMessage.PORT, query, wait, true, false, o -> {
                    if (!o.ok()) {
                        next();
                        return;
                    }
                    Repr r = o.response();
                    int rc = r.rcode();
                    if (rc == DnsMessage.SERVFAIL || rc == DnsMessage.NOTIMP || rc == DnsMessage.REFUSED) {
                        lastAnswer = r;
                        next();
                        return;
                    }
                    Herrno h = herrno(r);
                    if (h != Herrno.FOUND) {
                        then.accept(h, null);
                        return;
                    }
                    then.accept(h, result(r));
                });
            }

            private Herrno herrno(Repr r) {
                return switch (r.rcode()) {
                    case DnsMessage.NXDOMAIN -> Herrno.HOST_NOT_FOUND;
                    case DnsMessage.SERVFAIL -> Herrno.TRY_AGAIN_SERVFAIL;
                    case DnsMessage.NOERROR -> addresses(r).isEmpty() ? Herrno.NO_DATA : Herrno.FOUND;
                    default -> Herrno.NO_RECOVERY;
                };
            }

            private List<Ipv4Address> addresses(Repr r) {
                String canonical = canonical(r);
                List<Ipv4Address> out = new ArrayList<>();
                for (Record rec : r.answers()) {
                    if (rec.type() == DnsMessage.TYPE_A && DnsName.key(rec.name()).equals(DnsName.key(canonical))
                        && rec.data() instanceof DnsRdata.A a) {
                        out.add(a.address());
                    }
                }
                return out;
            }

            private String canonical(Repr r) {
                String c = qname;
                for (int i = 0; i < 16; i++) {
                    String from = c;
                    String to = null;
                    for (Record rec : r.answers()) {
                        if (rec.type() == DnsMessage.TYPE_CNAME && DnsName.key(rec.name()).equals(DnsName.key(from))) {
                            to = ((DnsRdata.Name) rec.data()).name();
                        }
                    }
                    if (to == null) {
                        break;
                    }
                    c = to;
                }
                return c;
            }

            private Result result(Repr r) {
                return new Result(name, canonical(r), addresses(r), null, queries);
            }
        }
    }
}
