package io.knetsim.scenarios.labs;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.api.Pod;
import io.knetsim.net.PacketTap;
import io.knetsim.net.link.LinkConfig;
import io.knetsim.packet.EthernetHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.TcpHeader;
import io.knetsim.scenarios.cluster.Cluster;
import io.knetsim.scenarios.cluster.ClusterSpec;
import io.knetsim.scenarios.cluster.ClusterSpec.Host;
import io.knetsim.scenarios.cluster.ClusterWorld;
import io.knetsim.scenarios.cluster.RouterNetwork;
import io.knetsim.sim.SimTime;
import io.knetsim.skupper.config.ConnectorEntity;
import io.knetsim.skupper.config.ExposedService;
import io.knetsim.skupper.config.RouterConfig;
import io.knetsim.skupper.config.SiteSpec;
import io.knetsim.skupper.config.SkupperConfigGenerator;
import io.knetsim.skupper.config.TcpConnectorEntity;
import io.knetsim.skupper.router.AddressInfo;
import io.knetsim.skupper.router.SkupperRouter;
import io.knetsim.skupper.routing.Route;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Lab 5 (docs/labs/05-multi-cluster.md) as a unit test: clusters built with {@link ClusterWorld},
 * one skupper router per cluster on its first worker ({@link RouterNetwork}), configurations from
 * {@link SkupperConfigGenerator} as the original labs made them. Copy it, change the clusters,
 * the links or their costs, and run it:
 *
 * <pre>
 *   mvn -B -q -pl scenarios -am test -Dtest=Lab05MultiClusterTest -Dsurefire.failIfNoSpecifiedTests=false
 *
 *   two clusters:   C1w1 [router C1] ──connector, cost 1──▶ C0w1:55671 [router C0]
 *                   c1 (C1) ─▶ C1w1:1028 (tcpListener svc1)        tcpConnector svc1 ─▶ web (C0) :80
 *
 *   three clusters: Aw1 [A] ──1──▶ Bw1 [B] ──1──▶ Cw1 [C]   tcpConnector svc1 ─▶ web (C) :80
 *                     │               (optional: tcpConnector svc1 ─▶ web (B) :8000)
 *                     └──────────── 5 (optional) ──────▶┘
 * </pre>
 */
class Lab05MultiClusterTest {
    private static final String WELCOME = "<h1>Welcome to nginx!</h1>";

    /** A small cluster: one etcd host and two workers, the labs' flannel configuration. */
    private static ClusterSpec cluster(String name, int etcdNet, String w1, String w2) {
        return new ClusterSpec(name, List.of(new Host("e1", "10." + etcdNet + ".0.1")),
            List.of(new Host("w1", w1), new Host("w2", w2)), ClusterSpec.FLANNEL_VXLAN);
    }

    private static String podIp(Cluster c, String pod) {
        return c.api().get(Pod.class, "default", pod).status().podIP();
    }

    private static String in(ClusterWorld w, Cluster c, String pod, String command) {
        var inv = w.runner().run(c.podNamespace("default", pod), command);
        return inv.stdout() + inv.stderr();
    }

    /** The default world's link, on two small clusters: a pod of C1 fetches nginx from C0. */
    private final class TwoClusters {
        final ClusterWorld world = new ClusterWorld(5, LinkConfig.DEFAULT, List.of(
            cluster("C0", 1, "10.0.0.3", "10.0.0.4"), cluster("C1", 2, "10.0.0.8", "10.0.0.9")), Path.of(".")).boot();
        final Cluster c0 = world.cluster("C0");
        final Cluster c1 = world.cluster("C1");

        TwoClusters() {
            c0.worker("w2").createContainer("web", "nginx");
            c1.worker("w2").createContainer("c1");
        }

        RouterNetwork link() {
            // the labs' build_conf: C1 connects to C0's first worker; svc1 lives in C0 and is
            // listened for on port 1028 everywhere else
            return RouterNetwork.start(world, List.of(
                new SiteSpec("C0", "10.0.0.3", List.of()),
                new SiteSpec("C1", "10.0.0.8", List.of("C0"))),
                List.of(new ExposedService("svc1", "C0", podIp(c0, "web"), 80, 1028))).awaitConverged();
        }
    }

    @Test
    void aPodInOneClusterFetchesAServiceOfTheOtherThroughTheRouters() {
        TwoClusters t = new TwoClusters();
        // before the routers run, nothing listens on C1w1:1028
        assertThat(in(t.world, t.c1, "c1", "curl -sS 10.0.0.8:1028"))
            .isEqualTo("curl: (7) Failed to connect to 10.0.0.8 port 1028 after 0 ms: Couldn't connect to server\n");

        RouterNetwork net = t.link();
        // the page comes from the nginx pod in C0, though c1 only ever talked to a C1 address
        assertThat(in(t.world, t.c1, "c1", "wget -qO- 10.0.0.8:1028")).contains(WELCOME);
        // C1's router counted one delivery in for svc1, C0's one out to its tcpConnector
        t.world.world().sim().runFor(SimTime.seconds(1));
        assertThat(net.router("C1").addresses()).containsExactly(new AddressInfo("svc1", 0, 1, 1, 0, 0));
        assertThat(net.router("C0").addresses()).containsExactly(new AddressInfo("svc1", 1, 0, 0, 1, 0));
        // the configuration is on the worker's files where skupper-router reads it
        String conf = t.world.runner().run(t.c1.worker("w1").host(), "cat " + RouterNetwork.CONFIG_PATH).stdout();
        assertThat(RouterConfig.parse(conf, "skrouterd.json")).isEqualTo(net.router("C1").config());
        assertThat(conf).contains("[\"connector\", {\"name\": \"C0\", \"role\": \"inter-router\", \"host\": \"10.0.0.3\"");
    }

    @Test
    void theRoutersSpeakAmqpOnOneTcpConnectionToPort55671() {
        TwoClusters t = new TwoClusters();
        // watch C1w1's underlay interface from before the routers start
        List<byte[]> toC0 = new ArrayList<>();
        t.c1.worker("w1").host().device("eth0").addTap((dev, skb, dir) -> {
            byte[] f = skb.toByteArray();
            int ip = EthernetHeader.LENGTH;
            if (dir == PacketTap.Direction.OUT && EthernetHeader.etherType(f, 0) == EthernetHeader.TYPE_IPV4
                && Ipv4Header.protocol(f, ip) == Ipv4Header.PROTO_TCP
                && TcpHeader.dstPort(f, ip + Ipv4Header.MIN_LENGTH) == SkupperConfigGenerator.INTER_ROUTER_PORT) {
                toC0.add(f);
            }
        });
        t.link();
        // the first bytes C1's router sends are AMQP 1.0's protocol header: "AMQP" 0 1 0 0
        byte[] first = toC0.stream().map(Lab05MultiClusterTest::tcpPayload).filter(p -> p.length > 0).findFirst()
            .orElseThrow();
        assertThat(Arrays.copyOf(first, 8)).isEqualTo(new byte[] {'A', 'M', 'Q', 'P', 0, 1, 0, 0});
        // every packet to the port comes from one local port: one connection carries everything
        assertThat(toC0.stream().map(f -> TcpHeader.srcPort(f, EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH))
            .distinct()).hasSize(1);
        // and the open frame names the router: its container-id is "C1"
        String opening = toC0.stream().map(Lab05MultiClusterTest::tcpPayload)
            .map(p -> new String(p, StandardCharsets.ISO_8859_1)).reduce("", String::concat);
        assertThat(opening).contains("C1");
    }

    private static byte[] tcpPayload(byte[] frame) {
        int ip = EthernetHeader.LENGTH;
        int tcp = ip + Ipv4Header.MIN_LENGTH;
        int start = tcp + TcpHeader.headerLength(frame, tcp);
        int end = ip + Ipv4Header.totalLength(frame, ip);
        return Arrays.copyOfRange(frame, start, end);
    }

    /** Three clusters, routers A, B, C; svc1 = nginx in C, listened for on port 1028 in A and B. */
    private static final class ThreeClusters {
        final ClusterWorld world = new ClusterWorld(7, LinkConfig.DEFAULT, List.of(
            cluster("A", 1, "10.0.0.3", "10.0.0.4"), cluster("B", 2, "10.0.0.8", "10.0.0.9"),
            cluster("C", 3, "10.0.0.13", "10.0.0.14")), Path.of(".")).boot();
        final Cluster a = world.cluster("A");
        final Cluster c = world.cluster("C");

        ThreeClusters() {
            a.worker("w2").createContainer("client");
            c.worker("w2").createContainer("web", "nginx");
        }

        /** A links to B, B to C; with {@code directCost} > 0 A also links straight to C at that cost. */
        RouterNetwork start(int directCost) {
            return RouterNetwork.start(world, configs(directCost)).awaitConverged();
        }

        Map<String, RouterConfig> configs(int directCost) {
            // A's links: B at cost 1, and with directCost > 0 C straight at that (dearer) cost
            List<SiteSpec.Remote> aRemotes = directCost > 0
                ? List.of(SiteSpec.Remote.of("B"), SiteSpec.Remote.of("C", directCost)) : List.of(SiteSpec.Remote.of("B"));
            Map<String, RouterConfig> configs = new LinkedHashMap<>(SkupperConfigGenerator.generate(List.of(
                SiteSpec.of("A", "10.0.0.3", aRemotes),
                new SiteSpec("B", "10.0.0.8", List.of("C")),
                new SiteSpec("C", "10.0.0.13", List.of())),
                List.of(new ExposedService("svc1", "C", podIp(c, "web"), 80, 1028))));
            return configs;
        }

        String fetch() {
            return in(world, a, "client", "wget -qO- 10.0.0.3:1028");
        }
    }

    @Test
    void aClientInAReachesAServiceInCThroughB() {
        ThreeClusters t = new ThreeClusters();
        RouterNetwork net = t.start(0);
        // A has no link to C: its route goes through B, two links of cost 1
        assertThat(net.router("A").routeTable().route("C")).contains(new Route("C", "B", 2, List.of("A", "B", "C")));
        assertThat(t.fetch()).contains(WELCOME);
        t.world.world().sim().runFor(SimTime.seconds(1));
        // B neither listens for svc1 nor serves it, yet carried the stream: one delivery "thru"
        assertThat(net.router("B").addresses()).containsExactly(new AddressInfo("svc1", 0, 1, 0, 0, 1));
    }

    @Test
    void withServersForOneAddressInTwoClustersTheClosestOneGetsTheConnections() {
        ThreeClusters t = new ThreeClusters();
        // a second server for svc1, in B: the labs' fixed-message server on port 8000
        Cluster b = t.world.cluster("B");
        b.worker("w2").createContainer("web", "knetsim/fixed-message", "--message", "served in B", "--port", "8000");
        Map<String, RouterConfig> configs = t.configs(5); // A-B-C, and A-C direct at cost 5
        configs.put("B", configs.get("B").with(new TcpConnectorEntity("svc1", podIp(b, "web"), 8000, "svc1",
            Optional.of("B"), Map.of())));
        RouterNetwork net = RouterNetwork.start(t.world, configs).awaitConverged();
        // A knows two consumers of svc1; B is one link away, C two: B is the closest
        assertThat(net.router("A").addressTable().consumers("svc1")).containsExactly("B", "C");
        assertThat(net.router("A").addressTable().closest("A", "svc1", net.router("A").routeTable()))
            .containsExactly("B");
        assertThat(t.fetch()).isEqualTo("served in B\n");
        assertThat(t.fetch()).isEqualTo("served in B\n");

        // B's router stops: C, over the direct link, is the only consumer left
        net.router("B").stop();
        t.world.world().sim().runFor(SimTime.seconds(1));
        assertThat(net.router("A").addressTable().consumers("svc1")).containsExactly("C");
        assertThat(t.fetch()).contains(WELCOME);
    }

    @Test
    void theCheaperPathCarriesTrafficAndADeadRouterIsRoutedAround() {
        ThreeClusters t = new ThreeClusters();
        RouterNetwork net = t.start(5);
        SkupperRouter a = net.router("A");
        // A-B-C costs 2, the direct A-C link 5: the cheaper path wins
        assertThat(a.routeTable().route("C")).contains(new Route("C", "B", 2, List.of("A", "B", "C")));
        assertThat(t.fetch()).contains(WELCOME);
        t.world.world().sim().runFor(SimTime.seconds(1));
        assertThat(net.router("B").addresses().get(0).thru()).isEqualTo(1);

        // B's router dies: its connections are reset, A and C lose it as a neighbour at once
        net.router("B").stop();
        t.world.world().sim().runFor(SimTime.seconds(1));
        assertThat(a.routeTable().route("C")).contains(new Route("C", "C", 5, List.of("A", "C")));
        assertThat(a.routeTable().reaches("B")).isFalse();
        // new connections take the dear link; the service is still there
        assertThat(t.fetch()).contains(WELCOME);
        t.world.world().sim().runFor(SimTime.seconds(1));
        assertThat(net.router("C").addresses().get(0).out()).isEqualTo(2);
        assertThat(net.router("B").addresses().get(0).thru()).as("B carried nothing more").isEqualTo(1);
    }
}
