package io.knetsim.scenarios.measure;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.api.Pod;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.tcp.BulkSender;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.scenarios.cluster.Cluster;
import io.knetsim.scenarios.cluster.ClusterSpec;
import io.knetsim.scenarios.cluster.ClusterSpec.Host;
import io.knetsim.scenarios.cluster.ClusterWorld;
import io.knetsim.scenarios.cluster.RouterNetwork;
import io.knetsim.sim.SimTime;
import io.knetsim.skupper.config.ExposedService;
import io.knetsim.skupper.config.SiteSpec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The measured overhead of the router network: the same exchanges made direct, pod to pod in
 * one cluster, and through the skupper routers, from a pod of the other cluster. Times are
 * simulated; the simulation is deterministic, so each figure is exact for its seed.
 *
 * <pre>
 *   C0: C0w1 10.0.0.3 [client, router C0]   C0w2 10.0.0.4 [web nginx :80, sink :5001]
 *   C1: C1w1 10.0.0.8 [router C1, tcpListeners web :1028, sink :1029]   C1w2 10.0.0.9 [client]
 *
 *   direct: C0 client ──flannel VXLAN──▶ web / sink
 *   routed: C1 client ─▶ C1w1:1028/1029 [C1] ══AMQP, C1w1→C0w1:55671══ [C0] ─▶ web / sink (VXLAN C0w1→C0w2)
 * </pre>
 *
 * Two figures per path: the <b>request time</b>, from the client's {@code connect} to the end of
 * nginx's answer to one {@code GET /} (connection close), and the <b>bulk throughput</b>, bytes
 * sent by the client over the time from {@code connect} until a counting sink has received them
 * all. {@code java -cp knetsim.jar io.knetsim.scenarios.measure.RouterOverhead} prints them.
 */
public final class RouterOverhead {
    /** Which way the client goes. */
    public enum Way {
        /** Pod to pod in C0, over flannel's VXLAN. */
        DIRECT,
        /** From a pod in C1 through both routers to the pod in C0. */
        ROUTED
    }

    /** One path's figures: request time and bulk transfer time, in simulated nanoseconds. */
    public record Result(Way way, long requestNanos, long bulkBytes, long bulkNanos) {
        /** Bulk throughput in simulated megabits per second. */
        public double bulkMbitPerSecond() {
            return bulkBytes * 8.0 * SimTime.SECOND / bulkNanos / 1e6;
        }
    }

    static final int WEB_PORT = 1028;
    static final int SINK_PORT = 5001;
    static final int SINK_LPORT = 1029;
    static final String REQUEST = "GET / HTTP/1.1\r\nHost: web\r\nConnection: close\r\n\r\n";

    private final ClusterWorld world;
    private final RouterNetwork routers;
    private final NetNamespace directClient;
    private final NetNamespace routedClient;
    private final int web;
    private final int sink;
    private final int c1w1;
    private long received;

    private RouterOverhead(long seed) {
        world = new ClusterWorld(seed, LinkConfig.DEFAULT, List.of(
            new ClusterSpec("C0", List.of(new Host("e1", "10.1.0.1")),
                List.of(new Host("w1", "10.0.0.3"), new Host("w2", "10.0.0.4")), ClusterSpec.FLANNEL_VXLAN),
            new ClusterSpec("C1", List.of(new Host("e1", "10.2.0.1")),
                List.of(new Host("w1", "10.0.0.8"), new Host("w2", "10.0.0.9")), ClusterSpec.FLANNEL_VXLAN)),
            Path.of(".")).boot();
        Cluster c0 = world.cluster("C0");
        Cluster c1 = world.cluster("C1");
        directClient = c0.worker("w1").createContainer("client");
        routedClient = c1.worker("w2").createContainer("client");
        c0.worker("w2").createContainer("web", "nginx");
        NetNamespace sinkNs = c0.worker("w2").createContainer("sink");
        Tcp.listen(sinkNs, SINK_PORT, 128, s -> new TcpHandler() {
            @Override
            public void onData(TcpSocket sock, byte[] b, int off, int len) {
                received += len;
            }

            @Override
            public void onPeerClosed(TcpSocket sock) {
                sock.close();
            }
        });
        String webIp = podIp(c0, "web");
        String sinkIp = podIp(c0, "sink");
        routers = RouterNetwork.start(world, List.of(
            new SiteSpec("C0", "10.0.0.3", List.of()),
            new SiteSpec("C1", "10.0.0.8", List.of("C0"))),
            List.of(new ExposedService("web", "C0", webIp, 80, WEB_PORT),
                new ExposedService("sink", "C0", sinkIp, SINK_PORT, SINK_LPORT))).awaitConverged();
        web = Ipv4Address.parse(webIp).bits();
        sink = Ipv4Address.parse(sinkIp).bits();
        c1w1 = Ipv4Address.parse("10.0.0.8").bits();
    }

    /** Builds the two clusters, the pods and the routers, and waits for the routers to converge. */
    public static RouterOverhead build(long seed) {
        return new RouterOverhead(seed);
    }

    private static String podIp(Cluster c, String pod) {
        return c.api().get(Pod.class, "default", pod).status().podIP();
    }

    /** The world, for benchmarks that drive it further. */
    public ClusterWorld world() {
        return world;
    }

    /** The routers. */
    public RouterNetwork routers() {
        return routers;
    }

    /**
     * One {@code GET /} to nginx, the answer read until nginx closes; returns the simulated
     * nanoseconds from connect to the close, and fails unless the answer is nginx's page.
     */
    public long request(Way way) {
        long start = world.world().sim().now();
        StringBuilder answer = new StringBuilder();
        long[] end = {-1};
        TcpHandler client = new TcpHandler() {
            @Override
            public void onConnected(TcpSocket s) {
                byte[] req = REQUEST.getBytes(StandardCharsets.US_ASCII);
                s.send(req, 0, req.length);
            }

            @Override
            public void onData(TcpSocket s, byte[] b, int off, int len) {
                answer.append(new String(b, off, len, StandardCharsets.ISO_8859_1));
            }

            @Override
            public void onPeerClosed(TcpSocket s) {
                end[0] = world.world().sim().now();
                s.close();
            }
        };
        if (way == Way.DIRECT) {
            Tcp.connect(directClient, web, 80, client);
        } else {
            Tcp.connect(routedClient, c1w1, WEB_PORT, client);
        }
        long limit = start + SimTime.seconds(60);
        world.world().sim().runWhile(() -> end[0] < 0 && world.world().sim().now() < limit);
        if (end[0] < 0 || !answer.toString().contains("<h1>Welcome to nginx!</h1>")) {
            throw new IllegalStateException(way + " request failed: " + answer);
        }
        settle();
        return end[0] - start;
    }

    /**
     * Sends {@code bytes} to the counting sink with back-pressure, then closes; returns the
     * simulated nanoseconds from connect until the sink has counted them all.
     */
    public long bulk(Way way, int bytes) {
        long start = world.world().sim().now();
        long target = received + bytes;
        byte[] chunk = new byte[64 * 1024];
        BulkSender sender = new BulkSender(bytes, chunk);
        if (way == Way.DIRECT) {
            Tcp.connect(directClient, sink, SINK_PORT, sender);
        } else {
            Tcp.connect(routedClient, c1w1, SINK_LPORT, sender);
        }
        long limit = start + SimTime.seconds(600);
        world.world().sim().runWhile(() -> received < target && world.world().sim().now() < limit);
        if (received != target) {
            throw new IllegalStateException(way + " transfer: the sink counted " + (received - target + bytes)
                + " of " + bytes + " bytes");
        }
        long took = world.world().sim().now() - start;
        settle();
        return took;
    }

    /** Lets the closes finish (FINs, the routers' stream ends) before the next exchange. */
    private void settle() {
        world.world().sim().runFor(SimTime.ms(100));
    }

    /** Both figures for one path. */
    public Result measure(Way way, int bulkBytes) {
        return new Result(way, request(way), bulkBytes, bulk(way, bulkBytes));
    }

    /** The default bulk transfer: 4 MiB. */
    public static final int DEFAULT_BULK = 4 << 20;

    /** Prints the two paths' figures: {@code [seed] [bulk bytes]} (defaults 1 and {@link #DEFAULT_BULK}). */
    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 1;
        int bytes = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_BULK;
        report(build(seed), bytes, System.out);
    }

    /** Measures both paths and prints a table and the routed/direct ratios. */
    public static void report(RouterOverhead o, int bytes, PrintStream out) {
        Result d = o.measure(Way.DIRECT, bytes);
        Result r = o.measure(Way.ROUTED, bytes);
        out.println("path     request (ms)  bulk " + bytes + " B (ms)  throughput (Mbit/s)");
        for (Result x : List.of(d, r)) {
            out.println(String.format(Locale.ROOT, "%-8s %12.3f  %16.3f  %19.1f", x.way().name().toLowerCase(Locale.ROOT),
                x.requestNanos() / 1e6, x.bulkNanos() / 1e6, x.bulkMbitPerSecond()));
        }
        out.println(String.format(Locale.ROOT, "routed/direct: request time x%.2f, throughput x%.2f",
            (double) r.requestNanos() / d.requestNanos(), r.bulkMbitPerSecond() / d.bulkMbitPerSecond()));
        out.println("drops " + o.world.world().totalDrops().asMap());
    }
}
