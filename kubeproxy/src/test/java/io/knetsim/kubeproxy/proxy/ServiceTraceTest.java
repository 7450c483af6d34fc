package io.knetsim.kubeproxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.topo.Topo;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.CoreTools;
import io.knetsim.tool.Invocation;
import io.knetsim.tool.ToolRunner;
import io.knetsim.tool.iproute.Shell;
import io.knetsim.tool.nft.NftScript;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code nft monitor trace} through kube-proxy's chains: a table of the learner's own marks
 * the SYN of a pod's connection to a ClusterIP at prerouting (priority raw, before
 * conntrack), and the trace shows it walk {@code table ip kube-proxy}: the filter chains'
 * checks, then the nat chain's one lookup in {@code service-ips}, the service chain, the
 * endpoint chain and its dnat.
 *
 * <pre>
 *   pod3 10.180.3.1 ──p3── node (table ip kube-proxy; table ip debug: prerouting -300, nftrace) ──p1── pod1 10.180.1.1:80
 *   pod3$ connect 172.30.0.41:80   (ns1/svc1, one endpoint: pod1)
 * </pre>
 */
class ServiceTraceTest {
    @Test
    void aConnectionToAClusterIpIsTracedThroughTheServiceAndEndpointChains() {
        World world = new World(7);
        NetNamespace node = Topo.host(world, "node");
        NetNamespace pod1 = Topo.host(world, "pod1");
        NetNamespace pod3 = Topo.host(world, "pod3");
        Topo.veth(pod1, "eth0", "10.180.1.1/24", node, "p1", "10.180.1.254/24");
        Topo.veth(pod3, "eth0", "10.180.3.1/24", node, "p3", "10.180.3.254/24");
        Topo.routeVia(pod1, "0.0.0.0/0", "10.180.1.254", pod1.device("eth0"));
        Topo.routeVia(pod3, "0.0.0.0/0", "10.180.3.254", pod3.device("eth0"));
        node.sysctl().ipForward = 1;
        Tcp.listen(pod1, 80, 16, s -> new TcpHandler() { });
        NftScript.apply(node.nftables(), "kube-proxy", ProxyRuleset.build(List.of(
            new ServicePortInfo("ns1", "svc1", "p80", "tcp", "172.30.0.41", 80, 0, false, 0,
                List.of(new ServicePortInfo.EndpointInfo("10.180.1.1", 80, "node")))),
            new KubeProxyConfig("node", Cidr.parse("10.0.0.0/8"), List.of("192.168.0.2"), 0)));
        Shell sh = new Shell();
        sh.ok(node, "nft add table ip debug");
        sh.ok(node, "nft add chain ip debug trace '{ type filter hook prerouting priority raw; policy accept; }'");
        sh.ok(node, "nft add rule ip debug trace tcp flags syn ip daddr 172.30.0.41 meta nftrace set 1");
        Invocation monitor = new ToolRunner(CoreTools.registry(), Path.of(".")).start(node, "nft monitor trace");

        Tcp.connect(pod3, Ipv4Address.parse("172.30.0.41").bits(), 80, new TcpHandler() { });
        world.sim().runFor(SimTime.seconds(1));
        monitor.interrupt();

        String id = "trace id f220adcd ip ";
        String svc = "service-ULMVA6XW-ns1/svc1/tcp/p80";
        String ep = "endpoint-B7I4G2ZB-ns1/svc1/tcp/p80__10.180.1.1/80";
        String ether = "ether saddr 56:b3:4f:a6:34:1f ether daddr 46:61:94:e3:4e:6b ";
        String tcp = "ip dscp cs0 ip ecn not-ect ip ttl %d ip id 61726 ip length 60 tcp sport 57569 tcp dport 80 "
            + "tcp flags == syn tcp window 64240 ";
        assertThat(monitor.stdout()).isEqualTo(String.join("\n",
            id + "debug trace packet: iif \"p3\" " + ether + "ip saddr 10.180.3.1 ip daddr 172.30.0.41 "
                + tcp.formatted(64),
            id + "debug trace rule tcp flags syn ip daddr 172.30.0.41 meta nftrace set 1 (verdict continue)",
            id + "debug trace verdict continue ",
            id + "debug trace policy accept ",
            // conntrack's NAT hook runs kube-proxy's nat chain for the flow's first packet: one map lookup
            id + "kube-proxy nat-prerouting packet: iif \"p3\" " + ether
                + "ip saddr 10.180.3.1 ip daddr 172.30.0.41 " + tcp.formatted(64),
            id + "kube-proxy nat-prerouting rule jump services (verdict jump services)",
            id + "kube-proxy services rule ip daddr . meta l4proto . th dport vmap @service-ips (verdict goto " + svc + ")",
            id + "kube-proxy " + svc + " rule numgen random mod 1 vmap { 0 : goto " + ep + " } (verdict goto " + ep + ")",
            id + "kube-proxy " + ep + " rule meta l4proto tcp dnat to 10.180.1.1:80 (verdict accept)",
            // forwarded, already translated: the filter checks find a service with endpoints
            id + "kube-proxy filter-forward packet: iif \"p3\" oif \"p1\" " + ether
                + "ip saddr 10.180.3.1 ip daddr 10.180.1.1 " + tcp.formatted(63),
            id + "kube-proxy filter-forward rule ct state new jump service-endpoints-check "
                + "(verdict jump service-endpoints-check)",
            id + "kube-proxy service-endpoints-check verdict continue ",
            id + "kube-proxy filter-forward rule ct state new jump cluster-ips-check (verdict jump cluster-ips-check)",
            id + "kube-proxy cluster-ips-check verdict continue ",
            id + "kube-proxy filter-forward verdict continue ",
            id + "kube-proxy filter-forward policy accept ",
            // a client in the pod network is not marked, so it is not masqueraded
            id + "kube-proxy nat-postrouting packet: iif \"p3\" oif \"p1\" " + ether
                + "ip saddr 10.180.3.1 ip daddr 10.180.1.1 " + tcp.formatted(63),
            id + "kube-proxy nat-postrouting rule jump masquerading (verdict jump masquerading)",
            id + "kube-proxy masquerading verdict return ",
            id + "kube-proxy nat-postrouting verdict continue ",
            id + "kube-proxy nat-postrouting policy accept ",
            ""));
    }
}
