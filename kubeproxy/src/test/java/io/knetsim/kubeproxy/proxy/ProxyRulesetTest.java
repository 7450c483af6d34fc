package io.knetsim.kubeproxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Cidr;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.topo.Topo;
import io.knetsim.tool.iproute.Shell;
import io.knetsim.tool.nft.NftScript;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Oracle: service set-ups in the manner of kube-proxy's nftables proxier tests (a ClusterIP
 * service {@code ns1/svc1} at 172.30.0.41:80 with endpoint 10.180.0.1:80, a NodePort service, a
 * service without endpoints, a Local NodePort without local endpoints), the rules they give,
 * and nft's listing of them on a node.
 *
 * <pre>
 *   node 192.168.0.2 (cluster CIDR 10.0.0.0/8):  table ip kube-proxy
 *     service-ips:       172.30.0.41 . tcp . 80 : goto service-ULMVA6XW-ns1/svc1/tcp/p80
 *     no-endpoint-services: 172.30.0.43 . tcp . 80 : goto reject-chain
 * </pre>
 */
class ProxyRulesetTest {
    private static final KubeProxyConfig NODE = new KubeProxyConfig("node1", Cidr.parse("10.0.0.0/8"),
        List.of("192.168.0.2"), 0);

    private static ServicePortInfo svc1() {
        return new ServicePortInfo("ns1", "svc1", "p80", "tcp", "172.30.0.41", 80, 0, false, 0,
            List.of(new ServicePortInfo.EndpointInfo("10.180.0.1", 80, "node1")));
    }

    @Test
    void aClusterIpServiceGoesThroughTheServiceMapToItsEndpointChain() {
        String text = ProxyRuleset.build(List.of(svc1()), NODE);
        assertThat(text).contains(
            "elements = { 172.30.0.41 . tcp . 80 : goto service-ULMVA6XW-ns1/svc1/tcp/p80 }",
            "\tchain service-ULMVA6XW-ns1/svc1/tcp/p80 {\n"
                + "\t\tip daddr 172.30.0.41 tcp dport 80 ip saddr != 10.0.0.0/8 jump mark-for-masquerade\n"
                + "\t\tnumgen random mod 1 vmap { 0 : goto endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80 }\n\t}\n",
            "\tchain endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80 {\n"
                + "\t\tip saddr 10.180.0.1 jump mark-for-masquerade\n"
                + "\t\tmeta l4proto tcp dnat to 10.180.0.1:80\n\t}\n");
    }

    @Test
    void servicesWithoutEndpointsAreRejectedAndLocalNodePortsWithoutLocalEndpointsDropped() {
        ServicePortInfo none = new ServicePortInfo("ns3", "svc3", "p80", "tcp", "172.30.0.43", 80, 3003, false, 0,
            List.of());
        ServicePortInfo local = new ServicePortInfo("ns4", "svc4", "p80", "tcp", "172.30.0.44", 80, 3004, true, 0,
            List.of(new ServicePortInfo.EndpointInfo("10.180.0.4", 80, "node2")));
        String text = ProxyRuleset.build(List.of(none, local), NODE);
        assertThat(text).contains("map no-endpoint-services {\n\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n"
            + "\t\telements = { 172.30.0.43 . tcp . 80 : goto reject-chain }\n",
            "map no-endpoint-nodeports {\n\t\ttype inet_proto . inet_service : verdict\n"
                + "\t\telements = { tcp . 3003 : goto reject-chain, tcp . 3004 : drop }\n",
            "elements = { 172.30.0.44 . tcp . 80 : goto service-",
            // as kube-proxy's TestOverallNFTablesRules writes svc2: pods and the node itself still
            // reach the service's endpoints; traffic from outside falls through to the drop
            "elements = { tcp . 3004 : goto external-" + local.chainBase() + " }",
            "\tchain external-" + local.chainBase() + " {\n"
                + "\t\tip saddr 10.0.0.0/8 goto service-" + local.chainBase() + "\n"
                + "\t\tfib saddr type local jump mark-for-masquerade\n"
                + "\t\tfib saddr type local goto service-" + local.chainBase() + "\n\t}\n");
        assertThat(text).doesNotContain("chain service-" + none.chainBase(), "chain local-" + local.chainBase());
    }

    @Test
    void theRulesetLoadsIntoANodeAndListsAsNftListsIt() {
        World w = new World(1);
        NetNamespace node = Topo.host(w, "node1");
        ServicePortInfo np = new ServicePortInfo("ns2", "svc2", "", "udp", "172.30.0.42", 53, 3002, false, 600,
            List.of(new ServicePortInfo.EndpointInfo("10.180.0.2", 53, "node1"),
                new ServicePortInfo.EndpointInfo("10.180.0.3", 53, "node2")));
        NftScript.apply(node.nftables(), "kube-proxy", ProxyRuleset.build(List.of(svc1(), np), NODE));
        String listing = new Shell().out(node, "nft list ruleset");
        assertThat(listing).startsWith("table ip kube-proxy {\n\tset cluster-ips {\n\t\ttype ipv4_addr\n"
            + "\t\telements = { 172.30.0.41, 172.30.0.42 }\n\t}\n");
        String base = ChainNames.servicePortBase("ns2", "svc2", "udp", "");
        assertThat(listing).contains(
            "\t\ttype nat hook prerouting priority dstnat; policy accept;\n\t\tjump services\n",
            "\t\ttype filter hook forward priority -110; policy accept;\n\t\tct state new jump service-endpoints-check\n",
            "\tchain external-" + base + " {\n\t\tjump mark-for-masquerade\n\t\tgoto service-" + base + "\n\t}\n",
            // ClientIP affinity (timeout 600 s), as kube-proxy's TestOverallNFTablesRules writes svc5
            "\tset affinity-" + ChainNames.endpointBase("ns2", "svc2", "udp", "", "10.180.0.2", 53) + " {\n"
                + "\t\ttype ipv4_addr\n\t\tflags dynamic,timeout\n\t\ttimeout 10m\n\t}\n",
            "\t\tip saddr @affinity-" + ChainNames.endpointBase("ns2", "svc2", "udp", "", "10.180.0.2", 53)
                + " goto endpoint-" + ChainNames.endpointBase("ns2", "svc2", "udp", "", "10.180.0.2", 53) + "\n",
            "\t\tupdate @affinity-" + ChainNames.endpointBase("ns2", "svc2", "udp", "", "10.180.0.2", 53)
                + " { ip saddr }\n\t\tmeta l4proto udp dnat to 10.180.0.2:53\n",
            "\t\tnumgen random mod 2 vmap { 0 : goto endpoint-",
            "elements = { udp . 3002 : goto external-" + base + " }",
            "\tchain mark-for-masquerade {\n\t\tmeta mark set meta mark | 0x00004000\n\t}\n",
            "\tchain masquerading {\n\t\tmeta mark & 0x00004000 == 0x00000000 return\n"
                + "\t\tmeta mark set meta mark ^ 0x00004000\n\t\tmasquerade\n\t}\n");
        // a second sync replaces the table whole, in one transaction
        NftScript.apply(node.nftables(), "kube-proxy", ProxyRuleset.build(List.of(), NODE));
        String after = new Shell().out(node, "nft list ruleset");
        assertThat(after).doesNotContain("172.30.0.41", "chain service-ULMVA6XW", "chain endpoint-");
        assertThat(after).contains("\tset nodeport-ips {\n\t\ttype ipv4_addr\n\t\telements = { 192.168.0.2 }\n\t}\n");
    }
}
