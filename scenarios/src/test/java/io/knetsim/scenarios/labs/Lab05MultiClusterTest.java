package io.knetsim.scenarios.labs;

import static org.assertj.core.api.Assertions.assertThat;

import io.knetsim.addr.Ipv4Address;
import io.knetsim.api.Pod;
import io.knetsim.net.PacketTap;
import io.knetsim.packet.EthernetHeader;
import io.knetsim.packet.Ipv4Header;
import io.knetsim.packet.TcpHeader;
import io.knetsim.scenarios.cluster.Cluster;
import io.knetsim.scenarios.cluster.RouterNetwork;
import io.knetsim.scenarios.scenario.Flannel;
import io.knetsim.scenarios.scenario.RouterRemote;
import io.knetsim.scenarios.scenario.RouterService;
import io.knetsim.scenarios.scenario.RouterSite;
import io.knetsim.scenarios.scenario.Scenario;
import io.knetsim.scenarios.scenario.ScenarioCluster;
import io.knetsim.scenarios.scenario.ScenarioPod;
import io.knetsim.scenarios.scenario.ScenarioWorld;
import io.knetsim.sim.SimTime;
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
 * Lab 5 (docs/labs/05-multi-cluster.md) as a unit test: clusters, pods and the skupper router
 * network written with the scenario DSL ({@link Scenario}, {@link RouterSite}, {@link RouterService};
 * docs/scenarios/multi-cluster.yaml and three-clusters.yaml are YAML twins), one router per
 * cluster on its first worker, configured as the original labs' generator made it. Copy it,
 * change the clusters, the links or their costs, and run it:
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
    private static ScenarioCluster cluster(String name, int etcdNet, String w1, String w2) {
        return ScenarioCluster.named(name)
            .etcd("e1", Ipv4Address.parse("10." + etcdNet + ".0.1"))
            .worker("w1", Ipv4Address.parse(w1))
            .worker("w2", Ipv4Address.parse(w2))
            .flannel(Flannel.LABS);
    }

    private static String podIp(Cluster c, String pod) {
        return c.api().get(Pod.class, "default", pod).status().podIP();
    }

    private static String in(ScenarioWorld w, Cluster c, String pod, String command) {
        var inv = w.runner().run(c.podNamespace("default", pod), command);
        return inv.stdout() + inv.stderr();
    }

    /** The default world's link, on two small clusters: a pod of C1 fetches nginx from C0. */
    private static final class TwoClusters {
        final ScenarioWorld world;
        final Cluster c0;
        final Cluster c1;

        /** The clusters and pods; with {@code linked}, the routers too, started as the world comes up. */
        TwoClusters(boolean linked) {
            Scenario.Builder s = Scenario.builder()
                .seed(5)
                .cluster(cluster("C0", 1, "10.0.0.3", "10.0.0.4").pod(ScenarioPod.of("web", "w2", "nginx")))
                .cluster(cluster("C1", 2, "10.0.0.8", "10.0.0.9").pod(ScenarioPod.of("c1", "w2")));
            if (linked) {
                // the labs' build_conf: C1 connects to C0's first worker; svc1 lives in C0 and is
                // listened for on port 1028 everywhere else
                s.routerSite(RouterSite.of("C0"))
                    .routerSite(RouterSite.of("C1", "C0"))
                    .routerService(RouterService.pod("svc1", "C0", "web", 80, 1028));
            }
            world = ScenarioWorld.build(s.build(), Path.of("."));
            c0 = world.clusters().cluster("C0");
            c1 = world.clusters().cluster("C1");
        }

        RouterNetwork routers() {
            return world.routers().orElseThrow();
        }

        /**
         * Starts, on the unlinked world, the routers the linked one's routers section describes,
         * by hand as the labs' build_conf did: the DSL starts a scenario's routers as its world
         * comes up, so a test that watches them from their first packet starts them itself.
         */
        RouterNetwork link() {
            return RouterNetwork.start(world.clusters(), List.of(
                new SiteSpec("C0", "10.0.0.3", List.of()),
                new SiteSpec("C1", "10.0.0.8", List.of("C0"))),
                List.of(new ExposedService("svc1", "C0", podIp(c0, "web"), 80, 1028))).awaitConverged();
        }
    }

    @Test
    void aPodInOneClusterFetchesAServiceOfTheOtherThroughTheRouters() {
        // before the routers run (the same world without its routers section), nothing listens on C1w1:1028
        TwoClusters unlinked = new TwoClusters(false);
        assertThat(in(unlinked.world, unlinked.c1, "c1", "curl -sS 10.0.0.8:1028"))
            .isEqualTo("curl: (7) Failed to connect to 10.0.0.8 port 1028 after 0 ms: Couldn't connect to server\n");

        TwoClusters t = new TwoClusters(true);
        RouterNetwork net = t.routers();
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
        TwoClusters t = new TwoClusters(false);
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
        final ScenarioWorld world;
        final Cluster a;
        final Cluster c;

        /** A links to B, B to C; with {@code directCost} > 0 A also links straight to C at that cost. */
        ThreeClusters(int directCost) {
            this(directCost, false);
        }

        /**
         * With {@code serverInB}, a second server for svc1 in B and no routers section: the DSL
         * exposes a service name from one cluster only (ScenarioCheck refuses a duplicate name),
         * so that test starts its routers from configurations it completes by hand.
         */
        private ThreeClusters(int directCost, boolean serverInB) {
            ScenarioCluster b = cluster("B", 2, "10.0.0.8", "10.0.0.9");
            if (serverInB) {
                // a second server for svc1, in B: the labs' fixed-message server on port 8000
                b = b.pod(ScenarioPod.of("web", "w2", "knetsim/fixed-message", "--message", "served in B",
                    "--port", "8000"));
            }
            Scenario.Builder s = Scenario.builder()
                .seed(7)
                .cluster(cluster("A", 1, "10.0.0.3", "10.0.0.4").pod(ScenarioPod.of("client", "w2")))
                .cluster(b)
                .cluster(cluster("C", 3, "10.0.0.13", "10.0.0.14").pod(ScenarioPod.of("web", "w2", "nginx")));
            if (!serverInB) {
                // A's links: B at cost 1, and with directCost > 0 C straight at that (dearer) cost
                s.routerSite(directCost > 0
                        ? RouterSite.of("A", RouterRemote.of("B"), RouterRemote.of("C", directCost))
                        : RouterSite.of("A", "B"))
                    .routerSite(RouterSite.of("B", "C"))
                    .routerSite(RouterSite.of("C"))
                    .routerService(RouterService.pod("svc1", "C", "web", 80, 1028));
            }
            world = ScenarioWorld.build(s.build(), Path.of("."));
            a = world.clusters().cluster("A");
            c = world.clusters().cluster("C");
        }

        /** The same three clusters with a second server for svc1 in B, and no routers yet. */
        static ThreeClusters withServerInB() {
            return new ThreeClusters(0, true);
        }

        RouterNetwork routers() {
            return world.routers().orElseThrow();
        }

        /** The routers section's configurations as the labs' generator makes them, by hand. */
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
        ThreeClusters t = new ThreeClusters(0);
        RouterNetwork net = t.routers();
        // A has no link to C: its route goes through B, two links of cost 1
        assertThat(net.router("A").routeTable().route("C")).contains(new Route("C", "B", 2, List.of("A", "B", "C")));
        assertThat(t.fetch()).contains(WELCOME);
        t.world.world().sim().runFor(SimTime.seconds(1));
        // B neither listens for svc1 nor serves it, yet carried the stream: one delivery "thru"
        assertThat(net.router("B").addresses()).containsExactly(new AddressInfo("svc1", 0, 1, 0, 0, 1));
    }

    @Test
    void withServersForOneAddressInTwoClustersTheClosestOneGetsTheConnections() {
        // a second server for svc1, in B: the labs' fixed-message server on port 8000
        ThreeClusters t = ThreeClusters.withServerInB();
        Cluster b = t.world.clusters().cluster("B");
        // the generator's configurations for A-B-C and A-C direct at cost 5, and B's router also
        // connects svc1 to its own server (two clusters serving one name: beyond the DSL's routers section)
        Map<String, RouterConfig> configs = t.configs(5);
        configs.put("B", configs.get("B").with(new TcpConnectorEntity("svc1", podIp(b, "web"), 8000, "svc1",
            Optional.of("B"), Map.of())));
        RouterNetwork net = RouterNetwork.start(t.world.clusters(), configs).awaitConverged();
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
        ThreeClusters t = new ThreeClusters(5);
        RouterNetwork net = t.routers();
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
