package io.knetsim.benchmarks;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.app.http.FixedMessageServer;
import io.knetsim.app.http.HttpClient;
import io.knetsim.app.http.HttpClientRequest;
import io.knetsim.ingress.nginx.Location;
import io.knetsim.ingress.nginx.NginxConfig;
import io.knetsim.ingress.nginx.NginxProxy;
import io.knetsim.ingress.nginx.Upstream;
import io.knetsim.ingress.nginx.UpstreamServer;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.Lan;
import io.knetsim.sim.SimTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: how many HTTP requests per wall second does the engine simulate through the
 * nginx-like ingress proxy?
 *
 * <pre>
 *   s0 ─┬─ client 10.0.0.1   ({@value #REQUESTS} GETs at once, each on its own connection)
 *       ├─ proxy  10.0.0.2   nginx :8001  location / -&gt; upstream app (round-robin)
 *       ├─ up1    10.0.0.11  "S1-W2" :8000
 *       └─ up2    10.0.0.12  "S1-W3" :8000
 * </pre>
 *
 * Each invocation sends {@value #REQUESTS} requests and runs the clock until every one is
 * answered (then lets 61 simulated seconds pass so TIME_WAIT sockets close, as they would
 * between rounds of a real load test); it fails unless all got 200. The score is per request
 * ({@link OperationsPerInvocation}). Baseline in the same run: {@code path = direct}, the same
 * requests straight to up1 (one TCP connection per request instead of two).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IngressProxyBenchmark {
    /** Requests per invocation. */
    public static final int REQUESTS = 100;

    /** The world, built once per trial. */
    @State(Scope.Thread)
    public static class Bench {
        @Param({"proxied", "direct"})
        public String path;

        World world;
        HttpClient client;
        int target;
        int port;

        @Setup
        public void build() {
            world = new World(13);
            Lan lan = new Lan(world, "s0", LinkConfig.DEFAULT);
            NetNamespace c = host(lan, "client", "10.0.0.1/24");
            NetNamespace proxy = host(lan, "proxy", "10.0.0.2/24");
            FixedMessageServer.start(host(lan, "up1", "10.0.0.11/24"), 8000, "S1-W2");
            FixedMessageServer.start(host(lan, "up2", "10.0.0.12/24"), 8000, "S1-W3");
            NginxProxy.start(proxy, new NginxConfig("bench", 8001, List.of(),
                List.of(Upstream.of("app", UpstreamServer.of("10.0.0.11", 8000), UpstreamServer.of("10.0.0.12", 8000))),
                List.of(Location.prefix("/", "app"))));
            client = new HttpClient(c, "bench");
            boolean proxied = path.equals("proxied");
            target = Ipv4Address.parse(proxied ? "10.0.0.2" : "10.0.0.11").bits();
            port = proxied ? 8001 : 8000;
        }

        private NetNamespace host(Lan lan, String name, String cidr) {
            NetNamespace ns = world.createNamespace(name);
            lan.attach(ns, "eth0", cidr);
            return ns;
        }

        /** Sends the requests, runs the clock until all are answered; returns how many got 200. */
        int round() {
            int[] ok = {0};
            int[] done = {0};
            for (int i = 0; i < REQUESTS; i++) {
                client.send(HttpClientRequest.get(target, port, "/svc1"), r -> {
                    done[0]++;
                    if (r.ok() && r.response().status() == 200) {
                        ok[0]++;
                    }
                });
            }
            world.sim().runWhile(() -> done[0] < REQUESTS);
            if (ok[0] != REQUESTS) {
                throw new IllegalStateException("only " + ok[0] + " of " + REQUESTS + " requests got 200");
            }
            // Let TIME_WAIT (60 s) run out, so ephemeral ports never run short over many rounds.
            world.sim().runFor(SimTime.seconds(61));
            return ok[0];
        }
    }

    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public int requests(Bench b) {
        return b.round();
    }
}
