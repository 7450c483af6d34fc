package io.knetsim.kubeproxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.api.ApiServer;
import io.knetsim.api.EndpointSlice;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Service;
import io.knetsim.api.ServiceAllocator;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceSpec;
import io.knetsim.api.SessionAffinityConfig;
import io.knetsim.net.DropReason;
import io.knetsim.net.Errno;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.ipv4.UdpSocket;
import io.knetsim.net.tcp.Tcp;
import io.knetsim.net.tcp.TcpHandler;
import io.knetsim.net.tcp.TcpSocket;
import io.knetsim.net.topo.Topo;
import io.knetsim.netfilter.conntrack.ConntrackEntry;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.iproute.Shell;
import io.knetsim.tool.nft.NftScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Oracle: the packet-flow facts of kube-proxy's own nftables proxier tests
 * ({@code TestClusterIPGeneral}, {@code TestNodePorts}, {@code TestExternalTrafficPolicyLocal},
 * {@code TestExternalTrafficPolicyCluster}, {@code TestNoEndpointsReject}: a source, a
 * destination and protocol, and the outcome: the endpoints the flow may be DNATed to and
 * whether it is masqueraded, {@code REJECT}, {@code DROP}, or nothing kube-proxy handles),
 * written as our own fixtures and run as real connections through the rules kube-proxy
 * writes on a node of knetsim's stack. Their addressing is kept: pods in 10.0.0.0/8, services
 * in 172.30.0.0/16, the node 192.168.0.2 (NodePort address) and 192.168.1.2 (not one), an
 * external client 203.0.113.2.
 *
 * <pre>
 *   ext 203.0.113.2 ─eth0─┐  node "test-node": eth0 203.0.113.1, 192.168.0.2, 192.168.1.2 (table ip kube-proxy)
 *                         ├─p0── pod 10.0.0.2          (a client in the pod network)
 *                         ├─p1── ep1 10.180.0.1 :80 :8443 :5353 :53/udp
 *                         └─p2── ep2 10.180.2.1 :80 :8443 :5353 :53/udp
 * </pre>
 *
 * An outcome with several endpoints is checked over {@value #TRIES} connections: each must
 * reach one of them, and together they reach all. Where kube-proxy's expectation cannot hold
 * here, the test says why.
 */
class ProxierFlowsOracleTest {
    static final int TRIES = 12;
    static final String NODE = "test-node";
    static final String POD = "10.0.0.2";
    static final String EXT = "203.0.113.2";
    static final String NODE_IP = "192.168.0.2";
    static final String NODE_IP_ALT = "192.168.1.2";

    private final World world = new World(11);
    private final NetNamespace node = Topo.host(world, "node");
    private final Map<String, NetNamespace> clients;

    ProxierFlowsOracleTest() {
        NetNamespace ext = Topo.host(world, "ext");
        NetNamespace pod = Topo.host(world, "pod");
        Topo.veth(ext, "eth0", EXT + "/24", node, "eth0", "203.0.113.1/24");
        Topo.routeVia(ext, "0.0.0.0/0", "203.0.113.1", ext.device("eth0"));
        Topo.routeVia(node, "0.0.0.0/0", EXT, node.device("eth0"));
        Shell sh = new Shell();
        sh.ok(node, "ip addr add " + NODE_IP + "/24 dev eth0");
        sh.ok(node, "ip addr add " + NODE_IP_ALT + "/24 dev eth0");
        Topo.veth(pod, "eth0", POD + "/24", node, "p0", "10.0.0.254/24");
        Topo.routeVia(pod, "0.0.0.0/0", "10.0.0.254", pod.device("eth0"));
        endpoint("ep1", "10.180.0.1", "p1", "10.180.0.254");
        endpoint("ep2", "10.180.2.1", "p2", "10.180.2.254");
        node.sysctl().ipForward = 1;
        clients = Map.of(POD, pod, EXT, ext, NODE_IP, node, "10.180.0.1", world.namespace("ep1"));
    }

    private void endpoint(String name, String ip, String dev, String gw) {
        NetNamespace ep = Topo.host(world, name);
        Topo.veth(ep, "eth0", ip + "/24", node, dev, gw + "/24");
        Topo.routeVia(ep, "0.0.0.0/0", gw, ep.device("eth0"));
        for (int port : new int[] {80, 8443, 5353}) {
            Tcp.listen(ep, port, 64, s -> new TcpHandler() { });
        }
        UdpSocket.open(ep).bind(Ipv4Address.ANY, 53);
    }

    private void program(ServicePortInfo... ports) {
        NftScript.apply(node.nftables(), "kube-proxy", ProxyRuleset.build(List.of(ports),
            new KubeProxyConfig(NODE, Cidr.parse("10.0.0.0/8"), List.of(NODE_IP), 0, Cidr.parse("172.30.0.0/16"))));
    }

    private static ServicePortInfo.EndpointInfo ep(String ip, int port, String nodeName) {
        return new ServicePortInfo.EndpointInfo(ip, port, nodeName);
    }

    private static ServicePortInfo svc(String ns, String name, String portName, String proto, String ip, int port,
        int nodePort, boolean local, ServicePortInfo.EndpointInfo... eps) {
        return new ServicePortInfo(ns, name, portName, proto, ip, port, nodePort, local, 0, List.of(eps));
    }

    /**
     * The outcome of {@value #TRIES} new flows (one when the first is not DNATed), as kube-proxy's
     * tests write it: {@code "EP:PORT, EP:PORT"} plus {@code " masq"} or {@code " no-masq"};
     * {@code REJECT} (refused by a rule), {@code DROP} (dropped by a rule), or {@code ""}
     * (kube-proxy's rules leave it alone).
     */
    private String flows(String src, String dst, int port, String proto) {
        TreeSet<String> eps = new TreeSet<>();
        TreeSet<String> masq = new TreeSet<>();
        for (int i = 0; i < TRIES; i++) {
            String one = flow(src, dst, port, proto);
            int sp = one.indexOf(' ');
            if (sp < 0) {
                assertThat(i).as("%s -> %s:%d/%s: %s after DNATed flows", src, dst, port, proto, one).isZero();
                return one;
            }
            eps.add(one.substring(0, sp));
            masq.add(one.substring(sp + 1));
        }
        assertThat(masq).as("masquerading of %s -> %s:%d/%s", src, dst, port, proto).hasSize(1);
        return String.join(", ", eps) + " " + masq.first();
    }

    private String flow(String src, String dst, int port, String proto) {
        NetNamespace from = clients.get(src);
        node.nftables().conntrack().flush();
        long dropsBefore = node.drops().get(DropReason.NF_DROP);
        List<String> events = new ArrayList<>();
        int dstBits = Ipv4Address.parse(dst).bits();
        if (proto.equals("tcp")) {
            Tcp.connect(from, dstBits, port, new TcpHandler() {
                @Override
                public void onConnected(TcpSocket s) {
                    events.add("connected");
                }

                @Override
                public void onError(TcpSocket s, Errno e) {
                    events.add(e.name());
                }
            });
        } else {
            UdpSocket s = UdpSocket.open(from).onError(e -> events.add(e.name())).bind(Ipv4Address.ANY, 0)
                .connect(new Ipv4Address(dstBits), port);
            s.send("q".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        world.sim().runFor(SimTime.seconds(5));
        int p = proto.equals("tcp") ? Ipv4Header.PROTO_TCP : Ipv4Header.PROTO_UDP;
        ConntrackEntry e = node.nftables().conntrack().entries().stream()
            .filter(x -> x.original().proto() == p && x.original().dst() == dstBits && x.original().dport() == port
                && x.original().src() == Ipv4Address.parse(src).bits())
            .findFirst().orElse(null);
        boolean ruleDropped = node.drops().get(DropReason.NF_DROP) > dropsBefore;
        if (e != null && e.dnat() != null) {
            assertThat(ruleDropped).as("a DNATed flow was dropped").isFalse();
            return Ipv4Address.format(e.dnat().addr()) + ":" + e.dnat().port() + (e.snat() != null ? " masq" : " no-masq");
        }
        if (ruleDropped) {
            return events.contains("ECONNREFUSED") ? "REJECT" : "DROP";
        }
        return "";
    }

    @Test
    void clusterIpGeneral() {
        program(svc("ns1", "svc1", "http", "tcp", "172.30.0.41", 80, 0, false, ep("10.180.0.1", 80, NODE)),
            svc("ns2", "svc2", "http", "tcp", "172.30.0.42", 80, 0, false, ep("10.180.0.1", 80, NODE),
                ep("10.180.2.1", 80, "node2")),
            svc("ns2", "svc2", "https", "tcp", "172.30.0.42", 443, 0, false, ep("10.180.0.1", 8443, NODE),
                ep("10.180.2.1", 8443, "node2")),
            svc("ns2", "svc2", "dns-udp", "udp", "172.30.0.42", 53, 0, false, ep("10.180.0.1", 53, NODE),
                ep("10.180.2.1", 53, "node2")),
            svc("ns2", "svc2", "dns-tcp", "tcp", "172.30.0.42", 53, 0, false, ep("10.180.0.1", 5353, NODE),
                ep("10.180.2.1", 5353, "node2")));

        assertThat(flows(POD, "172.30.0.41", 80, "tcp")).as("simple clusterIP").isEqualTo("10.180.0.1:80 no-masq");
        assertThat(flows("10.180.0.1", "172.30.0.41", 80, "tcp")).as("hairpin to cluster IP")
            .isEqualTo("10.180.0.1:80 masq");
        assertThat(flows(POD, "172.30.0.42", 80, "tcp")).as("clusterIP with multiple endpoints")
            .isEqualTo("10.180.0.1:80, 10.180.2.1:80 no-masq");
        assertThat(flows(POD, "172.30.0.42", 443, "tcp")).as("clusterIP with TargetPort")
            .isEqualTo("10.180.0.1:8443, 10.180.2.1:8443 no-masq");
        assertThat(flows(POD, "172.30.0.42", 53, "tcp")).as("TCP and UDP on the same port (TCP)")
            .isEqualTo("10.180.0.1:5353, 10.180.2.1:5353 no-masq");
        assertThat(flows(POD, "172.30.0.42", 53, "udp")).as("TCP and UDP on the same port (UDP)")
            .isEqualTo("10.180.0.1:53, 10.180.2.1:53 no-masq");
        assertThat(flows(POD, "172.30.0.42", 80, "udp")).as("TCP-only port does not match UDP traffic")
            .isEqualTo("REJECT");
        assertThat(flows(POD, "172.30.0.41", 443, "tcp")).as("svc1 does not accept svc2's ports").isEqualTo("REJECT");
        assertThat(flows(POD, "172.30.0.50", 80, "tcp")).as("packet to unallocated cluster ip").isEqualTo("DROP");
    }

    @Test
    void nodePorts() {
        program(svc("ns1", "svc1", "p80", "tcp", "172.30.0.41", 80, 3001, false, ep("10.180.0.1", 80, null),
            ep("10.180.2.1", 80, NODE)));
        String both = "10.180.0.1:80, 10.180.2.1:80";

        assertThat(flows(POD, "172.30.0.41", 80, "tcp")).as("pod to cluster IP").isEqualTo(both + " no-masq");
        assertThat(flows(EXT, NODE_IP, 3001, "tcp")).as("external to nodePort").isEqualTo(both + " masq");
        assertThat(flows(NODE_IP, NODE_IP, 3001, "tcp")).as("node to nodePort").isEqualTo(both + " masq");
        assertThat(flows(EXT, NODE_IP_ALT, 3001, "tcp")).as("secondary nodeIP ignores NodePorts").isEmpty();
    }

    @Test
    void externalTrafficPolicyLocal() {
        program(svc("ns1", "svc1", "p80", "tcp", "172.30.0.41", 80, 3001, true, ep("10.180.0.1", 80, null),
            ep("10.180.2.1", 80, NODE)));

        assertThat(flows(POD, "172.30.0.41", 80, "tcp")).as("pod to cluster IP hits both endpoints, unmasqueraded")
            .isEqualTo("10.180.0.1:80, 10.180.2.1:80 no-masq");
        assertThat(flows(POD, NODE_IP, 3001, "tcp")).as("pod to NodePort hits both endpoints, unmasqueraded")
            .isEqualTo("10.180.0.1:80, 10.180.2.1:80 no-masq");
        assertThat(flows(EXT, NODE_IP, 3001, "tcp")).as("external to NodePort hits only local endpoint, unmasqueraded")
            .isEqualTo("10.180.2.1:80 no-masq");
        // from the rules kube-proxy writes for a Local service (TestOverallNFTablesRules' svc2:
        // "fib saddr type local jump mark-for-masquerade", "fib saddr type local goto service-...")
        assertThat(flows(NODE_IP, NODE_IP, 3001, "tcp")).as("node to NodePort hits both endpoints, masqueraded")
            .isEqualTo("10.180.0.1:80, 10.180.2.1:80 masq");
    }

    @Test
    void externalTrafficPolicyLocalWithoutLocalEndpoints() {
        // TestOverallNFTablesRules' svc2: the node port still leads to the external chain, and
        // no-endpoint-nodeports drops what falls through it
        program(svc("ns2", "svc2", "p80", "tcp", "172.30.0.42", 80, 3001, true, ep("10.180.0.1", 80, null)));

        assertThat(flows(POD, NODE_IP, 3001, "tcp")).as("pod to NodePort short-circuits to the cluster endpoint")
            .isEqualTo("10.180.0.1:80 no-masq");
        assertThat(flows(NODE_IP, NODE_IP, 3001, "tcp")).as("node to NodePort reaches it, masqueraded")
            .isEqualTo("10.180.0.1:80 masq");
        assertThat(flows(EXT, NODE_IP, 3001, "tcp")).as("external to NodePort without a local endpoint").isEqualTo("DROP");
    }

    @Test
    void externalTrafficPolicyCluster() {
        program(svc("ns1", "svc1", "p80", "tcp", "172.30.0.41", 80, 3001, false, ep("10.180.0.1", 80, null),
            ep("10.180.2.1", 80, NODE)));

        assertThat(flows(POD, "172.30.0.41", 80, "tcp")).as("pod to cluster IP hits both endpoints, unmasqueraded")
            .isEqualTo("10.180.0.1:80, 10.180.2.1:80 no-masq");
        assertThat(flows(POD, NODE_IP, 3001, "tcp")).as("pod to NodePort hits both endpoints, masqueraded")
            .isEqualTo("10.180.0.1:80, 10.180.2.1:80 masq");
        assertThat(flows(EXT, NODE_IP, 3001, "tcp")).as("external to NodePort hits both endpoints, masqueraded")
            .isEqualTo("10.180.0.1:80, 10.180.2.1:80 masq");
    }

    @Test
    void noEndpointsReject() {
        program(svc("ns1", "svc1", "p80", "tcp", "172.30.0.41", 80, 3001, false));

        assertThat(flows(POD, "172.30.0.41", 80, "tcp")).as("pod to cluster IP with no endpoints").isEqualTo("REJECT");
        assertThat(flows(POD, NODE_IP, 3001, "tcp")).as("pod to NodePort with no endpoints").isEqualTo("REJECT");
        assertThat(flows(EXT, NODE_IP, 3001, "tcp")).as("external to NodePort with no endpoints").isEqualTo("REJECT");
    }

    @Test
    void sessionAffinityClientIpKeepsAClientOnItsEndpointUntilTheTimeout() {
        // TestOverallNFTablesRules' svc5: an affinity-* set per endpoint, "update" in the endpoint
        // chain, "ip saddr @affinity-... goto endpoint-..." before the random choice
        program(new ServicePortInfo("ns5", "svc5", "p80", "tcp", "172.30.0.45", 80, 0, false, 10,
            List.of(ep("10.180.0.1", 80, NODE), ep("10.180.2.1", 80, NODE))));

        String first = flows(POD, "172.30.0.45", 80, "tcp");
        assertThat(first).as("within the timeout every flow goes where the first went")
            .isIn("10.180.0.1:80 no-masq", "10.180.2.1:80 no-masq");
        assertThat(new Shell().out(node, "nft list set ip kube-proxy "
            + ProxyRuleset.affinitySet(svc("ns5", "svc5", "p80", "tcp", "172.30.0.45", 80, 0, false),
                ep(first.substring(0, first.indexOf(':')), 80, NODE)))).contains(
            "\t\ttype ipv4_addr\n\t\tflags dynamic,timeout\n\t\ttimeout 10s\n\t\telements = { 10.0.0.2 expires ");

        TreeSet<String> after = new TreeSet<>();
        for (int i = 0; i < TRIES; i++) {
            world.sim().runFor(SimTime.seconds(11)); // silent longer than timeoutSeconds: forgotten
            String one = flow(POD, "172.30.0.45", 80, "tcp");
            after.add(one);
            assertThat(flow(POD, "172.30.0.45", 80, "tcp")).as("and remembered again").isEqualTo(one);
        }
        assertThat(after).as("after the timeout the client may move").containsExactly("10.180.0.1:80 no-masq",
            "10.180.2.1:80 no-masq");
    }

    @Test
    void kubeProxyKeepsAffinityClientsAcrossSyncsThatRewriteTheTable() {
        ApiServer api = new ApiServer(world.sim(), "C0");
        ServiceAllocator.install(api, Cidr.parse("172.30.0.0/16"));
        api.create(Service.of(ObjectMeta.of("default", "svc5"), ServiceSpec.clusterIP(Map.of(),
            ServicePort.tcp(80, 80).withName("p80")).withClusterIP("172.30.0.45")
            .withSessionAffinity("ClientIP", SessionAffinityConfig.timeout(30))));
        api.create(new EndpointSlice(null, null, ObjectMeta.of("default", "svc5-abcde",
            Map.of(EndpointSlice.SERVICE_NAME_LABEL, "svc5")), "IPv4", List.of(
                new EndpointSlice.Endpoint(List.of("10.180.0.1"), null, NODE, null),
                new EndpointSlice.Endpoint(List.of("10.180.2.1"), null, NODE, null)),
            List.of(new EndpointSlice.EndpointPort("p80", "TCP", 80))));
        KubeProxy proxy = KubeProxy.start(api, node, new KubeProxyConfig(NODE, Cidr.parse("10.0.0.0/8"),
            List.of(NODE_IP), 0));

        String first = flow(POD, "172.30.0.45", 80, "tcp");
        String set = "affinity-" + ChainNames.endpointBase("default", "svc5", "tcp", "p80",
            first.substring(0, first.indexOf(':')), 80);
        world.sim().runFor(SimTime.seconds(10));
        api.create(Service.of(ObjectMeta.of("default", "other"), ServiceSpec.clusterIP(Map.of(), ServicePort.tcp(80, 80))));
        world.sim().runFor(SimTime.seconds(1)); // the sync rewrites table ip kube-proxy

        assertThat(proxy.syncs()).isEqualTo(2);
        // the client is still remembered, with the time it had left (30 s - 5 s of the flow - 11 s = 14 s)
        assertThat(new Shell().out(node, "nft list set ip kube-proxy " + set))
            .contains("\t\ttimeout 30s\n\t\telements = { 10.0.0.2 expires 14s }");
        for (int i = 0; i < TRIES; i++) {
            assertThat(flow(POD, "172.30.0.45", 80, "tcp")).isEqualTo(first);
        }
    }
}
