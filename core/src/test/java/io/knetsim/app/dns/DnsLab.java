package io.knetsim.app.dns;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.app.http.FixedMessageServer;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.net.topo.Topo;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The DNS labs' world: a pod with the resolv.conf kubelet writes, and a server namespace
 * running the cluster DNS server and a web server, 1 ms apart.
 *
 * <pre>
 *   client 10.0.0.1/24 eth0 ---- 1 ms ---- eth0 10.0.0.2/24 dns
 *   /etc/resolv.conf:                         DnsServer :53 (cluster.local, in-addr.arpa,
 *     search default.svc.cluster.local ...               and "." standing in for upstream)
 *     nameserver 10.0.0.2                     HTTP "hello from web" :80
 *     options ndots:5
 *   services: web.default (ClusterIP 10.0.0.2, port http/TCP 80), db.default (headless, 40 endpoints
 *   10.244.1.1-40, port pg/TCP 5432), kubernetes.default (10.96.0.1, https/TCP 443)
 * </pre>
 */
final class DnsLab {
    final World world = new World(7);
    final NetNamespace client = world.createNamespace("client");
    final NetNamespace dns = world.createNamespace("dns");
    final ClusterDnsZone cluster = new ClusterDnsZone();
    final InMemoryZone upstream = new InMemoryZone(List.of(""), 86400, 2024010101);
    final DnsServer server;
    final ToolRunner runner = new ToolRunner(CoreTools.registry(), Path.of("."));

    DnsLab() {
        Topo.cable(Topo.nic(client, "eth0", "10.0.0.1/24"), Topo.nic(dns, "eth0", "10.0.0.2/24"),
            LinkConfig.DEFAULT.withDelay(Duration.ofMillis(1)));
        List<ClusterDnsZone.Endpoint> eps = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            eps.add(new ClusterDnsZone.Endpoint(Ipv4Address.parse("10.244.1." + i)));
        }
        cluster.update(List.of(
            ClusterDnsZone.ServiceEntry.clusterIp("kubernetes", "default", Ipv4Address.parse("10.96.0.1"),
                List.of(new ClusterDnsZone.ServicePort("https", "TCP", 443))),
            ClusterDnsZone.ServiceEntry.clusterIp("web", "default", Ipv4Address.parse("10.0.0.2"),
                List.of(new ClusterDnsZone.ServicePort("http", "TCP", 80))),
            ClusterDnsZone.ServiceEntry.headless("db", "default", eps,
                List.of(new ClusterDnsZone.ServicePort("pg", "TCP", 5432)))),
            List.of(new ClusterDnsZone.PodEntry("client", "default", Ipv4Address.parse("10.0.0.1"))));
        server = new DnsServer(dns, List.of(cluster, upstream)).start();
        FixedMessageServer.start(dns, 80, "hello from web");
        client.files().write("/etc/resolv.conf", """
            search default.svc.cluster.local svc.cluster.local cluster.local
            nameserver 10.0.0.2
            options ndots:5
            """);
    }

    Invocation run(NetNamespace ns, String line) {
        return runner.run(ns, line);
    }

    Invocation run(String line) {
        return run(client, line);
    }
}
