package io.knetsim.kubeproxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.api.ApiServer;
import io.knetsim.api.EndpointSlice;
import io.knetsim.api.IntOrString;
import io.knetsim.api.ObjectMeta;
import io.knetsim.api.Service;
import io.knetsim.api.ServiceAllocator;
import io.knetsim.api.ServicePort;
import io.knetsim.api.ServiceSpec;
import io.knetsim.api.SessionAffinityConfig;
import io.knetsim.net.NetNamespace;
import io.knetsim.net.World;
import io.knetsim.net.ipv4.UdpSocket;
import io.knetsim.net.topo.Topo;
import io.knetsim.sim.SimTime;
import io.knetsim.tool.iproute.Shell;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kube-proxy's partial sync: after the first (full) sync, a change to one Service or its
 * EndpointSlices rewrites only that Service's chains and elements; the rest of
 * {@code table ip kube-proxy} is left alone, counters included.
 *
 * <pre>
 *   ApiServer (services 172.30.0.0/16) ──watch──▶ KubeProxy ──nft -f──▶ node 10.0.0.2 ──eth0── peer 10.0.0.1
 *     svc-a  172.30.0.10 udp/53   → 10.180.0.1, 10.180.0.2
 *     svc-b  172.30.0.11 tcp/80   → 10.180.1.1
 * </pre>
 */
class KubeProxyPartialSyncTest {
    private static final String NODE = "node1";
    private static final KubeProxyConfig CONFIG = new KubeProxyConfig(NODE, Cidr.parse("10.0.0.0/8"),
        List.of("10.0.0.2"), SimTime.seconds(1));

    private final World world = new World(7);
    private final NetNamespace node = Topo.host(world, "node");
    private final ApiServer api = new ApiServer(world.sim(), "C0");
    private final Shell sh = new Shell();

    KubeProxyPartialSyncTest() {
        Topo.veth(node, "eth0", "10.0.0.2/24", Topo.host(world, "peer"), "eth0", "10.0.0.1/24");
        Topo.routeVia(node, "0.0.0.0/0", "10.0.0.1", node.device("eth0"));
        ServiceAllocator.install(api, Cidr.parse("172.30.0.0/16"));
    }

    private void service(String name, String ip, ServicePort port) {
        api.create(Service.of(ObjectMeta.of("default", name), ServiceSpec.clusterIP(Map.of("app", name), port)
            .withClusterIP(ip)));
    }

    private static EndpointSlice slice(String service, String portName, String proto, int port, String... ips) {
        List<EndpointSlice.Endpoint> eps = new ArrayList<>();
        for (String ip : ips) {
            eps.add(new EndpointSlice.Endpoint(List.of(ip), new EndpointSlice.Conditions(true, true, false), NODE,
                null));
        }
        return new EndpointSlice(null, null, ObjectMeta.of("default", service + "-abcde",
            Map.of(EndpointSlice.SERVICE_NAME_LABEL, service)), "IPv4", eps,
            List.of(new EndpointSlice.EndpointPort(portName, proto, port)));
    }

    private void endpoints(String service, String portName, String proto, int port, String... ips) {
        EndpointSlice old = api.get(EndpointSlice.class, "default", service + "-abcde");
        EndpointSlice s = slice(service, portName, proto, port, ips);
        api.update(s.withMetadata(old.metadata()));
    }

    private String svcChain(String service, String proto, String portName) {
        return "service-" + ChainNames.servicePortBase("default", service, proto, portName);
    }

    @Test
    void aPartialTransactionRewritesOnlyWhatChangedForTheService() {
        ServicePortInfo before = new ServicePortInfo("ns1", "svc1", "p80", "tcp", "172.30.0.41", 80, 0, false, 0,
            List.of(new ServicePortInfo.EndpointInfo("10.180.0.1", 80, NODE),
                new ServicePortInfo.EndpointInfo("10.180.0.2", 80, NODE)));
        ServicePortInfo after = new ServicePortInfo("ns1", "svc1", "p80", "tcp", "172.30.0.41", 80, 0, false, 0,
            List.of(new ServicePortInfo.EndpointInfo("10.180.0.2", 80, NODE),
                new ServicePortInfo.EndpointInfo("10.180.0.3", 80, NODE)));
        String ep1 = "endpoint-" + ChainNames.endpointBase("ns1", "svc1", "tcp", "p80", "10.180.0.1", 80);
        String ep2 = "endpoint-" + ChainNames.endpointBase("ns1", "svc1", "tcp", "p80", "10.180.0.2", 80);
        String ep3 = "endpoint-" + ChainNames.endpointBase("ns1", "svc1", "tcp", "p80", "10.180.0.3", 80);

        // the endpoint chain of 10.180.0.2 is the same before and after: not touched
        assertThat(ProxyRuleset.partial(List.of(before), List.of(after), "", CONFIG)).isEqualTo(""
            + "add chain ip kube-proxy " + ep3 + "\n"
            + "flush chain ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80\n"
            + "flush chain ip kube-proxy " + ep1 + "\n"
            + "add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 ip daddr 172.30.0.41 tcp dport 80 "
            + "ip saddr != 10.0.0.0/8 jump mark-for-masquerade\n"
            + "add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 numgen random mod 2 vmap { 0 : goto " + ep2
            + ", 1 : goto " + ep3 + " }\n"
            + "add rule ip kube-proxy " + ep3 + " ip saddr 10.180.0.3 jump mark-for-masquerade\n"
            + "add rule ip kube-proxy " + ep3 + " meta l4proto tcp dnat to 10.180.0.3:80\n"
            + "delete chain ip kube-proxy " + ep1 + "\n");
        // losing its last endpoint moves the service from service-ips to no-endpoint-services
        ServicePortInfo none = new ServicePortInfo("ns1", "svc1", "p80", "tcp", "172.30.0.41", 80, 0, false, 0,
            List.of());
        ServiceMaps maps = new ServiceMaps();
        ProxyRuleset.build(List.of(after), CONFIG, maps);
        String elements = maps.diff(Map.of(ServiceMaps.key("ns1", "svc1"), ServiceMaps.elementsOf(List.of(none), CONFIG)));
        assertThat(elements).isEqualTo("delete element ip kube-proxy service-ips { 172.30.0.41 . tcp . 80 }\n"
            + "add element ip kube-proxy no-endpoint-services { 172.30.0.41 . tcp . 80 : goto reject-chain }\n");
        assertThat(ProxyRuleset.partial(List.of(after), List.of(none), elements, CONFIG)).isEqualTo(""
            + elements
            + "flush chain ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80\n"
            + "flush chain ip kube-proxy " + ep2 + "\n"
            + "flush chain ip kube-proxy " + ep3 + "\n"
            + "delete chain ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80\n"
            + "delete chain ip kube-proxy " + ep2 + "\n"
            + "delete chain ip kube-proxy " + ep3 + "\n");
        assertThat(ProxyRuleset.partial(List.of(after), List.of(after), "", CONFIG)).isEmpty();
    }

    @Test
    void aNewServiceSortingBeforeOthersIsAddedWhereAFullSyncPutsIt() {
        ServicePortInfo a = new ServicePortInfo("ns1", "a", "", "tcp", "172.30.0.1", 80, 0, false, 0,
            List.of(new ServicePortInfo.EndpointInfo("10.180.0.1", 80, NODE)));
        ServicePortInfo c = new ServicePortInfo("ns1", "c", "", "tcp", "172.30.0.3", 80, 0, false, 0, List.of());
        ServicePortInfo b = new ServicePortInfo("ns1", "b", "", "tcp", "172.30.0.2", 80, 0, false, 0, List.of());
        ServiceMaps maps = new ServiceMaps();
        ProxyRuleset.build(List.of(a, c), CONFIG, maps);

        // b lands between a and c: c's elements are deleted and added again behind b's
        assertThat(maps.diff(Map.of(ServiceMaps.key("ns1", "b"), ServiceMaps.elementsOf(List.of(b), CONFIG))))
            .isEqualTo("delete element ip kube-proxy cluster-ips { 172.30.0.3 }\n"
                + "delete element ip kube-proxy no-endpoint-services { 172.30.0.3 . tcp . 80 }\n"
                + "add element ip kube-proxy cluster-ips { 172.30.0.2, 172.30.0.3 }\n"
                + "add element ip kube-proxy no-endpoint-services { 172.30.0.2 . tcp . 80 : goto reject-chain, "
                + "172.30.0.3 . tcp . 80 : goto reject-chain }\n");
    }

    @Test
    void countersOfUntouchedRulesSurviveAPartialSyncButNotAFullOne() {
        service("svc-a", "172.30.0.10", new ServicePort("dns", "UDP", 53, IntOrString.of(53), null));
        api.create(slice("svc-a", "dns", "UDP", 53, "10.180.0.1", "10.180.0.2"));
        service("svc-b", "172.30.0.11", new ServicePort("http", "TCP", 80, IntOrString.of(80), null));
        api.create(slice("svc-b", "http", "TCP", 80, "10.180.1.1"));
        KubeProxy proxy = KubeProxy.start(api, node, CONFIG);
        String chainA = svcChain("svc-a", "udp", "dns");
        // a learner counts what reaches svc-a's service chain, and sends it one datagram
        sh.ok(node, "nft insert rule ip kube-proxy " + chainA + " counter");
        UdpSocket.open(node).bind(Ipv4Address.ANY, 0).sendTo(new byte[4], Ipv4Address.parse("172.30.0.10"), 53);
        world.sim().runFor(SimTime.ms(10));

        endpoints("svc-b", "http", "TCP", 80, "10.180.1.1", "10.180.1.2");
        world.sim().runFor(SimTime.seconds(1)); // the propagation delay: a partial sync of svc-b

        assertThat(proxy.syncs()).isEqualTo(2);
        assertThat(proxy.fullSyncs()).isEqualTo(1);
        assertThat(sh.out(node, "nft list chain ip kube-proxy " + chainA).lines().toList())
            .contains("\t\tcounter packets 1 bytes 32");
        assertThat(sh.out(node, "nft list chain ip kube-proxy " + svcChain("svc-b", "tcp", "http")))
            .contains("numgen random mod 2 vmap");

        proxy.fullSync(); // the table written whole: the learner's rule goes with the old table
        assertThat(proxy.fullSyncs()).isEqualTo(2);
        assertThat(sh.out(node, "nft list chain ip kube-proxy " + chainA)).doesNotContain("counter");
    }

    @Test
    void afterASeriesOfChangesThePartiallySyncedTableHoldsWhatAFullSyncWrites() {
        service("svc-a", "172.30.0.10", new ServicePort("dns", "UDP", 53, IntOrString.of(53), null));
        api.create(slice("svc-a", "dns", "UDP", 53, "10.180.0.1", "10.180.0.2"));
        service("svc-b", "172.30.0.11", new ServicePort("http", "TCP", 80, IntOrString.of(80), null));
        api.create(slice("svc-b", "http", "TCP", 80, "10.180.1.1"));
        api.create(Service.of(ObjectMeta.of("default", "svc-c"), ServiceSpec.clusterIP(Map.of("app", "c"),
            new ServicePort("http", "TCP", 80, IntOrString.of(80), null)).withClusterIP("172.30.0.12")
            .withSessionAffinity("ClientIP", SessionAffinityConfig.timeout(30))));
        api.create(slice("svc-c", "http", "TCP", 80, "10.180.2.1", "10.180.2.2"));
        api.create(Service.of(ObjectMeta.of("default", "svc-d"), ServiceSpec.clusterIP(Map.of("app", "d"),
            new ServicePort("http", "TCP", 80, IntOrString.of(80), 30080)).withClusterIP("172.30.0.13")
            .withType(ServiceSpec.NODE_PORT).withExternalTrafficPolicy("Local")));
        api.create(slice("svc-d", "http", "TCP", 80, "10.180.3.1"));
        KubeProxy proxy = KubeProxy.start(api, node, CONFIG);

        endpoints("svc-a", "dns", "UDP", 53, "10.180.0.2", "10.180.0.3");        // one endpoint replaced
        world.sim().runFor(SimTime.seconds(1));
        endpoints("svc-b", "http", "TCP", 80);                                   // no endpoints left
        api.delete(Service.class, "default", "svc-c");                          // a service goes
        world.sim().runFor(SimTime.seconds(1));
        endpoints("svc-b", "http", "TCP", 80, "10.180.1.5");                     // back
        service("svc-e", "172.30.0.14", new ServicePort("http", "TCP", 8080, IntOrString.of(80), null));
        api.create(slice("svc-e", "http", "TCP", 80, "10.180.4.1"));             // a new one
        world.sim().runFor(SimTime.seconds(1));
        EndpointSlice d = slice("svc-d", "http", "TCP", 80, "10.180.3.1");      // its pod moves off this node
        api.update(new EndpointSlice(null, null, api.get(EndpointSlice.class, "default", "svc-d-abcde").metadata(),
            "IPv4", List.of(new EndpointSlice.Endpoint(List.of("10.180.3.1"),
                new EndpointSlice.Conditions(true, true, false), "node2", null)), d.ports()));
        world.sim().runFor(SimTime.seconds(1));

        assertThat(proxy.fullSyncs()).as("only the first sync was full").isEqualTo(1);
        assertThat(proxy.syncs()).isEqualTo(5);
        assertThat(proxy.failedSyncs()).isZero();
        String partial = sh.out(node, "nft list table ip kube-proxy");
        assertThat(partial).doesNotContain("svc-c").contains("10.180.0.3", "svc-e", "10.180.1.5",
            "tcp . 30080 : drop");

        // a second node's kube-proxy starts now: its first sync writes the whole table
        NetNamespace fresh = Topo.host(world, "fresh");
        KubeProxy.start(api, fresh, CONFIG);
        String full = sh.out(fresh, "nft list table ip kube-proxy");
        // the same chains, rules, sets and elements; chains and affinity sets a partial sync
        // made are listed after the older ones, as nft lists in the order things were made
        assertThat(canonical(partial)).isEqualTo(canonical(full));
        // the shared sets and maps list their elements in the very order of a full sync
        for (String set : List.of("set ip kube-proxy cluster-ips", "map ip kube-proxy no-endpoint-nodeports",
            "map ip kube-proxy no-endpoint-services", "map ip kube-proxy service-ips",
            "map ip kube-proxy service-nodeports")) {
            assertThat(sh.out(node, "nft list " + set)).isEqualTo(sh.out(fresh, "nft list " + set));
        }
        // and a full sync of the first node now writes exactly the fresh node's listing
        proxy.fullSync();
        assertThat(sh.out(node, "nft list table ip kube-proxy")).isEqualTo(full);
    }

    /**
     * A listing with its blocks (sets, maps, chains) and set elements sorted: nft lists chains
     * in the order they were made and a partial sync adds new ones at the end.
     */
    private static List<String> canonical(String listing) {
        String body = listing.substring(listing.indexOf('\n') + 1, listing.lastIndexOf('}'));
        List<String> blocks = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            StringBuilder b = new StringBuilder();
            for (String line : block.split("\n")) {
                String t = line.strip();
                if (t.startsWith("elements = { ")) {
                    String[] els = t.substring(13, t.length() - 2).split(", ");
                    Arrays.sort(els);
                    t = "elements = { " + String.join(", ", els) + " }";
                }
                b.append(t).append('\n');
            }
            blocks.add(b.toString());
        }
        blocks.sort(null);
        return blocks;
    }
}
