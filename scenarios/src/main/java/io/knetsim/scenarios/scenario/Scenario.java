package io.knetsim.scenarios.scenario;

import io.knetsim.net.link.LinkConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A world and what to do in it, in typed plain Java; the YAML format ({@link ScenarioYaml})
 * maps one-to-one onto it, and {@link ScenarioWorld} builds it:
 *
 * <pre>
 *   Scenario s = Scenario.builder()
 *       .seed(7)
 *       .underlay(LinkConfig.DEFAULT.withDelay(Duration.ofMillis(1)).withRate(Rate.gbit(1).bitsPerSecond()))
 *       .cluster(ScenarioCluster.named("C0")
 *           .etcd("e1", Ipv4Address.parse("10.1.0.1"))
 *           .worker("w1", Ipv4Address.parse("10.0.0.3")).worker("w2", Ipv4Address.parse("10.0.0.4"))
 *           .pod(ScenarioPod.of("c2", "w2")).pod(ScenarioPod.of("web", "w2", "nginx")))
 *       .vip(StaticVip.of("C0", "100.64.10.1", "c2", "web"))
 *       .ingress(ScenarioIngress.of("C0", "w1", "grp1", 8001, IngressRoute.of("/web", "100.64.10.1:80")))
 *       .routerSite(RouterSite.of("C0"))
 *       .routerService(RouterService.pod("svc1", "C0", "web", 80, 1028))
 *       .capture("C0w1", "eth0")
 *       .step(Step.on("C0w1").run("kubectl get pods").expectExit(0))
 *       .build();
 * </pre>
 *
 * Besides the clusters, the scenario holds what spans them or is added once they are up: the
 * original labs' static VIPs ({@link StaticVip}) and ingresses ({@link ScenarioIngress}), the
 * multi-cluster settings (the skupper router network joining clusters, {@link ScenarioRouters}:
 * its sites and exposed services, naming clusters and pods by name), the captures and the steps.
 *
 * The constructor checks the whole scenario ({@link ScenarioCheck}) and throws
 * {@link ScenarioException} naming the field, so a scenario that exists can be built.
 *
 * @param underlay the properties of every host's link to the shared switch
 * @param routers  the router network, {@link ScenarioRouters#NONE} for none
 */
public record Scenario(long seed, LinkConfig underlay, List<ScenarioCluster> clusters, List<StaticVip> vips,
                       List<ScenarioIngress> ingresses, ScenarioRouters routers, List<CapturePoint> captures,
                       List<Step> steps) {
    /** The seed of a scenario that names none, as {@code knetsim run}'s default. */
    public static final long DEFAULT_SEED = 1;

    public Scenario {
        clusters = List.copyOf(clusters);
        vips = List.copyOf(vips);
        ingresses = List.copyOf(ingresses);
        routers = routers == null ? ScenarioRouters.NONE : routers;
        captures = List.copyOf(captures);
        steps = List.copyOf(steps);
        ScenarioCheck.check(underlay, clusters, vips, ingresses, routers, captures, steps);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same scenario with another seed. */
    public Scenario withSeed(long s) {
        return new Scenario(s, underlay, clusters, vips, ingresses, routers, captures, steps);
    }

    /** Collects the parts of a scenario; {@link #build()} checks them. */
    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private LinkConfig underlay = LinkConfig.DEFAULT;
        private final List<ScenarioCluster> clusters = new ArrayList<>();
        private final List<StaticVip> vips = new ArrayList<>();
        private final List<ScenarioIngress> ingresses = new ArrayList<>();
        private ScenarioRouters routers = ScenarioRouters.NONE;
        private final List<CapturePoint> captures = new ArrayList<>();
        private final List<Step> steps = new ArrayList<>();

        private Builder() {
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder underlay(LinkConfig l) {
            this.underlay = l;
            return this;
        }

        /** The underlay with this one-way delay, bandwidth and loss probability (0 to 1). */
        public Builder underlay(Duration delay, Rate bandwidth, double loss) {
            return underlay(LinkConfig.DEFAULT.withDelay(delay).withRate(bandwidth.bitsPerSecond()).withLoss(loss));
        }

        public Builder cluster(ScenarioCluster c) {
            clusters.add(c);
            return this;
        }

        /** A static VIP, programmed once the world is up: YAML {@code vips}. */
        public Builder vip(StaticVip v) {
            vips.add(v);
            return this;
        }

        /** An ingress started once the world is up: YAML {@code ingresses}. */
        public Builder ingress(ScenarioIngress i) {
            ingresses.add(i);
            return this;
        }

        /** A site of the router network: YAML {@code routers.sites}. */
        public Builder routerSite(RouterSite s) {
            routers = routers.site(s);
            return this;
        }

        /** A service exposed over the router network: YAML {@code routers.services}. */
        public Builder routerService(RouterService s) {
            routers = routers.service(s);
            return this;
        }

        public Builder capture(String node, String iface) {
            captures.add(new CapturePoint(node, iface));
            return this;
        }

        public Builder step(Step s) {
            steps.add(s);
            return this;
        }

        public Scenario build() {
            return new Scenario(seed, underlay, clusters, vips, ingresses, routers, captures, steps);
        }
    }
}
