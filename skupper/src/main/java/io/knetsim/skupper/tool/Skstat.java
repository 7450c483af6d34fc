package io.knetsim.skupper.tool;

import io.knetsim.skupper.router.AddressInfo;
import io.knetsim.skupper.router.ConnectionInfo;
import io.knetsim.skupper.router.LinkInfo;
import io.knetsim.skupper.router.SkupperRouter;
import io.knetsim.skupper.router.SkupperRouters;
import io.knetsim.skupper.routing.Route;
import io.knetsim.tool.Command;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.UsageException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * {@code skstat}, skupper-router's status tool, against the router on this host:
 * {@code -g} general statistics, {@code -c} connections, {@code -l} router links,
 * {@code -n} routers in the network with next hops ({@code -v} adds the cost and neighbours),
 * {@code -a} addresses. Each table follows the date in UTC (the simulated clock read from
 * 1970-01-01, printed as Python prints a {@code datetime}) and the router id:
 *
 * <pre>
 * 1970-01-01 00:00:05 UTC
 * A
 *
 * Routers in the Network
 *   router-id  next-hop  link
 *   ==========================
 *   A          (self)    -
 *   B          -         0
 *   C          B         -
 * </pre>
 *
 * The real tool asks the router over AMQP management; here it reads the router's state
 * directly. With no router on the host it fails as skstat does when nothing listens on 5672.
 */
public final class Skstat implements Command {
    @Override
    public String name() {
        return "skstat";
    }

    @Override
    public String synopsis() {
        return "skstat -g|-c|-l|-n|-a [-v]: show the skupper router's general statistics, connections, links, "
            + "nodes or addresses";
    }

    @Override
    public void start(Invocation inv) {
        char show = 0;
        boolean verbose = false;
        for (String a : inv.args()) {
            switch (a) {
                case "-g", "--general" -> show = 'g';
                case "-c", "--connections" -> show = 'c';
                case "-l", "--links" -> show = 'l';
                case "-n", "--nodes" -> show = 'n';
                case "-a", "--address" -> show = 'a';
                case "-v", "--verbose" -> verbose = true;
                default -> throw new UsageException("usage: skstat [-g|-c|-l|-n|-a] [-v]\n"
                    + "skstat: error: unrecognized arguments: " + a, 2);
            }
        }
        if (show == 0) {
            throw new UsageException("usage: skstat [-g|-c|-l|-n|-a] [-v]\n"
                + "skstat: error: one of the arguments -g/--general -c/--connections -l/--links -n/--nodes "
                + "-a/--address is required", 2);
        }
        var router = SkupperRouters.of(inv.ns().world()).on(inv.ns());
        if (router.isEmpty()) {
            inv.eprintln("ConnectionException: Connection amqp://0.0.0.0:amqp/$management failed: "
                + "Connection refused");
            inv.exit(1);
            return;
        }
        SkupperRouter r = router.get();
        inv.print(header(inv.sim().now(), r.id()));
        inv.print(switch (show) {
            case 'g' -> general(r);
            case 'c' -> connections(r);
            case 'l' -> links(r);
            case 'n' -> nodes(r, verbose);
            default -> addresses(r);
        });
        inv.exit(0);
    }

    /** The date line ({@code str(datetime.utcnow())}: microseconds only when not zero) and the router id. */
    static String header(long nanos, String id) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(nanos / 1_000_000_000L, 0, ZoneOffset.UTC);
        long micros = (nanos % 1_000_000_000L) / 1000;
        String date = t.toLocalDate() + " " + String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(),
            t.getSecond()) + (micros == 0 ? "" : String.format(".%06d", micros));
        return date + " UTC\n" + id + "\n\n";
    }

    static String general(SkupperRouter r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Version", "knetsim"));
        rows.add(List.of("Mode", r.config().router().mode().wireName()));
        rows.add(List.of("Router Id", r.id()));
        rows.add(List.of("Worker Threads", "1"));
        rows.add(List.of("Uptime", SkstatTable.timeLong(r.uptimeNanos() / 1_000_000_000L)));
        rows.add(List.of("Area", "0"));
        rows.add(List.of("Links", Integer.toString(r.links().size())));
        rows.add(List.of("Nodes", Integer.toString(r.routeTable().routes().size())));
        rows.add(List.of("Addresses", Integer.toString(r.addresses().size())));
        rows.add(List.of("Total Connections", Integer.toString(r.connections().size())));
        long ingress = r.addresses().stream().mapToLong(AddressInfo::in).sum();
        long egress = r.addresses().stream().mapToLong(AddressInfo::out).sum();
        long transit = r.addresses().stream().mapToLong(AddressInfo::thru).sum();
        rows.add(List.of("Ingress Count", Long.toString(ingress)));
        rows.add(List.of("Egress Count", Long.toString(egress)));
        rows.add(List.of("Transit Count", Long.toString(transit)));
        rows.add(List.of("TCP Service Connections", Long.toString(ingress + egress)));
        return SkstatTable.render("Router Statistics", List.of("attr", "value"), rows);
    }

    static String connections(SkupperRouter r) {
        List<List<String>> rows = new ArrayList<>();
        for (ConnectionInfo c : r.connections()) {
            rows.add(List.of(Long.toString(c.identity()), c.host(), c.container(), c.role(), "amqp", c.dir(),
                "no-security", "no-auth", "", SkstatTable.timeLong(c.uptimeSeconds())));
        }
        return SkstatTable.render("Connections", List.of("id", "host", "container", "role", "proto", "dir",
            "security", "authentication", "meshId", "uptime"), rows);
    }

    static String links(SkupperRouter r) {
        List<List<String>> rows = new ArrayList<>();
        for (LinkInfo l : r.links()) {
            String cls = l.address().isEmpty() ? "" : "mobile";
            rows.add(List.of(l.type(), l.dir(), Long.toString(l.connectionId()), Long.toString(l.identity()), cls,
                l.address(), Long.toString(l.capacity()), Integer.toString(l.undelivered()), "0",
                Long.toString(l.deliveries()), l.type().equals("router-control") ? Long.toString(l.deliveries()) : "0",
                "0", "0", "0", "0"));
        }
        return SkstatTable.render("Router Links", List.of("type", "dir", "conn id", "id", "class", "addr", "cap",
            "undel", "unsett", "deliv", "presett", "acc", "rej", "rel", "mod"), rows);
    }

    static String nodes(SkupperRouter r, boolean verbose) {
        List<List<String>> rows = new ArrayList<>();
        SortedMap<String, SortedMap<String, Integer>> ls = r.linkState();
        Map<String, Long> neighbours = r.neighbours();
        java.util.SortedSet<String> ids = new java.util.TreeSet<>(r.routeTable().routes().keySet());
        ids.add(r.id());
        for (String id : ids) {
            List<String> row = new ArrayList<>();
            row.add(id);
            Route route = r.routeTable().routes().get(id);
            if (id.equals(r.id())) {
                row.add("(self)");
                row.add("-");
            } else if (route.nextHop().equals(id) && neighbours.containsKey(id)) {
                row.add("-");
                row.add(Long.toString(neighbours.get(id)));
            } else {
                row.add(route.nextHop());
                row.add("-");
            }
            if (verbose) {
                row.add("1");
                row.add(route == null ? "" : Long.toString(route.cost()));
                row.add(pyList(new ArrayList<>(ls.getOrDefault(id, new java.util.TreeMap<>()).keySet())));
                row.add("[]");
            }
            rows.add(row);
        }
        List<String> heads = new ArrayList<>(List.of("router-id", "next-hop", "link"));
        if (verbose) {
            heads.addAll(List.of("ver", "cost", "neighbors", "valid-origins"));
        }
        return SkstatTable.render("Routers in the Network", heads, rows);
    }

    static String addresses(SkupperRouter r) {
        List<List<String>> rows = new ArrayList<>();
        for (AddressInfo a : r.addresses()) {
            rows.add(List.of("mobile", a.address(), "balanced", Integer.toString(a.local()),
                Integer.toString(a.remote()), Long.toString(a.in()), Long.toString(a.out()), Long.toString(a.thru())));
        }
        return SkstatTable.render("Router Addresses", List.of("class", "addr", "distrib", "local", "remote", "in",
            "out", "thru"), rows);
    }

    /** Python's repr of a list of strings: {@code ['B', 'C']}. */
    private static String pyList(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('\'').append(items.get(i)).append('\'');
        }
        return sb.append(']').toString();
    }
}
