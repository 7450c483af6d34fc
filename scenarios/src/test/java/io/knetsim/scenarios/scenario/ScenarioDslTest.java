package io.knetsim.scenarios.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knetsim.addr.Cidr;
import io.knetsim.addr.Ipv4Address;
import io.knetsim.api.Namespace;
import io.knetsim.api.Pod;
import io.knetsim.ingress.IngressRoute;
import io.knetsim.scenarios.cluster.ClusterSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A world written in the Java DSL, built and run:
 *
 * <pre>
 *   s0 (2 ms per link, 100 Mbit/s) ─┬─ C0e1 10.1.0.1
 *                                   ├─ C0w1 10.0.0.3  [c1]
 *                                   └─ C0w2 10.0.0.4  [web nginx]      flannel host-gw, 10.244.0.0/16, /24 leases
 * </pre>
 */
class ScenarioDslTest {
    private static ScenarioCluster c0() {
        return ScenarioCluster.named("C0")
            .etcd("e1", Ipv4Address.parse("10.1.0.1"))
            .worker("w1", Ipv4Address.parse("10.0.0.3"))
            .worker("w2", Ipv4Address.parse("10.0.0.4"))
            .flannel(Flannel.hostGw().withNetwork(Cidr.parse("10.244.0.0/16")).withSubnetLen(24))
            .pod(ScenarioPod.of("c1", "w1"))
            .pod(ScenarioPod.of("web", "w2", "nginx"));
    }

    @Test
    void aWorldBuiltWithTheDslBootsStartsItsPodsAndRunsItsSteps() {
        Scenario s = Scenario.builder()
            .seed(5)
            .underlay(Duration.ofMillis(2), Rate.mbit(100), 0)
            .cluster(c0().manifest(Manifest.of(Namespace.named("shop"))))
            .step(Step.on("C0w1").run("kubectl get namespace shop").expectExit(0).expectMatches("^shop +Active"))
            .step(Step.at(Duration.ofSeconds(3)).on("C0w2").run("ip route").expectContains("via 10.0.0.3 dev eth0"))
            .step(Step.run(Duration.ofMillis(500)))
            .build();
        ScenarioWorld w = ScenarioWorld.build(s, Path.of("."));
        assertThat(w.description()).isEqualTo("cluster C0 (2 workers, 1 etcd host, flannel host-gw)");
        String webIp = w.clusters().cluster("C0").api().get(Pod.class, "default", "web").status().podIP();
        assertThat(webIp).startsWith("10.244.");

        List<StepRunner.Result> results = new StepRunner(w).run(s.steps(), r -> { });
        assertThat(results).extracting(StepRunner.Result::line).containsExactly(
            "C0w1 kubectl get namespace shop", "C0w2 ip route", "run 500ms");
        assertThat(results).allSatisfy(r -> assertThat(r.failures()).isEmpty());
        assertThat(results.get(1).startNanos()).isEqualTo(3_000_000_000L);
        assertThat(results.get(2).startNanos()).isEqualTo(results.get(1).startNanos());
        assertThat(StepRunner.checks(s.steps())).isEqualTo(4);

        // the pod answers across the host-gw route: 2 links of 2 ms each way
        StepRunner.Result ping = new StepRunner(w).run(List.of(
            Step.py("C0w1.exec_container(\"c1\", \"ping -c 2 " + webIp + "\")")
                .expectMatches("icmp_seq=2 ttl=62 time=8\\.\\d+ ms")),
            r -> { }).get(0);
        assertThat(ping.failures()).isEmpty();
    }

    /**
     * The original labs' additions in the DSL: a static VIP to two pods and an ingress in front of
     * it; without kube-proxy and the cluster DNS (the default), so pods keep the host's resolver
     * and kube-system is empty.
     *
     * <pre>
     *   C0w1 [c1]   ingress grp1 :8001  /web -&gt; 100.64.10.1:80
     *   C0w2 [web1 nginx, web2 nginx]   100.64.10.1 -&gt; web1, web2 (dnat on every worker)
     * </pre>
     */
    @Test
    void staticVipsAndIngressesAreAddedOnceTheWorldIsUpAndAddOnsCanBeOff() {
        Scenario s = Scenario.builder()
            .cluster(ScenarioCluster.named("C0")
                .etcd("e1", Ipv4Address.parse("10.1.0.1"))
                .worker("w1", Ipv4Address.parse("10.0.0.3")).worker("w2", Ipv4Address.parse("10.0.0.4"))
                .pod(ScenarioPod.of("c1", "w1"))
                .pod(ScenarioPod.of("web1", "w2", "nginx")).pod(ScenarioPod.of("web2", "w2", "nginx"))
                .kubeProxy(false).clusterDns(false))
            .vip(StaticVip.of("C0", "100.64.10.1", "web1", "web2"))
            .ingress(ScenarioIngress.of("C0", "w1", "grp1", 8001, IngressRoute.of("/web", "100.64.10.1:80")))
            .build();
        assertThat(ScenarioYaml.parse("s.yaml", ScenarioYaml.write(s), Path.of("."))).isEqualTo(s);
        ScenarioWorld w = ScenarioWorld.build(s, Path.of("."));
        assertThat(w.clusters().cluster("C0").kubeProxies()).isEmpty();
        assertThat(w.clusters().cluster("C0").api().list(Pod.class)).extracting(p -> p.metadata().name())
            .containsExactly("c1", "web1", "web2");

        List<StepRunner.Result> results = new StepRunner(w).run(List.of(
            Step.py("C0w1.exec_container(\"c1\", \"curl -s 100.64.10.1\")").expectContains("Welcome to nginx!"),
            Step.on("C0w2").run("curl -s -i 10.0.0.3:8001/web").expectContains("HTTP/1.1 404 Not Found"),
            Step.on("C0w1").run("nginx -T").expectContains("location /web {"),
            Step.py("C0w1.exec_container(\"c1\", \"cat /etc/resolv.conf\")").expectExit(0)), r -> { });
        assertThat(results).allSatisfy(r -> assertThat(r.failures()).as(r.line() + "\n" + r.stdout()).isEmpty());
        assertThat(results.get(3).stdout()).doesNotContain("10.96.0.10");
    }

    @Test
    void aStaticVipNeedsPodsOfItsCluster() {
        assertThatThrownBy(() -> Scenario.builder()
            .cluster(ScenarioCluster.named("C0").etcd("e1", Ipv4Address.parse("10.1.0.1"))
                .worker("w1", Ipv4Address.parse("10.0.0.3")))
            .vip(StaticVip.of("C0", "100.64.10.1", "c2"))
            .build())
            .isInstanceOf(ScenarioException.class)
            .hasMessage("vips[0].pods[0]: no pod c2 in cluster C0 (pods: none)");
    }

    @Test
    void theLabsFlannelConfigurationIsTheDefaultWorlds() {
        assertThat(Flannel.LABS.toJson()).isEqualTo(ClusterSpec.FLANNEL_VXLAN);
        assertThat(Flannel.hostGw().toJson()).isEqualTo(ClusterSpec.FLANNEL_HOST_GW);
        assertThat(Flannel.vxlan(1).withNetwork(Cidr.parse("10.244.0.0/16")).toJson())
            .isEqualTo("{\"Network\":\"10.244.0.0/16\",\"Backend\":{\"Type\":\"vxlan\",\"VNI\":1,\"Port\":8472}}");
        assertThat(c0().spec()).isEqualTo(new ClusterSpec("C0", List.of(new ClusterSpec.Host("e1", "10.1.0.1")),
            List.of(new ClusterSpec.Host("w1", "10.0.0.3"), new ClusterSpec.Host("w2", "10.0.0.4")),
            "{\"Network\":\"10.244.0.0/16\",\"SubnetLen\":24,\"Backend\":{\"Type\":\"host-gw\"}}"));
    }

    @Test
    void ratesAndDurationsReadAndWriteAsTcAndTheShellDo() {
        assertThat(Rate.parse("1Gbit")).isEqualTo(Rate.gbit(1));
        assertThat(Rate.parse("100mbit").bitsPerSecond()).isEqualTo(100_000_000L);
        assertThat(Rate.parse("1.5Mbit").toString()).isEqualTo("1500kbit");
        assertThat(Rate.parse("unlimited")).isEqualTo(Rate.UNLIMITED);
        assertThatThrownBy(() -> Rate.parse("1Gbps")).hasMessage("invalid rate '1Gbps': expected a number with a "
            + "unit: bit, kbit, Mbit, Gbit or Tbit (e.g. 100Mbit), or unlimited");
        assertThat(SimDuration.parse("0.5ms")).isEqualTo(Duration.ofNanos(500_000));
        assertThat(SimDuration.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(SimDuration.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(SimDuration.format(Duration.ofNanos(50_000))).isEqualTo("50us");
        assertThatThrownBy(() -> SimDuration.parse("5")).hasMessage(
            "invalid duration '5': expected a number with a unit: ns, us, ms, s or m (e.g. 1ms, 2.5s)");
        assertThatThrownBy(() -> SimDuration.parse("0.1ns")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBadScenarioIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Scenario.builder().cluster(c0().pod(ScenarioPod.of("db", "w7"))).build())
            .isInstanceOf(ScenarioException.class)
            .hasMessage("clusters[0].pods[2].worker: no worker w7 in cluster C0 (workers: w1, w2)");
        assertThatThrownBy(() -> Scenario.builder().cluster(c0()).cluster(c0()).build())
            .hasMessage("clusters[1].name: duplicate cluster name C0");
        assertThatThrownBy(() -> Scenario.builder().cluster(c0().worker("w3", Ipv4Address.parse("10.0.0.4"))).build())
            .hasMessage("clusters[0].workers[2].address: address 10.0.0.4 is already C0w2's");
        assertThatThrownBy(() -> Scenario.builder().cluster(c0()).capture("C9w1", "eth0").build())
            .hasMessage("captures[0].node: no node C9w1 (nodes: C0e1, C0w1, C0w2, s0)");
        assertThatThrownBy(() -> Scenario.builder().cluster(c0())
            .step(Step.on("C0w1").run("ls").expectMatches("(unclosed")).build())
            .hasMessage("steps[0].expect.matches: invalid regular expression: Unclosed group near index 9");
        assertThatThrownBy(() -> Scenario.builder().build()).hasMessage("clusters: expected at least one cluster");
        assertThatThrownBy(() -> Scenario.builder().cluster(c0().flannel(Flannel.LABS.withSubnetLen(7))).build())
            .hasMessage("clusters[0].flannel: Network must be able to accommodate at least four subnets");
        assertThatThrownBy(() -> Scenario.builder().cluster(c0().manifest(Manifest.yaml("kind: Pod\n"))).build())
            .hasMessage("clusters[0].manifests[0]: error: error validating \"inline manifest\": error validating data: "
                + "apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false");
    }
}
