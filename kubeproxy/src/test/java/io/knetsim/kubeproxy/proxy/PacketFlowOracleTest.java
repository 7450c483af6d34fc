package io.knetsim.kubeproxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.Errno;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.net.topo.Topo;
import io.knetsim.netfilter.conntrack.ConntrackEntry;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.nft.NftScript;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Oracle: packet flows in the manner of kube-proxy's own nftables tests ({@code runPacketFlowTests}:
 * a source, a destination, and the expected outcome: the endpoint it is DNATed to and whether
 * it is masqueraded, or REJECT), run through the rules on a node of knetsim's stack.
 *
 * <pre>
 *                        ┌──────────── node 192.168.0.2 (table ip kube-proxy, cluster CIDR 10.0.0.0/8) ───────────┐
 *   ext 192.168.0.5 ─eth0┤  p1 10.180.1.254 ── pod1 10.180.1.1:80   (endpoint of ns1/svc1 172.30.0.41:80)      │
 *                        │  p2 10.180.2.254 ── pod2 10.180.2.1:80   (endpoint of ns2/svc2 172.30.0.42:80,      │
 *                        │                                           node port 3001)                          │
 *                        │  p3 10.180.3.254 ── pod3 10.180.3.1      (a client in the pod network)              │
 *                        └────────────────────  ns3/svc3 172.30.0.43:80 has no endpoints ─────────────────────┘
 * </pre>
 */
class PacketFlowOracleTest {
    private World world;
    private NetNamespace node;
    private NetNamespace ext;
    private NetNamespace pod1;
    private NetNamespace pod3;

    @BeforeEach
    void build() {
        world = new World(7);
        node = Topo.host(world, "node");
        ext = Topo.host(world, "ext");
        pod1 = Topo.host(world, "pod1");
        NetNamespace pod2 = Topo.host(world, "pod2");
        pod3 = Topo.host(world, "pod3");
        Topo.veth(ext, "eth0", "192.168.0.5/24", node, "eth0", "192.168.0.2/24");
        Topo.veth(pod1, "eth0", "10.180.1.1/24", node, "p1", "10.180.1.254/24");
        Topo.veth(pod2, "eth0", "10.180.2.1/24", node, "p2", "10.180.2.254/24");
        Topo.veth(pod3, "eth0", "10.180.3.1/24", node, "p3", "10.180.3.254/24");
        Topo.routeVia(ext, "0.0.0.0/0", "192.168.0.2", ext.device("eth0"));
        Topo.routeVia(pod1, "0.0.0.0/0", "10.180.1.254", pod1.device("eth0"));
        Topo.routeVia(pod2, "0.0.0.0/0", "10.180.2.254", pod2.device("eth0"));
        Topo.routeVia(pod3, "0.0.0.0/0", "10.180.3.254", pod3.device("eth0"));
        Topo.routeVia(node, "0.0.0.0/0", "192.168.0.5", node.device("eth0")); // a node has a default route
        node.sysctl().ipForward = 1;
        for (NetNamespace p : List.of(pod1, pod2)) {
            Tcp.listen(p, 80, 16, s -> new TcpHandler() { });
        }
        List<ServicePortInfo> ports = List.of(
            new ServicePortInfo("ns1", "svc1", "p80", "tcp", "172.30.0.41", 80, 0, false, 0,
                List.of(new ServicePortInfo.EndpointInfo("10.180.1.1", 80, "node"))),
            new ServicePortInfo("ns2", "svc2", "p80", "tcp", "172.30.0.42", 80, 3001, false, 0,
                List.of(new ServicePortInfo.EndpointInfo("10.180.2.1", 80, "node"))),
            new ServicePortInfo("ns3", "svc3", "p80", "tcp", "172.30.0.43", 80, 0, false, 0, List.of()));
        NftScript.apply(node.nftables(), "kube-proxy", ProxyRuleset.build(ports,
            new KubeProxyConfig("node", Cidr.parse("10.0.0.0/8"), List.of("192.168.0.2"), 0)));
    }

    /** Connects from {@code from} to {@code dst:port}; returns "ENDPOINT masq|no-masq", or the error. */
    private String flow(NetNamespace from, String dst, int port) {
        List<String> events = new ArrayList<>();
        Tcp.connect(from, Ipv4Address.parse(dst).bits(), port, new TcpHandler() {
            @Override
            public void onConnected(TcpSocket s) {
                events.add("connected");
            }

            @Override
            public void onError(TcpSocket s, Errno e) {
                events.add(e.name());
            }
        });
        world.sim().runFor(SimTime.seconds(1));
        assertThat(events).as("events of %s -> %s:%d", from.name(), dst, port).hasSize(1);
        if (!events.get(0).equals("connected")) {
            return events.get(0);
        }
        ConntrackEntry e = node.nftables().conntrack().entries().stream()
            .filter(x -> Ipv4Address.format(x.original().dst()).equals(dst) && x.original().dport() == port)
            .findFirst().orElseThrow();
        return Ipv4Address.format(e.dnat().addr()) + ":" + e.dnat().port() + (e.snat() != null ? " masq" : " no-masq");
    }

    @Test
    void podToClusterIpIsDnatedWithoutMasquerade() {
        assertThat(flow(pod3, "172.30.0.41", 80)).isEqualTo("10.180.1.1:80 no-masq");
    }

    @Test
    void externalToClusterIpIsDnatedAndMasqueraded() {
        assertThat(flow(ext, "172.30.0.41", 80)).isEqualTo("10.180.1.1:80 masq");
    }

    @Test
    void nodePortIsDnatedAndMasqueraded() {
        assertThat(flow(ext, "192.168.0.2", 3001)).isEqualTo("10.180.2.1:80 masq");
        assertThat(flow(pod3, "192.168.0.2", 3001)).isEqualTo("10.180.2.1:80 masq");
    }

    @Test
    void hairpinToItsOwnServiceIsMasqueraded() {
        assertThat(flow(pod1, "172.30.0.41", 80)).isEqualTo("10.180.1.1:80 masq");
    }

    @Test
    void noEndpointsAndUnknownPortsOfAClusterIpAreRejected() {
        assertThat(flow(pod3, "172.30.0.43", 80)).isEqualTo("ECONNREFUSED");
        assertThat(flow(pod3, "172.30.0.41", 443)).isEqualTo("ECONNREFUSED");
        assertThat(flow(ext, "192.168.0.2", 3003)).as("a node port nobody has: nothing listens").isEqualTo("ECONNREFUSED");
        assertThat(node.drops().get(io.knetsim.net.DropReason.NF_DROP)).isEqualTo(2);
    }
}
