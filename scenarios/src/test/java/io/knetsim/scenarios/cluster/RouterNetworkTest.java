package io.knetsim.scenarios.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.net.link.LinkConfig;
import io.knetsim.scenarios.cluster.ClusterSpec.Host;
import io.knetsim.skupper.config.ExposedService;
import io.knetsim.skupper.config.RouterConfig;
import io.knetsim.skupper.config.SiteSpec;
import io.knetsim.skupper.config.SkupperConfigGenerator;
import io.knetsim.skupper.router.SkupperRouters;
import io.knetsim.skupper.site.SkupperNetwork;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link RouterNetwork}: one router per cluster on its first worker, the configuration on the
 * worker's files, convergence on the simulated clock, and refusals that leave nothing running.
 *
 * <pre>
 *   C1w1 10.0.0.8 [C1] ── connector C0 ──▶ C0w1 10.0.0.3:55671 [C0]    svc1: 10.9.9.9:80 in C0, :1028 in C1
 * </pre>
 */
class RouterNetworkTest {
    private final ClusterWorld world = new ClusterWorld(3, LinkConfig.DEFAULT, List.of(
        new ClusterSpec("C0", List.of(new Host("e1", "10.1.0.1")), List.of(new Host("w1", "10.0.0.3")),
            ClusterSpec.FLANNEL_VXLAN),
        new ClusterSpec("C1", List.of(new Host("e1", "10.2.0.1")), List.of(new Host("w1", "10.0.0.8")),
            ClusterSpec.FLANNEL_VXLAN)), Path.of(".")).boot();

    private Map<String, RouterConfig> configs() {
        return new LinkedHashMap<>(SkupperConfigGenerator.generate(List.of(
            new SiteSpec("C0", "10.0.0.3", List.of()), new SiteSpec("C1", "10.0.0.8", List.of("C0"))),
            List.of(new ExposedService("svc1", "C0", "10.9.9.9", 80, 1028))));
    }

    @Test
    void theRoutersRunOnTheFirstWorkersWithTheirConfigurationOnFileAndConverge() {
        long before = world.world().sim().now();
        RouterNetwork net = RouterNetwork.start(world, configs()).awaitConverged();
        assertThat(net.routers()).containsOnlyKeys("C0", "C1");
        assertThat(SkupperRouters.of(world.world()).on(world.cluster("C1").worker("w1").host()))
            .contains(net.router("C1"));
        assertThat(net.router("C1").neighbours()).containsOnlyKeys("C0");
        assertThat(net.router("C1").addressTable().consumers("svc1")).containsExactly("C0");
        // TCP handshake, AMQP open, a first hello each way (sent as soon as the connection opens),
        // then link state and addresses: 1.1 ms of simulated time on the labs' 50 us underlay
        assertThat(world.world().sim().now() - before).isEqualTo(io.knetsim.sim.SimTime.us(1100));
        String onFile = world.runner().run(world.cluster("C0").worker("w1").host(),
            "cat /etc/skupper-router/config/skrouterd.json").stdout();
        assertThat(onFile).isEqualTo(configs().get("C0").toJson());
        assertThatThrownBy(() -> net.router("C7")).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("no router in cluster C7 (routers: C0, C1)");
    }

    @Test
    void aLinkThatNeverComesUpIsReportedAfterTheLimit() {
        Map<String, RouterConfig> c = configs();
        // C1's connector aims at the wrong port: it retries for ever, the link never comes up
        RouterConfig c1 = c.get("C1");
        var conn = c1.connector("C0").orElseThrow();
        c.put("C1", c1.without(conn).with(new io.knetsim.skupper.config.ConnectorEntity(conn.name(), conn.role(),
            conn.host(), 55672, conn.cost(), conn.maxFrameSize(), conn.maxSessionFrames(), conn.others())));
        RouterNetwork net = RouterNetwork.start(world, c);
        assertThatThrownBy(net::awaitConverged).isInstanceOf(IllegalStateException.class)
            .hasMessage("the skupper routers did not exchange routes within 30 s of simulated time: "
                + "C0 has no route to C1; link C1-C0 is not up; C1 and C0 hold different link states; "
                + "C1 has no route to C0; C1 knows consumers of svc1 at [], not [C0]");
    }

    @Test
    void aRefusedConfigurationStopsTheRoutersAlreadyStartedAndWritesNothing() {
        Map<String, RouterConfig> c = configs();
        // a router already runs on C0w1, so a second network that starts C1's router first and
        // then C0's is refused at C0
        RouterNetwork.start(world, Map.of("C0", c.get("C0")));
        Map<String, RouterConfig> again = new LinkedHashMap<>();
        again.put("C1", c.get("C1"));
        again.put("C0", c.get("C0"));
        assertThatThrownBy(() -> RouterNetwork.start(world, again)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("C0.json");
        // C1's router, started before C0's was refused, is stopped again and the file it wrote is
        // gone; C1's Skupper site is not enabled, C0's (the first network's) is
        assertThat(SkupperRouters.of(world.world()).on(world.cluster("C1").worker("w1").host())).isEmpty();
        assertThat(world.cluster("C1").worker("w1").host().files().exists(RouterNetwork.CONFIG_PATH)).isFalse();
        assertThat(SkupperNetwork.of(world.world()).site("C1").enabled()).isFalse();
        assertThat(SkupperNetwork.of(world.world()).site("C0").status()).isEqualTo("Skupper is enabled for "
            + "namespace \"default\" with site name \"C0\" in interior mode. It is not connected to any other sites. "
            + "It has 1 exposed service.");
    }

    @Test
    void aSecondNetworkOnSitesEnabledAlreadyIsRefusedAndStopsItsRouters() {
        RouterNetwork first = RouterNetwork.start(world, configs()).awaitConverged();
        first.routers().values().forEach(io.knetsim.skupper.router.SkupperRouter::stop);
        // the routers are gone, but C0's and C1's Skupper sites hold them: a new network cannot take the sites over
        assertThatThrownBy(() -> RouterNetwork.start(world, configs())).isInstanceOf(IllegalStateException.class)
            .hasMessage("cluster C0's Skupper site is enabled already (its router on C0w1 was started before)");
        assertThat(SkupperRouters.of(world.world()).on(world.cluster("C0").worker("w1").host())).isEmpty();
        assertThat(SkupperRouters.of(world.world()).on(world.cluster("C1").worker("w1").host())).isEmpty();
    }
}
